/**
 * Keeping a ChangeSpec's DELTAS current (handbook 8.2.9): the files its
 * branch changes against its parent's branch (or the default parent when it
 * has none), computed from the provider's name-status and line statistics
 * and written under the ProjectSpec lock.
 *
 * After commit, rewind, sync, proposal accept and rebase the refresh is
 * best-effort: when a VCS query fails the DELTAS section is left as it was
 * and the operation that asked goes on. `sase changespec sync-deltas`
 * refreshes on demand and reports a failure.
 *
 * @module
 */

import type { AppContext } from "../../context.ts";
import { SaseError } from "../../errors.ts";
import { computeDeltas } from "../../vcs/deltas.ts";
import { replaceDeltas } from "../tracking.ts";
import type { DeltaEntry } from "../types.ts";
import {
  baseRevisionOf,
  type OpTarget,
  type PreparedOp,
  prepareOp,
  revisionOf,
} from "./prepare.ts";

/** The ChangeSpec whose DELTAS are computed, as it is now (after a rename or rebase). */
export interface DeltasSubject {
  name: string;
  parent: string | null;
}

/** What a best-effort refresh did. */
export interface DeltasRefresh {
  /** True when the DELTAS section was rewritten. */
  refreshed: boolean;
  /** The new entries (empty: the section was removed); null when not refreshed. */
  deltas: DeltaEntry[] | null;
  /** Why the refresh did not happen; null when it did. */
  error: string | null;
}

/**
 * The DELTAS of `subject` from the VCS: its branch against its parent's
 * branch, or against the default parent when it has none. Providers without
 * line statistics give entries without `LINES` drawers.
 */
export async function computeChangeSpecDeltas(
  op: PreparedOp,
  subject: DeltasSubject,
): Promise<DeltaEntry[]> {
  const parentRef = await baseRevisionOf(op, subject.parent);
  const headRef = await revisionOf(op, subject.name);
  const nameStatus = await op.provider.diffNameStatus(op.cwd, parentRef, headRef);
  const lineStats = op.provider.supports("diffLineStats")
    ? await op.provider.diffLineStats(op.cwd, parentRef, headRef).catch((error) => {
      // Line counts are optional: their failure costs only the LINES drawers.
      if (error instanceof SaseError) return null;
      throw error;
    })
    : null;
  return computeDeltas(nameStatus, lineStats);
}

async function writeDeltas(op: PreparedOp, name: string, deltas: DeltaEntry[]): Promise<void> {
  await replaceDeltas(op.store, { name, projectFile: op.ref.activePath }, deltas);
}

/**
 * Recompute and write `subject`'s DELTAS, never throwing: a failure leaves
 * the section untouched and is returned for the caller to mention.
 */
export async function refreshDeltas(
  op: PreparedOp,
  subject: DeltasSubject,
): Promise<DeltasRefresh> {
  try {
    const deltas = await computeChangeSpecDeltas(op, subject);
    await writeDeltas(op, subject.name, deltas);
    return { refreshed: true, deltas, error: null };
  } catch (error) {
    return { refreshed: false, deltas: null, error: (error as Error).message };
  }
}

/**
 * The best-effort refresh for callers that have no prepared operation (the
 * commit workflow after a COMMITS entry, ACE after accepting a proposal):
 * finds the spec and the checkout's provider, then refreshes; never throws.
 */
export async function refreshChangeSpecDeltas(
  app: AppContext,
  target: OpTarget,
): Promise<DeltasRefresh> {
  try {
    const op = await prepareOp(app, target);
    return await refreshDeltas(op, op.spec);
  } catch (error) {
    return { refreshed: false, deltas: null, error: (error as Error).message };
  }
}

/** What {@linkcode syncDeltas} did. */
export interface SyncDeltasResult {
  name: string;
  project: string;
  projectFile: string;
  deltas: DeltaEntry[];
}

/**
 * `sase changespec sync-deltas`: recompute one ChangeSpec's DELTAS from the
 * checkout's VCS state. A failed VCS query is an error and the existing
 * section stays as it was.
 */
export async function syncDeltas(app: AppContext, target: OpTarget): Promise<SyncDeltasResult> {
  const op = await prepareOp(app, target);
  let deltas: DeltaEntry[];
  try {
    deltas = await computeChangeSpecDeltas(op, op.spec);
  } catch (error) {
    if (!(error instanceof SaseError)) throw error;
    throw new SaseError(
      error.code,
      `could not compute DELTAS for '${op.spec.name}' (DELTAS left as they were): ${error.message}`,
      { hint: error.hint, kind: error.kind, cause: error },
    );
  }
  await writeDeltas(op, op.spec.name, deltas);
  return { name: op.spec.name, project: op.ref.name, projectFile: op.spec.filePath, deltas };
}
