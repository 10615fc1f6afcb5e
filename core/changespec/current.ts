/**
 * Finding the ChangeSpec of the current workspace: the git branch checked
 * out in the working directory names the spec (branch = NAME), and a
 * project whose WORKSPACE_DIR is the checkout wins when names collide.
 *
 * @module
 */

import { resolve } from "../fs/path.ts";
import { SaseError } from "../errors.ts";
import { runGit } from "../git.ts";
import type { Env } from "../config/paths.ts";
import { homeDir } from "../config/paths.ts";
import type { ChangeSpecStore } from "./store.ts";
import type { ChangeSpec } from "./types.ts";

async function git(cwd: string, env: Env, ...args: string[]): Promise<string | null> {
  const result = await runGit(cwd, args, { env });
  return result.ok ? result.stdout.trim() : null;
}

function expandHome(path: string, env: Env): string {
  return path.startsWith("~/") ? `${homeDir(env)}/${path.slice(2)}` : path;
}

/** The ChangeSpec for the git checkout at `cwd`. */
export async function currentChangeSpec(
  store: ChangeSpecStore,
  cwd: string,
  env: Env,
): Promise<ChangeSpec> {
  const top = await git(cwd, env, "rev-parse", "--show-toplevel");
  if (top === null) {
    throw new SaseError("changespec.no_workspace", `${cwd} is not inside a git workspace`, {
      hint: "run this from a workspace checkout whose branch is named after a ChangeSpec",
      kind: "unavailable",
    });
  }
  const branch = await git(cwd, env, "rev-parse", "--abbrev-ref", "HEAD");
  if (branch === null || branch === "HEAD") {
    throw new SaseError(
      "changespec.no_branch",
      `${top} has no branch checked out (detached HEAD)`,
      { kind: "conflict" },
    );
  }
  const candidates: Array<{ spec: ChangeSpec; workspace: string | null }> = [];
  for (const snap of await store.snapshots({ states: "all", includeArchive: true })) {
    const workspace = snap.active?.header.workspaceDir ?? null;
    for (const file of [snap.active, snap.archive]) {
      for (const spec of file?.specs ?? []) {
        if (spec.name === branch) candidates.push({ spec, workspace });
      }
    }
  }
  if (candidates.length === 0) {
    throw new SaseError(
      "changespec.not_found",
      `no ChangeSpec named '${branch}' (the branch checked out in ${top})`,
      {
        hint: "check the branch name or search with `sase changespec search name:<name>`",
        kind: "not-found",
      },
    );
  }
  const topReal = resolve(top);
  const local = candidates.find((c) =>
    c.workspace && resolve(expandHome(c.workspace, env)) === topReal
  );
  return (local ?? candidates[0]).spec;
}
