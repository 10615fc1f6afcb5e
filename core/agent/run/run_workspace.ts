/**
 * The workspace a running agent holds: claimed when the runner starts (a
 * `%wait`ing run holds `#0` until its dependencies are done, then gets its
 * numbered checkout), adopted from the parent for a spawn-on-retry child,
 * and released when the run ends unless it was handed over.
 *
 * @module
 */

import {
  activateDeferredClaim,
  claimWorkspace,
  releaseWorkspace,
  transferClaim,
} from "../../workspace/service.ts";
import { workspaceEnv } from "../../workspace/env.ts";
import type { WorkspaceClaim } from "../../workspace/types.ts";
import type { LaunchRecord } from "./launch_record.ts";
import { updateAgentMeta } from "../records/meta.ts";
import { workspaceContext } from "./prepare.ts";
import type { RunDeps } from "./run_deps.ts";

/** What claiming needs of a run (agent and workflow launches alike). */
export type ClaimingRun = Pick<LaunchRecord, "name" | "timestamp" | "dir" | "claim" | "workspace">;

/** Claim (or adopt) the run's workspace; undefined for runs pinned to a `cwd`. */
export async function claimRunWorkspace(
  record: ClaimingRun,
  deps: RunDeps,
  options: { deferred: boolean },
): Promise<WorkspaceClaim | undefined> {
  const claimant = { agentName: record.name, timestamp: record.timestamp, pid: Deno.pid };
  if (record.claim) return await transferClaim(record.claim, claimant);
  if (!record.workspace) return undefined;
  return await claimWorkspace(record.workspace, claimant, workspaceContext(deps), options);
}

/** A deferred claim turned into its numbered checkout; records where the run works. */
export async function activateRunWorkspace(
  claim: WorkspaceClaim | undefined,
  record: ClaimingRun,
  deps: RunDeps,
): Promise<WorkspaceClaim | undefined> {
  if (!claim) return undefined;
  const active = claim.deferred
    ? await activateDeferredClaim(claim, workspaceContext(deps))
    : claim;
  await updateAgentMeta(record.dir, {
    workspace_dir: active.dir,
    cwd: active.dir,
    workspace_num: active.num,
    workspace_kind: active.workspace.kind,
    workspace_ref: active.workspace.ref,
  });
  return active;
}

/** The agent's environment with the claim's workspace variables. */
export function envWithWorkspace(
  claim: WorkspaceClaim | undefined,
  env: Record<string, string>,
): Record<string, string> {
  return claim ? workspaceEnv(claim, env) : env;
}

/** Release `claim` (a no-op without one); failures are reported, not thrown. */
export async function releaseRunWorkspace(
  claim: WorkspaceClaim | undefined,
  deps: RunDeps,
): Promise<void> {
  if (!claim) return;
  await releaseWorkspace(claim).catch((error) =>
    deps.warn?.(`could not release workspace #${claim.num}: ${error}`)
  );
}
