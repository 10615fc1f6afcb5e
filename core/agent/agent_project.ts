/**
 * The project a `-p NAME` of an agent command names. Agents run in
 * registered projects (a ProjectSpec, possibly reached through an alias)
 * and in ad-hoc ones (`#cd:DIR` runs), which exist only as a directory of
 * run artifacts under `SASE_HOME/projects/`; both are known. Anything else
 * is a typo, refused with the names that would work rather than answered
 * with an empty listing.
 *
 * @module
 */

import { join } from "node:path";
import { type Env, projectsDir } from "../config/paths.ts";
import { SaseError } from "../errors.ts";
import { resolvesToEntry } from "../fs/access.ts";
import { findProject } from "../workspace/projects.ts";

async function projectDirs(env: Env): Promise<string[]> {
  const names: string[] = [];
  try {
    for await (const entry of Deno.readDir(projectsDir(env))) {
      if (entry.isDirectory) names.push(entry.name);
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return names.sort();
}

const LISTED = 10;

/** The canonical name of project `name` (or alias), or an error naming it with the known ones. */
export async function resolveAgentProject(env: Env, name: string): Promise<string> {
  const valid = name !== "" && !name.includes("/") && name !== "." && name !== "..";
  if (valid && await resolvesToEntry(join(projectsDir(env), name))) return name;
  const registered = valid ? await findProject(name, env) : null;
  if (registered) return registered.name;
  const known = await projectDirs(env);
  const listed = known.slice(0, LISTED).join(", ") +
    (known.length > LISTED ? `, ... (${known.length} in total)` : "");
  throw new SaseError("agent.unknown_project", `no project named '${name}'`, {
    hint: known.length > 0
      ? `known projects: ${listed}`
      : "no project has agents yet; start one with `sase run <prompt>`",
  });
}
