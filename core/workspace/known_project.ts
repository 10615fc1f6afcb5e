/**
 * What a `-p/--project NAME` option may name: a registered project (its
 * ProjectSpec, by name or alias, in any lifecycle state) or a project that
 * only has agent records (`SASE_HOME/projects/<name>/`, e.g. a `#cd:` run's
 * project). Anything else is a typo and must stop the command with an error
 * naming it, rather than silently matching nothing.
 *
 * @module
 */

import { join } from "../fs/path.ts";
import { type Env, projectsDir } from "../config/paths.ts";
import { SaseError } from "../errors.ts";
import { findProject } from "./projects.ts";

/** How many known names an unknown-project error lists. */
const LISTED_NAMES = 10;

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isDirectory;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

/** Directory names under the projects root, sorted; empty when it does not exist. */
async function projectDirNames(root: string): Promise<string[]> {
  const names: string[] = [];
  try {
    for await (const entry of Deno.readDir(root)) {
      if (entry.isDirectory && !entry.name.startsWith(".")) names.push(entry.name);
    }
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return [];
    throw error;
  }
  return names.sort();
}

/**
 * Resolve `name` (a project name or alias) to the project's name, or throw
 * `project.not_found` naming it. A name is one path component: it becomes a
 * directory name, so `..`, `/` and control characters are refused
 * (`project.bad_name`, a usage error).
 */
export async function requireKnownProject(name: string, env: Env): Promise<string> {
  // deno-lint-ignore no-control-regex
  if (name === "" || name === "." || name === ".." || /[/\\\x00-\x1f\x7f]/.test(name)) {
    throw new SaseError("project.bad_name", `invalid project name ${JSON.stringify(name)}`, {
      hint: "a project name is one directory name, e.g. `-p myproj`",
      kind: "invalid-input",
    });
  }
  const registered = await findProject(name, env);
  if (registered) return registered.name;
  const root = projectsDir(env);
  if (await isDirectory(join(root, name))) return name;
  const known = await projectDirNames(root);
  const listed = known.slice(0, LISTED_NAMES).join(", ") +
    (known.length > LISTED_NAMES ? `, … (${known.length} in all)` : "");
  throw new SaseError("project.not_found", `no project named '${name}'`, {
    hint: known.length > 0
      ? `known projects: ${listed}; see \`sase project list --state all\``
      : `there are no projects under ${root} yet`,
    kind: "not-found",
  });
}
