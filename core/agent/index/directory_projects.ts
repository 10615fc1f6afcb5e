/**
 * Directory projects: the projects `#cd:<dir>` runs create. They have no
 * ProjectSpec; they exist as `SASE_HOME/projects/<name>/` holding the runs'
 * artifacts, each run's `agent_meta.json` recording `workspace_kind: "cd"`
 * and the directory (`workspace_dir`). `sase agent list` shows them, so the
 * workspace commands and the doctor must know them too: by name (the
 * directory of the project's newest `#cd` run) and by a directory inside
 * one (the handbook's provider step when inferring a project from a cwd).
 *
 * @module
 */

import { basename, dirname, join, resolve } from "../../fs/path.ts";
import { type Env, homeDir, projectsDir } from "../../config/paths.ts";
import { readJsonObject } from "../../fs/json_object.ts";
import { ARTIFACT_FILES } from "../records/artifacts.ts";
import { newestRunDirs } from "./layout.ts";

/** How many of a project's newest runs are looked at for its `#cd` directory. */
const RUNS_LOOKED_AT = 200;

/** Whether `name` can be a project directory name (no path tricks). */
function validName(name: string): boolean {
  return name !== "" && name !== "." && name !== ".." && !name.includes("/");
}

/**
 * The directory of project `name`'s newest `#cd` run, or null when the
 * project has none (or no such project exists).
 */
export async function directoryProjectDir(env: Env, name: string): Promise<string | null> {
  if (!validName(name)) return null;
  for (const dir of newestRunDirs(projectsDir(env), name, RUNS_LOOKED_AT)) {
    const meta = await readJsonObject(join(dir, ARTIFACT_FILES.meta));
    if (meta?.workspace_kind === "cd" && typeof meta.workspace_dir === "string") {
      return meta.workspace_dir;
    }
  }
  return null;
}

/** The project name a `#cd` run in `dir` gets (see the `cd` workspace provider). */
function projectNameOf(dir: string, home: string): string {
  return dir === home ? "home" : basename(dir) || dir;
}

/**
 * The directory project whose `#cd` directory is `cwd` or one of its
 * ancestors, nearest first; null when there is none.
 */
export async function directoryProjectForCwd(env: Env, cwd: string): Promise<string | null> {
  const home = await Deno.realPath(homeDir(env)).catch(() => homeDir(env));
  let current = await Deno.realPath(cwd).catch(() => resolve(cwd));
  while (true) {
    const name = projectNameOf(current, home);
    if (await directoryProjectDir(env, name) === current) return name;
    const parent = dirname(current);
    if (parent === current) return null;
    current = parent;
  }
}
