/**
 * Spawn-on-retry (handbook 21.18.8): with `spawn_new_agent: true` a
 * retryable failure hands the run to a fresh detached child instead of
 * retrying in-process. The parent writes `retry_handoff.json`, links both
 * records (`retry_of_timestamp` / `retried_as_timestamp`, chain root and
 * depth) and ends as failed-and-retried without releasing its workspace:
 * the child adopts the claim (and the edits in it) and continues the
 * chain's retry budget.
 *
 * @module
 */

import { join } from "../../fs/path.ts";
import { atomicWriteJson } from "../../fs/atomic_write.ts";
import type { LaunchRecord } from "./launch_record.ts";
import type { RetryLink } from "./launch_request.ts";
import { updateAgentMeta } from "../records/meta.ts";
import { prepareRun } from "./prepare.ts";
import { indexRunQuietly } from "../index/index_service.ts";
import type { RunDeps } from "./run_deps.ts";
import type { WorkspaceClaim } from "../../workspace/types.ts";

/** The handoff file written into the parent's artifact directory. */
export const RETRY_HANDOFF_FILE = "retry_handoff.json";

/** Where the chain stands when the parent hands over. */
export interface RetryState {
  retryCount: number;
  usedFallback: boolean;
  retryErrors: string[];
  /** The prompt the child continues with (continuation nudge included). */
  prompt: string;
  /** The model the child runs (the fallback once retries are spent). */
  model: string;
  /** Seconds the child waits before its attempt. */
  waitSeconds: number;
}

/** The launched child. */
export interface RetryChild {
  name: string;
  timestamp: string;
  dir: string;
}

/**
 * Prepare and spawn the retry child of `parent`. Resolves to undefined when
 * it cannot (no spawner): the caller then retries in-process.
 */
export async function spawnRetryChild(
  parent: LaunchRecord,
  state: RetryState,
  deps: RunDeps,
  claim?: WorkspaceClaim,
): Promise<RetryChild | undefined> {
  if (!deps.spawnRunner) return undefined;
  const link: RetryLink = {
    timestamp: parent.timestamp,
    rootTimestamp: parent.retry_of?.rootTimestamp ?? parent.timestamp,
    attempt: (parent.retry_of?.attempt ?? 0) + 1,
    retryCount: state.retryCount,
    usedFallback: state.usedFallback,
    retryErrors: state.retryErrors,
  };
  const child = await prepareRun(
    {
      prompt: state.prompt,
      name: `${parent.name.replace(/\.r\d+$/, "")}.r${link.attempt}`,
      provider: parent.provider,
      model: state.model,
      tier: parent.tier,
      ...(claim ? { claim } : { cwd: parent.cwd }),
      hidden: parent.hidden,
      waitUntil: state.waitSeconds > 0
        ? new Date(Date.now() + state.waitSeconds * 1000).toISOString()
        : undefined,
      retryOf: link,
    },
    deps,
    { daemon: true },
  );
  await atomicWriteJson(join(parent.dir, RETRY_HANDOFF_FILE), {
    schema_version: 1,
    parent_timestamp: parent.timestamp,
    child_timestamp: child.timestamp,
    child_name: child.name,
    child_artifacts_dir: child.dir,
    retry_chain_root_timestamp: link.rootTimestamp,
    retry_attempt: link.attempt,
    retry_count: state.retryCount,
    used_fallback: state.usedFallback,
    retry_errors: state.retryErrors,
    model: state.model,
    workspace_dir: parent.cwd,
  });
  const pid = await deps.spawnRunner(child.dir, deps.env);
  await updateAgentMeta(child.dir, { pid });
  await indexRunQuietly(deps.env, child.dir, deps.warn);
  return { name: child.name, timestamp: child.timestamp, dir: child.dir };
}
