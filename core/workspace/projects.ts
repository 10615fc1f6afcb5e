/**
 * Registered projects as the workspace layer sees them: looked up by name
 * or alias in any lifecycle state, with `WORKSPACE_DIR` / `BARE_REPO_DIR`
 * expanded, and inferred from a working directory (nearest checkout
 * marker, then a primary checkout or adjacent `<primary>_<num>` sibling).
 *
 * @module
 */

import { basename, dirname, resolve, sep } from "../fs/path.ts";
import { type Env, homeDir, projectsDir } from "../config/paths.ts";
import { SaseError } from "../errors.ts";
import { ChangeSpecStore, type ProjectSnapshot } from "../changespec/store.ts";
import { findMarker } from "./marker.ts";
import { expandPath } from "./paths.ts";
import type { RegisteredProject, WorkspaceContext } from "./provider.ts";

function registered(snap: ProjectSnapshot, env: Env): RegisteredProject {
  const header = snap.active?.header;
  const home = homeDir(env);
  return {
    name: snap.ref.name,
    projectFile: snap.ref.activePath,
    state: snap.state,
    workspaceDir: header?.workspaceDir ? expandPath(header.workspaceDir, env, home) : null,
    bareRepoDir: header?.bareRepoDir ? expandPath(header.bareRepoDir, env, home) : null,
  };
}

/** Every registered project in any state. */
export async function registeredProjects(env: Env): Promise<RegisteredProject[]> {
  const store = new ChangeSpecStore(projectsDir(env));
  return (await store.snapshots({ states: "all" })).map((snap) => registered(snap, env));
}

/** The project named (or aliased) `name` in any state, or null. */
export async function findProject(name: string, env: Env): Promise<RegisteredProject | null> {
  const store = new ChangeSpecStore(projectsDir(env));
  const direct = await store.project(name);
  if (direct) return registered(await store.snapshot(direct, false), env);
  for (const snap of await store.snapshots({ states: "all" })) {
    if (snap.active?.header.aliases.includes(name)) return registered(snap, env);
  }
  return null;
}

function within(dir: string, root: string): boolean {
  const base = root.replace(/\/+$/, "");
  return dir === base || dir.startsWith(base + sep);
}

/**
 * The project whose workspace holds `cwd` (handbook 11.10): the nearest
 * `.sase/checkout.json` first, then what the workspace providers know (a
 * `#cd` directory project), then a scan of the registered projects for a
 * primary checkout or an adjacent `<primary>_<num>` sibling.
 */
export async function projectForCwd(
  cwd: string,
  env: Env,
  ctx?: WorkspaceContext,
): Promise<string> {
  const found = await findMarker(cwd);
  if (found) return found.marker.project_name;
  for (const provider of ctx?.providers.all() ?? []) {
    const known = await provider.unregisteredProject?.({ cwd }, ctx!);
    if (known) return known.project;
  }
  const here = resolve(cwd);
  const projects = (await registeredProjects(env)).filter((p) => p.workspaceDir !== null);
  const primary = projects.find((p) => within(here, p.workspaceDir!));
  if (primary) return primary.name;
  for (const project of projects) {
    const dir = project.workspaceDir!.replace(/\/+$/, "");
    const sibling = new RegExp(`^${RegExp.escape(basename(dir))}_\\d+$`);
    let current = here;
    while (dirname(current) !== current) {
      if (dirname(current) === dirname(dir) && sibling.test(basename(current))) {
        return project.name;
      }
      current = dirname(current);
    }
  }
  const names = await knownProjectNames(env);
  throw new SaseError(
    "workspace.no_project",
    `cannot tell which project ${here} belongs to: no checkout marker, no directory ` +
      "project and no registered project's checkout holds it",
    {
      hint: names.length > 0
        ? `pass -p/--project NAME; known projects: ${names.join(", ")}`
        : "pass -p/--project NAME once a project exists (a first `sase run` creates one)",
      kind: "invalid-input",
    },
  );
}

const LISTED_NAMES = 10;

/** Names of the project directories under `SASE_HOME/projects/` (registered or not), for hints. */
export async function knownProjectNames(env: Env): Promise<string[]> {
  const names: string[] = [];
  try {
    for await (const entry of Deno.readDir(projectsDir(env))) {
      if (entry.isDirectory && !entry.name.startsWith(".")) names.push(entry.name);
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  names.sort();
  return names.length > LISTED_NAMES
    ? [...names.slice(0, LISTED_NAMES), `... (${names.length} in total)`]
    : names;
}
