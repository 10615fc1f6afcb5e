/**
 * The agent runtime behind `sase bead work` (and the epic and legend
 * follow-ups of plan approval): the plan's multi-prompt is launched as
 * detached agents through the one launch path, and a launch that fails
 * part-way stops what it started before the bead pre-claims are rolled back.
 *
 * @module
 */

import { join } from "node:path";
import type { LaunchedAgent } from "../../core/agent/run/launch.ts";
import { processEnv, saseHome } from "../../core/config/paths.ts";
import { loadBeadSettings } from "../../core/bead/settings.ts";
import { stopLaunchedAgents } from "../../core/bead/work_agents.ts";
import { resolveWorkContext } from "../../core/bead/work_context.ts";
import { runWork, type RunWorkResult, type WorkLauncher } from "../../core/bead/work_run.ts";
import { launchText } from "../run/launch_prompt.ts";
import { style } from "../output.ts";
import { actorFor } from "./context.ts";
import { plural } from "../../core/text/plural.ts";

/** What one bead work launch did. */
export interface BeadWorkLaunch {
  result: RunWorkResult;
  /** The detached agents, in launch order. */
  launched: LaunchedAgent[];
}

/** Inputs of {@linkcode launchBeadWork}. */
export interface BeadWorkInput {
  /** The bead store directory. */
  dir: string;
  id: string;
  /** The checkout the agents work in. */
  checkoutRoot: string;
  /** `-P/--no-push`. */
  noPush?: boolean;
}

function warn(message: string): void {
  console.error(style("yellow", `warning: ${message}`));
}

/** Launch the work for `input.id`: pre-claim, launch every agent detached, commit, push. */
export async function launchBeadWork(input: BeadWorkInput): Promise<BeadWorkLaunch> {
  const env = processEnv();
  const [context, settings, actor] = await Promise.all([
    resolveWorkContext({ env, cwd: Deno.cwd(), checkoutRoot: input.checkoutRoot }),
    loadBeadSettings(input.checkoutRoot, env),
    actorFor(input.dir),
  ]);
  let launched: LaunchedAgent[] = [];
  const launcher: WorkLauncher = {
    async launch(plan) {
      const since = new Date().toISOString();
      try {
        // Generated prompts stay out of the user's prompt history.
        const outcome = await launchText(plan.multiPrompt, { daemon: true, record: false, warn });
        launched = outcome.launched;
        return { agents: launched.map((agent) => agent.name) };
      } catch (error) {
        await stopLaunchedAgents(env, plan.segments.map((segment) => segment.name), since);
        throw error;
      }
    },
  };
  const result = await runWork(input.dir, input.id, {
    actor,
    env,
    launcher,
    context,
    push: settings.pushAfterCommit,
    noPush: input.noPush,
    logDir: join(saseHome(env), "logs"),
  });
  return { result, launched };
}

/** The human report of a launch. */
export function beadWorkReport({ result, launched }: BeadWorkLaunch): string[] {
  const lines = [
    `Launched ${plural(launched.length, "agent")} for ${result.plan.kind} ${result.plan.id}${
      result.plan.retry ? " (retry)" : ""
    }:`,
    ...launched.map((agent) =>
      `  ${agent.name}${
        agent.waits.length ? ` (waits for ${agent.waits.join(", ")})` : ""
      }  ${agent.dir}`
    ),
  ];
  if (result.committed) lines.push(`Committed: ${result.plan.commitMessage}`);
  if (result.push === "pushed") lines.push("Pushed the launch commit.");
  if (result.push === "background") {
    lines.push(`Pushing in the background; log: ${result.pushLog}`);
  }
  return lines;
}

/** The JSON report of a launch. */
export function beadWorkJson({ result, launched }: BeadWorkLaunch) {
  return {
    id: result.plan.id,
    kind: result.plan.kind,
    retry: result.plan.retry,
    agents: launched,
    committed: result.committed,
    push: result.push,
    ...(result.pushLog ? { push_log: result.pushLog } : {}),
    ...(result.warning ? { warning: result.warning } : {}),
  };
}
