/**
 * The wire format of bead work: a work plan (`sase bead work -n -j`) and a
 * launch (`sase bead work -j`), with snake_case keys, as the CLI prints them
 * and ACE and the gateway will send them.
 *
 * @module
 */

import { type LaunchedAgentWire, launchedAgentWire } from "../agent/wire.ts";
import type { EventDraft } from "./event.ts";
import type { WorkPlan } from "./work.ts";
import type { BeadWorkLaunch } from "./work_launch.ts";
import type { RunWorkResult } from "./work_run.ts";

/** A work plan on the wire. */
export interface WorkPlanWire {
  kind: WorkPlan["kind"];
  id: string;
  title: string;
  retry: boolean;
  waves: string[][];
  segments: { name: string; bead_id: string; waits_on: string[]; text: string }[];
  multi_prompt: string;
  reuse_names: string[];
  launch_events: EventDraft[];
  rollback_events: EventDraft[];
  commit_message: string;
}

/** A bead work launch on the wire. */
export interface BeadWorkWire {
  id: string;
  kind: WorkPlan["kind"];
  retry: boolean;
  agents: LaunchedAgentWire[];
  committed: boolean;
  push: RunWorkResult["push"];
  push_log?: string;
  warning?: string;
}

/** `plan` in wire form. */
export function workPlanWire(plan: WorkPlan): WorkPlanWire {
  return {
    kind: plan.kind,
    id: plan.id,
    title: plan.title,
    retry: plan.retry,
    waves: plan.waves,
    segments: plan.segments.map((segment) => ({
      name: segment.name,
      bead_id: segment.beadId,
      waits_on: segment.waitsOn,
      text: segment.text,
    })),
    multi_prompt: plan.multiPrompt,
    reuse_names: plan.reuseNames,
    launch_events: plan.launchEvents,
    rollback_events: plan.rollbackEvents,
    commit_message: plan.commitMessage,
  };
}

/** A bead work launch in wire form. */
export function beadWorkWire({ result, launched }: BeadWorkLaunch): BeadWorkWire {
  return {
    id: result.plan.id,
    kind: result.plan.kind,
    retry: result.plan.retry,
    agents: launched.map(launchedAgentWire),
    committed: result.committed,
    push: result.push,
    ...(result.pushLog ? { push_log: result.pushLog } : {}),
    ...(result.warning ? { warning: result.warning } : {}),
  };
}
