/**
 * The immutable-branch alias map (handbook 22.4.1): when a provider cannot
 * rename a branch (GitHub, once the branch has a pull request), the
 * ChangeSpec's new name is mapped to the branch it still lives on, in
 * `~/.sase/projects/<project>/branch_map.json` (`{"<changespec name>":
 * "<git branch>"}`, as the original writes it: two-space JSON plus a
 * newline).
 *
 * @module
 */

import { type Env, projectsDir } from "../config/paths.ts";
import { atomicWriteJson } from "../fs/atomic_write.ts";
import { readJsonFile } from "../fs/json_object.ts";
import { withFileLock } from "../fs/lock.ts";
import { join } from "../fs/path.ts";
import { SaseError } from "../errors.ts";

/** `~/.sase/projects/<project>/branch_map.json`. */
export function branchMapPath(project: string, env: Env): string {
  return join(projectsDir(env), project, "branch_map.json");
}

/** The alias map of `project` (empty when it has none); a malformed file is an error naming it. */
export async function readBranchMap(project: string, env: Env): Promise<Record<string, string>> {
  const path = branchMapPath(project, env);
  const value = await readJsonFile(path, "vcs.branch_map");
  if (value === undefined) return {};
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    throw new SaseError("vcs.branch_map", `${path}: expected an object of name → branch`, {
      kind: "invalid-data",
    });
  }
  for (const [name, branch] of Object.entries(value)) {
    if (typeof branch !== "string") {
      throw new SaseError("vcs.branch_map", `${path}: field '${name}' must be a branch name`, {
        kind: "invalid-data",
      });
    }
  }
  return value as Record<string, string>;
}

/** Record that ChangeSpec `name` lives on `branch`. */
export async function writeBranchAlias(
  project: string,
  name: string,
  branch: string,
  env: Env,
): Promise<void> {
  const path = branchMapPath(project, env);
  await withFileLock(path, async () => {
    const map = await readBranchMap(project, env);
    map[name] = branch;
    await atomicWriteJson(path, map);
  });
}

/** Forget the alias of `name`; the file goes away with its last alias. */
export async function removeBranchAlias(project: string, name: string, env: Env): Promise<void> {
  const path = branchMapPath(project, env);
  await withFileLock(path, async () => {
    const map = await readBranchMap(project, env);
    if (!(name in map)) return;
    delete map[name];
    if (Object.keys(map).length === 0) await Deno.remove(path);
    else await atomicWriteJson(path, map);
  });
}
