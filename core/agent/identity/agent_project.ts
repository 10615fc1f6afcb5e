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

import { join } from "../../fs/path.ts";
import { type Env, projectsDir } from "../../config/paths.ts";
import { SaseError } from "../../errors.ts";
import { resolvesToEntry } from "../../fs/access.ts";
import { findProject, knownProjectNames } from "../../workspace/projects.ts";

/** The canonical name of project `name` (or alias), or an error naming it with the known ones. */
export async function resolveAgentProject(env: Env, name: string): Promise<string> {
  const valid = name !== "" && !name.includes("/") && name !== "." && name !== "..";
  if (valid && await resolvesToEntry(join(projectsDir(env), name))) return name;
  const registered = valid ? await findProject(name, env) : null;
  if (registered) return registered.name;
  const known = await knownProjectNames(env);
  throw new SaseError("agent.unknown_project", `no project named '${name}'`, {
    hint: known.length > 0
      ? `known projects: ${known.join(", ")}`
      : "no project has agents yet; start one with `sase run <prompt>`",
    kind: "not-found",
  });
}
