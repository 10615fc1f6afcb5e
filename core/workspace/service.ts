/**
 * The workspace service the agent launcher calls: claim a workspace for an
 * agent (recording it in the ProjectSpec `RUNNING` field and materializing
 * the checkout), hand a claim to a retry child, turn a deferred `%wait`
 * placeholder into a real workspace, and release it when the agent ends.
 *
 * Directory runs (`#cd`) and every other non-numbered workspace are
 * workspace `#0` and touch no ProjectSpec.
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import {
  addClaim,
  type ClaimRange,
  type ClaimRow,
  promoteClaim,
  removeClaim,
  rewriteClaim,
} from "./claims.ts";
import { materializeWorkspace } from "./checkout.ts";
import { PRIMARY_WORKSPACE } from "./numbers.ts";
import { touchCheckout } from "./registry.ts";
import type { Claimant, ResolvedWorkspace, WorkspaceClaim } from "./types.ts";
import type { WorkspaceContext } from "./provider.ts";

/** Options for {@linkcode claimWorkspace}. */
export interface ClaimOptions {
  /** A `%wait` launch: hold `#0` until {@linkcode activateDeferredClaim}. */
  deferred?: boolean;
  /** Claim this number instead of the first free one (legacy explicit callers). */
  num?: number;
  /** Allocation bounds (default `#10`–`#999`). */
  range?: ClaimRange;
}

function fullClaimant(claimant: Claimant): Required<Claimant> {
  return { ...claimant, workflow: claimant.workflow ?? "run" };
}

function rowOf(claimant: Required<Claimant>): ClaimRow {
  return {
    pid: claimant.pid,
    workflow: claimant.workflow,
    changespec: claimant.agentName,
    timestamp: claimant.timestamp || null,
    pinned: false,
  };
}

function projectFileOf(workspace: ResolvedWorkspace): string {
  if (!workspace.projectFile) {
    throw new SaseError(
      "workspace.no_project_file",
      `workspace '${workspace.ref}' of type #${workspace.kind} has no ProjectSpec to claim in`,
      { kind: "conflict" },
    );
  }
  return workspace.projectFile;
}

async function materializeClaim(
  workspace: ResolvedWorkspace,
  num: number,
  claimant: Required<Claimant>,
  ctx: WorkspaceContext,
): Promise<{ dir: string; registryPath: string | null }> {
  const projectFile = projectFileOf(workspace);
  try {
    const { dir, layout } = await materializeWorkspace(workspace, num, ctx, {
      role: "claim",
      prepare: true,
      reason: `claim by ${claimant.agentName}`,
    });
    return { dir, registryPath: dir === layout.primaryDir ? null : layout.registryPath };
  } catch (error) {
    await removeClaim(projectFile, num, claimant.pid);
    throw error;
  }
}

/**
 * Claim a workspace for `claimant`. Numbered workspaces get the first free
 * number from `#10` recorded in RUNNING and a ready checkout (cloned when
 * missing, synced to the default revision); a deferred claim records `#0`
 * and runs in the primary checkout until activated. A failed
 * materialization releases the claim again.
 */
export async function claimWorkspace(
  workspace: ResolvedWorkspace,
  claimant: Claimant,
  ctx: WorkspaceContext,
  options: ClaimOptions = {},
): Promise<WorkspaceClaim> {
  const holder = fullClaimant(claimant);
  const base = { workspace, claimant: holder, registryPath: null };
  if (!workspace.numbered) {
    return { ...base, num: PRIMARY_WORKSPACE, dir: workspace.primaryDir, deferred: false };
  }
  const projectFile = projectFileOf(workspace);
  if (options.deferred) {
    await addClaim(projectFile, PRIMARY_WORKSPACE, rowOf(holder));
    return { ...base, num: PRIMARY_WORKSPACE, dir: workspace.primaryDir, deferred: true };
  }
  const num = await addClaim(projectFile, options.num ?? null, rowOf(holder), options.range);
  const { dir, registryPath } = await materializeClaim(workspace, num, holder, ctx);
  return { ...base, num, dir, deferred: false, registryPath };
}

/** Turn a deferred `#0` claim into a numbered, materialized workspace (same RUNNING row). */
export async function activateDeferredClaim(
  claim: WorkspaceClaim,
  ctx: WorkspaceContext,
  range: ClaimRange = {},
): Promise<WorkspaceClaim> {
  if (!claim.deferred) return claim;
  const num = await promoteClaim(projectFileOf(claim.workspace), claim.claimant.pid, range);
  const { dir, registryPath } = await materializeClaim(claim.workspace, num, claim.claimant, ctx);
  return { ...claim, num, dir, deferred: false, registryPath };
}

/**
 * Release a claim (agent completed, failed or was killed). Releasing one
 * that is already gone is not an error.
 */
export async function releaseWorkspace(claim: WorkspaceClaim): Promise<void> {
  if (!claim.workspace.numbered || !claim.workspace.projectFile) return;
  await removeClaim(claim.workspace.projectFile, claim.num, claim.claimant.pid);
  if (claim.registryPath) await touchCheckout(claim.registryPath, claim.num);
}

/**
 * Hand a claim to another agent process (spawn-on-retry child) by rewriting
 * its RUNNING row in place: the workspace is never free in between.
 */
export async function transferClaim(
  claim: WorkspaceClaim,
  to: Claimant,
): Promise<WorkspaceClaim> {
  const holder = fullClaimant({ ...to, workflow: to.workflow ?? claim.claimant.workflow });
  if (claim.workspace.numbered) {
    await rewriteClaim(
      projectFileOf(claim.workspace),
      claim.num,
      claim.claimant.pid,
      rowOf(holder),
    );
  }
  return { ...claim, claimant: holder };
}
