/**
 * Deciding a human checkpoint from outside the run (`sase agent hitl`, and
 * later ACE's modal and the gateway): read the pending request, write the
 * decision once, and make sure a runner takes it — the run's own runner
 * when it is alive, otherwise a fresh detached runner that resumes the run
 * at the checkpoint (its state file holds everything done before). So a
 * decision survives the death of the runner that asked for it.
 *
 * @module
 */

import { join } from "../fs/path.ts";
import type { AppContext } from "../context.ts";
import { SaseError } from "../errors.ts";
import { readJsonObjectSync } from "../fs/json_object.ts";
import { ARTIFACT_FILES } from "../agent/records/artifacts.ts";
import { updateAgentMeta } from "../agent/records/meta.ts";
import { indexLocation } from "../agent/index/index_service.ts";
import { recordedProcess } from "../agent/index/liveness.ts";
import { resolveAgent } from "../agent/index/resolve.ts";
import type { HitlDecision } from "./engine.ts";
import {
  type HitlRequestFile,
  readHitlRequest,
  readHitlResponse,
  writeHitlResponse,
} from "./hitl.ts";

/** A run waiting at a checkpoint, and where. */
export interface PendingCheckpoint {
  name: string;
  dir: string;
  request: HitlRequestFile;
}

/** What a decision did. */
export interface HitlDecisionResult extends PendingCheckpoint {
  action: HitlDecision["action"];
  /** The run's runner had died: a new one was started to resume it. */
  resumed: boolean;
  /** The runner that takes the decision. */
  runnerPid: number | null;
}

/** The checkpoint the agent `name` waits at; throws when it waits at none. */
export async function pendingCheckpoint(app: AppContext, name: string): Promise<PendingCheckpoint> {
  const run = await resolveAgent(indexLocation(app.env), name);
  const dir = run.record.dir;
  const done = readJsonObjectSync(join(dir, ARTIFACT_FILES.done));
  if (done) {
    throw new SaseError(
      "workflow.hitl_none",
      `agent '${name}' already finished (${done.outcome ?? "done"}); there is nothing to decide`,
      { kind: "conflict" },
    );
  }
  const request = readHitlRequest(dir);
  if (!request) {
    throw new SaseError(
      "workflow.hitl_none",
      `agent '${name}' is not waiting at a human checkpoint`,
      {
        hint: "only workflow runs paused at a 'hitl: true' step take decisions",
        kind: "conflict",
      },
    );
  }
  return { name: run.record.name ?? name, dir, request };
}

/** The runner of the run in `dir`, when it is alive. */
function liveRunner(dir: string): number | null {
  const path = join(dir, ARTIFACT_FILES.meta);
  const meta = readJsonObjectSync(path);
  const pid = typeof meta?.pid === "number" ? meta.pid : null;
  if (pid === null) return null;
  let mtime: number | null = null;
  try {
    mtime = Deno.statSync(path).mtime?.getTime() ?? null;
  } catch {
    // No meta: no runner.
  }
  return recordedProcess(pid, mtime) ? pid : null;
}

/**
 * Decide the checkpoint the agent `name` waits at. An `edit` must carry
 * the new output as a JSON object or list.
 */
export async function decideHitl(
  app: AppContext,
  name: string,
  decision: HitlDecision,
): Promise<HitlDecisionResult> {
  const pending = await pendingCheckpoint(app, name);
  if (decision.action === "edit") {
    const output = decision.output;
    if (!output || typeof output !== "object") {
      throw new SaseError(
        "workflow.hitl_edit",
        "an edit needs the new output as a JSON object or list",
        {
          kind: "invalid-input",
        },
      );
    }
  }
  let action = decision.action;
  try {
    await writeHitlResponse(pending.dir, decision);
  } catch (error) {
    // A decision another client wrote (the gateway, ACE) that no runner took yet:
    // with the runner gone, it is that decision that resumes the run.
    const waiting = readHitlResponse(pending.dir);
    if (!(error instanceof SaseError) || liveRunner(pending.dir) !== null || !waiting) throw error;
    action = waiting.action;
  }
  const alive = liveRunner(pending.dir);
  if (alive !== null) return { ...pending, action, resumed: false, runnerPid: alive };
  const { spawnDetachedRunner } = await import("../agent/run/daemon.ts");
  const pid = await spawnDetachedRunner(pending.dir, app.env);
  await updateAgentMeta(pending.dir, { pid });
  return { ...pending, action, resumed: true, runnerPid: pid };
}
