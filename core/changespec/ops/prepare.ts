/**
 * What every ChangeSpec VCS operation starts from: the spec (found by name
 * in `SASE_HOME/projects`), the checkout it runs in, and that checkout's VCS
 * provider; plus the checks and lookups the operations share (a clean tree
 * before anything touches it, the ref a spec's commits live on, the ref its
 * parent's commits live on).
 *
 * @module
 */

import type { AppContext } from "../../context.ts";
import { SaseError } from "../../errors.ts";
import { exists } from "../../fs/access.ts";
import { isAbsolute, resolve } from "../../fs/path.ts";
import { neutralizeControls } from "../../text/control_chars.ts";
import type { CompleteVcsProvider } from "../../vcs/provider.ts";
import { resolveVcsProvider } from "../../vcs/resolve.ts";
import { projectStore } from "../read.ts";
import { baseStatus } from "../status.ts";
import { type ChangeSpecStore, type ProjectRef, projectRefOfFile } from "../store.ts";
import type { ChangeSpec } from "../types.ts";

/**
 * Asked once an operation has checked everything and before it changes
 * anything, with what it is about to do; throwing stops it (ACE shows a
 * dialog, the CLI asks or requires `-y`).
 */
export type ConfirmStep = (summary: string) => void | Promise<void>;

/** Which ChangeSpec an operation acts on, and where. */
export interface OpTarget {
  /** The ChangeSpec's NAME. */
  name: string;
  /** The project holding it (default: whichever project has a spec of that name). */
  project?: string;
  /** Or the ProjectSpec file holding it (its active or archive file). */
  projectFile?: string;
  /** The checkout to work in (default: the context's directory). */
  workspaceDir?: string;
  /** Asked before a destructive operation (revert, archive, rewind, mail) changes anything. */
  confirm?: ConfirmStep;
}

/** An operation's starting point. */
export interface PreparedOp {
  app: AppContext;
  store: ChangeSpecStore;
  ref: ProjectRef;
  /** The spec as it was when the operation started. */
  spec: ChangeSpec;
  /** Every spec of the project (active and archive), for parent and child lookups. */
  specs: ChangeSpec[];
  /** The checkout the VCS commands run in. */
  cwd: string;
  provider: CompleteVcsProvider;
}

