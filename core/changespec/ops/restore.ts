/**
 * Restoring a reverted or archived ChangeSpec (handbook 22.3.5): check out
 * where it started (its parent's branch, else the default parent), apply
 * its saved diff (`SASE_HOME/reverted/<name>.diff`, else
 * `SASE_HOME/archived/<name>.diff`), and commit it again on a branch named
 * after the spec. The spec goes back to WIP (and to the active file).
 *
 * Providers that open pull requests (git: branch, commit, push; GitHub: and
 * `gh pr create`) re-create the change that way and the new URL replaces
 * the spec's PR; the others commit the applied diff under the spec's name.
 *
 * @module
 */

import type { AppContext } from "../../context.ts";
import { SaseError } from "../../errors.ts";
import { atomicWriteTextFile } from "../../fs/atomic_write.ts";
import { join } from "../../fs/path.ts";
import { editorHolding } from "../store.ts";
import { changeStatus, type StatusChangeResult } from "../transition.ts";
import type { ChangeSpec } from "../types.ts";
import { type DeltasRefresh, refreshDeltas } from "./deltas.ts";
import {
  baseRevisionOf,
  existingRevisionOf,
  type OpTarget,
  prepareOp,
  requireCleanTree,
  statusOf,
} from "./prepare.ts";
import { findSavedDiff, type SavedDiffKind, savedDiffPath } from "./saved_diffs.ts";
import { projectStore } from "../read.ts";

/** Statuses a spec can be restored from. */
export const RESTORABLE_STATUSES = ["Reverted", "Archived"] as const;

/** What {@linkcode restoreChangeSpec} did. */
export interface RestoreResult {
  name: string;
  project: string;
  /** The saved diff that was applied. */
  diffPath: string;
  diffKind: SavedDiffKind;
  /** The ref the diff was applied on. */
  base: string;
  /** The new review URL, when the provider opened one. */
  prUrl: string | null;
  status: StatusChangeResult;
  deltas: DeltasRefresh;
}

/** The commit message a restored spec gets: its description, else its name. */
function restoreMessage(spec: ChangeSpec): string {
  return spec.description.trim() === "" ? spec.name : spec.description.trim();
}

/** Restore ChangeSpec `target.name` from its saved diff. */
export async function restoreChangeSpec(app: AppContext, target: OpTarget): Promise<RestoreResult> {
  const op = await prepareOp(app, target);
  const { spec, provider, cwd } = op;
  const status = statusOf(spec);
  if (!(RESTORABLE_STATUSES as readonly string[]).includes(status)) {
    throw new SaseError(
      "changespec.bad_status",
      `cannot restore '${spec.name}': its status is ${status}, not Reverted or Archived`,
      { kind: "conflict" },
    );
  }
  const saved = await findSavedDiff(spec.name, app.env);
  if (saved === null) {
    throw new SaseError(
      "changespec.no_saved_diff",
      `no saved diff for '${spec.name}': neither ${
        savedDiffPath("reverted", spec.name, app.env)
      } nor ${savedDiffPath("archived", spec.name, app.env)} exists`,
      { hint: "only a spec reverted or archived by sase has one", kind: "not-found" },
    );
  }
  if ((await Deno.stat(saved.path)).size === 0) {
    throw new SaseError(
      "changespec.empty_saved_diff",
      `the saved diff ${saved.path} is empty: '${spec.name}' had no changes to restore`,
      { hint: "set its status with `sase changespec set-status` instead", kind: "conflict" },
    );
  }
  await requireCleanTree(op, "restore");
  const leftover = await existingRevisionOf(op, spec.name);
  if (leftover !== null) {
    throw new SaseError(
      "changespec.branch_exists",
      `cannot restore '${spec.name}': its branch still exists (${leftover})`,
      {
        hint: `delete it first (git branch -D ${spec.name}; git push origin --delete ${spec.name})`,
        kind: "conflict",
      },
    );
  }
  const base = await baseRevisionOf(op, spec.parent);
  await provider.checkout(cwd, base);
  await provider.applyPatch(cwd, saved.path);
  const message = restoreMessage(spec);
  let prUrl: string | null = null;
  if (provider.supports("createPullRequest")) {
    prUrl = await provider.createPullRequest(cwd, { name: spec.name, message });
  } else {
    await provider.addRemove(cwd);
    const dir = await Deno.makeTempDir({ prefix: "sase-restore-" });
    try {
      const logfile = join(dir, "message.txt");
      await atomicWriteTextFile(logfile, message + "\n");
      await provider.commit(cwd, spec.name, logfile);
    } finally {
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    }
  }
  const { store } = op;
  const changed = await changeStatus(store, {
    name: spec.name,
    status: "WIP",
    project: op.ref.name,
    validate: false,
    now: app.now(),
  });
  if (prUrl !== null) {
    const url = prUrl;
    await store.mutate(op.ref, (editors) => {
      editorHolding(editors, spec.name).setField(spec.name, "PR", url);
    });
  }
  const deltas = await refreshDeltas(op, { name: spec.name, parent: spec.parent });
  return {
    name: spec.name,
    project: op.ref.name,
    diffPath: saved.path,
    diffKind: saved.kind,
    base,
    prUrl,
    status: changed,
    deltas,
  };
}

/** A spec `sase restore --list` shows. */
export interface RestorableSpec {
  name: string;
  project: string;
  status: string;
  /** Its saved diff, when it has one. */
  diffPath: string | null;
}

/** Every Reverted ChangeSpec of every project, with its saved diff. */
export async function listRevertedChangeSpecs(app: AppContext): Promise<RestorableSpec[]> {
  const store = projectStore(app.env);
  const out: RestorableSpec[] = [];
  for (const spec of await store.specs({ states: "all", includeArchive: true })) {
    if (statusOf(spec) !== "Reverted") continue;
    const saved = await findSavedDiff(spec.name, app.env);
    out.push({
      name: spec.name,
      project: spec.projectBasename,
      status: spec.status,
      diffPath: saved?.path ?? null,
    });
  }
  return out;
}