/** Find the spec and the checkout's provider; a missing spec or directory is `not-found`. */
export async function prepareOp(app: AppContext, target: OpTarget): Promise<PreparedOp> {
  const store = projectStore(app.env);
  const ref = target.projectFile === undefined
    ? await store.locate(target.name, target.project)
    : await refOfProjectFile(app, target.projectFile);
  const snapshot = await store.snapshot(ref, true);
  const specs = [snapshot.active, snapshot.archive].flatMap((file) => file?.specs ?? []);
  const spec = specs.find((s) => s.name === target.name);
  if (spec === undefined) {
    throw new SaseError(
      "changespec.not_found",
      `no ChangeSpec named '${target.name}' in ${ref.activePath}`,
      { kind: "not-found" },
    );
  }
  const cwd = absoluteFrom(app, target.workspaceDir);
  let info: Deno.FileInfo | null = null;
  try {
    info = await Deno.stat(cwd);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  if (!info?.isDirectory) {
    throw new SaseError("changespec.no_workspace", `workspace directory ${cwd} does not exist`, {
      hint: "pass -w/--workspace-dir with the checkout of the ChangeSpec's repository",
      kind: "not-found",
    });
  }
  const { provider } = await resolveVcsProvider(app, { cwd });
  return { app, store, ref, spec, specs, cwd, provider };
}

function absoluteFrom(app: AppContext, path: string | undefined): string {
  if (path === undefined || path === "") return app.cwd;
  return isAbsolute(path) ? path : resolve(app.cwd, path);
}

async function refOfProjectFile(app: AppContext, path: string): Promise<ProjectRef> {
  const file = absoluteFrom(app, path);
  if (!(await exists(file))) {
    throw new SaseError("changespec.no_project_file", `project file not found: ${file}`, {
      kind: "not-found",
    });
  }
  return projectRefOfFile(file);
}

/** The spec's status without workspace or legacy suffixes. */
export function statusOf(spec: ChangeSpec): string {
  return baseStatus(spec.status);
}

/**
 * Refuse to `action` a spec while a child (a spec whose PARENT it is) has a
 * status outside `terminal`: the child would lose its parent.
 */
export function refuseLiveChildren(
  op: PreparedOp,
  action: string,
  terminal: readonly string[],
  hint: string,
): void {
  const children = op.specs
    .filter((s) => s.parent === op.spec.name && !terminal.includes(statusOf(s)))
    .map((s) => s.name);
  if (children.length === 0) return;
  throw new SaseError(
    "changespec.has_children",
    `cannot ${action} '${op.spec.name}': ChangeSpecs ${
      children.join(", ")
    } have it as their parent`,
    { hint, kind: "conflict" },
  );
}

/** Refuse an operation on a spec whose status is one of `statuses`. */
export function refuseStatuses(
  spec: ChangeSpec,
  statuses: readonly string[],
  action: string,
): void {
  const status = statusOf(spec);
  if (statuses.includes(status)) {
    throw new SaseError(
      "changespec.bad_status",
      `cannot ${action} '${spec.name}': its status is ${status}`,
      { kind: "conflict" },
    );
  }
}

/**
 * Refuse to go on when the checkout has uncommitted changes (untracked files
 * included): the operation would check out, reset or rebase under them.
 */
export async function requireCleanTree(op: PreparedOp, action: string): Promise<void> {
  const changes = await op.provider.hasLocalChanges(op.cwd);
  if (changes === null) return;
  const lines = changes.split("\n");
  const shown = lines.slice(0, 5).map((line) => `  ${line}`).join("\n");
  const more = lines.length > 5 ? `\n  ... and ${lines.length - 5} more` : "";
  throw new SaseError(
    "vcs.dirty_tree",
    `${op.cwd} has uncommitted changes; refusing to ${action} over them:\n${
      neutralizeControls(shown + more)
    }`,
    {
      hint: "commit, stash or discard them first (e.g. git stash --include-untracked)",
      kind: "conflict",
    },
  );
}

/** The ref `name`'s commits live on (its branch, an alias, `origin/<branch>`). */
export async function revisionOf(op: PreparedOp, name: string): Promise<string> {
  if (!op.provider.supports("resolveRevision")) return name;
  return await op.provider.resolveRevision(op.cwd, {
    changespecName: name,
    projectBasename: op.ref.name,
  });
}

/** Like {@linkcode revisionOf}, but null when no branch of `name` exists. */
export async function existingRevisionOf(op: PreparedOp, name: string): Promise<string | null> {
  try {
    return await revisionOf(op, name);
  } catch (error) {
    if (error instanceof SaseError && error.kind === "not-found") return null;
    throw error;
  }
}

/**
 * The ref a spec's work starts from: its parent's branch when the parent is
 * a spec of the project whose branch still exists, else the provider's
 * default parent (`origin/<default>`).
 */
export async function baseRevisionOf(op: PreparedOp, parent: string | null): Promise<string> {
  if (parent !== null && op.specs.some((s) => s.name === parent)) {
    const found = await existingRevisionOf(op, parent);
    if (found !== null) return found;
  }
  return await op.provider.defaultParentRevision(op.cwd);
}

/** The local branch a (possibly `origin/`-prefixed) ref names. */
export function localBranchOf(revision: string): string {
  return revision.startsWith("origin/") ? revision.slice("origin/".length) : revision;
}

/** Check out `revision` unless the checkout is already on it. */
export async function checkoutIfNeeded(op: PreparedOp, revision: string): Promise<void> {
  const current = op.provider.supports("branchName") ? await op.provider.branchName(op.cwd) : null;
  if (current !== null && current === localBranchOf(revision)) return;
  await op.provider.checkout(op.cwd, revision);
}
