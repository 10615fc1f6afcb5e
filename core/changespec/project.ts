/**
 * Project lifecycle and alias operations on ProjectSpec headers.
 *
 * @module
 */

import { join } from "../fs/path.ts";
import { SaseError } from "../errors.ts";
import { isValidProjectName, normalizeProjectState } from "./header.ts";
import type { ChangeSpecStore, ProjectRef, ProjectSnapshot } from "./store.ts";
import type { ParseWarning, ProjectState, RunningClaim } from "./types.ts";
import { plural } from "../text/plural.ts";
import { listDirSync } from "../fs/list_dir.ts";

/** The system-managed project no lifecycle command may change. */
export const HOME_PROJECT = "home";

/** Everything `sase project show` reports about one project. */
export interface ProjectInfo {
  name: string;
  state: ProjectState;
  rawState: string | null;
  displayName: string | null;
  activePath: string;
  archivePath: string;
  legacyExtension: boolean;
  workspaceDir: string | null;
  bareRepoDir: string | null;
  aliases: string[];
  running: RunningClaim[];
  changespecCount: number;
  archivedCount: number;
  launchable: boolean;
  warnings: ParseWarning[];
}

function infoOf(snap: ProjectSnapshot): ProjectInfo {
  const header = snap.active?.header;
  return {
    name: snap.ref.name,
    state: snap.state,
    rawState: header?.rawState ?? null,
    displayName: header?.displayName ?? null,
    activePath: snap.ref.activePath,
    archivePath: snap.ref.archivePath,
    legacyExtension: snap.ref.legacy,
    workspaceDir: header?.workspaceDir ?? null,
    bareRepoDir: header?.bareRepoDir ?? null,
    aliases: header?.aliases ?? [],
    running: header?.running ?? [],
    changespecCount: snap.active?.specs.length ?? 0,
    archivedCount: snap.archive?.specs.length ?? 0,
    launchable: snap.state === "active" && snap.ref.name !== HOME_PROJECT,
    warnings: [...(snap.active?.warnings ?? []), ...(snap.archive?.warnings ?? [])],
  };
}

/** Projects in the given lifecycle states (default active), sorted by name. */
export async function listProjects(
  store: ChangeSpecStore,
  states: readonly ProjectState[] | "all" = ["active"],
): Promise<ProjectInfo[]> {
  return (await store.snapshots({ states, includeArchive: true })).map(infoOf);
}

/** Resolve a project name or alias to its ref. */
export async function resolveProject(
  store: ChangeSpecStore,
  nameOrAlias: string,
): Promise<ProjectRef> {
  const direct = await store.project(nameOrAlias);
  if (direct) return direct;
  for (const snap of await store.snapshots({ states: "all" })) {
    if (snap.active?.header.aliases.includes(nameOrAlias)) return snap.ref;
  }
  return await store.requireProject(nameOrAlias);
}

/** Details of one project in any state. */
export async function showProject(
  store: ChangeSpecStore,
  nameOrAlias: string,
): Promise<ProjectInfo> {
  const ref = await resolveProject(store, nameOrAlias);
  return infoOf(await store.snapshot(ref, true));
}

/** Parse a user-typed lifecycle state (legacy `archive`/`close` mean inactive). */
export function parseProjectState(text: string): ProjectState {
  const lower = text.trim().toLowerCase();
  const state = lower === "archive" || lower === "close"
    ? "inactive"
    : normalizeProjectState(lower);
  if (!state) {
    throw new SaseError("project.bad_state", `unknown project state '${text}'`, {
      hint: "use active, inactive or sibling",
      kind: "invalid-input",
    });
  }
  return state;
}

const MARKERS = new Set(["running.json", "waiting.json", "pending_question.json"]);

async function liveMarkers(dir: string, depth = 4): Promise<string[]> {
  const found: string[] = [];
  for (const entry of listDirSync(dir)) {
    const path = join(dir, entry.name);
    if (entry.isFile && MARKERS.has(entry.name)) found.push(path);
    else if (entry.isDirectory && depth > 0) found.push(...await liveMarkers(path, depth - 1));
  }
  return found;
}

/** Set PROJECT_STATE under the ProjectSpec lock; returns the previous state. */
export async function setProjectState(
  store: ChangeSpecStore,
  name: string,
  state: ProjectState,
  options: { force?: boolean } = {},
): Promise<{ project: string; previous: ProjectState; state: ProjectState }> {
  if (name === HOME_PROJECT) {
    throw new SaseError(
      "project.immutable",
      "the system-managed 'home' project cannot be mutated",
      { kind: "conflict" },
    );
  }
  const ref = await store.requireProject(name);
  const markers = state === "inactive" && !options.force ? await liveMarkers(ref.dir) : [];
  return await store.mutate(ref, (editors) => {
    const header = editors.active.parsed.header;
    if (state === "inactive" && !options.force) {
      if (header.running.length > 0) {
        throw new SaseError(
          "project.busy",
          `project '${name}' has ${
            plural(header.running.length, "live RUNNING claim")
          } in ${ref.activePath}`,
          { hint: "wait for them to finish or pass --force", kind: "conflict" },
        );
      }
      if (markers.length > 0) {
        throw new SaseError(
          "project.busy",
          `project '${name}' has live artifact markers: ${markers.join(", ")}`,
          {
            hint: "wait for the agents to finish or pass --force",
            kind: "conflict",
          },
        );
      }
    }
    if (header.rawState !== state) editors.active.setHeaderField("PROJECT_STATE", state);
    return { project: name, previous: header.state, state };
  });
}

/** Aliases of one project, or of every project. */
export async function listAliases(
  store: ChangeSpecStore,
  project?: string,
): Promise<Array<{ project: string; aliases: string[] }>> {
  if (project) {
    const info = await showProject(store, project);
    return [{ project: info.name, aliases: info.aliases }];
  }
  return (await store.snapshots({ states: "all" })).map((snap) => ({
    project: snap.ref.name,
    aliases: snap.active?.header.aliases ?? [],
  }));
}

async function writeAliases(
  store: ChangeSpecStore,
  ref: ProjectRef,
  edit: (aliases: string[]) => string[],
): Promise<string[]> {
  return await store.mutate(ref, (editors) => {
    const next = [...new Set(edit([...editors.active.parsed.header.aliases]))].sort();
    editors.active.setHeaderField("PROJECT_ALIASES", next.length ? next.join(", ") : null);
    return next;
  });
}

/** Add an alias after checking its syntax and that no project uses the name. */
export async function addAlias(
  store: ChangeSpecStore,
  project: string,
  alias: string,
): Promise<string[]> {
  if (project === HOME_PROJECT) {
    throw new SaseError(
      "project.immutable",
      "the system-managed 'home' project cannot be mutated",
      { kind: "conflict" },
    );
  }
  const ref = await store.requireProject(project);
  if (!isValidProjectName(alias)) {
    throw new SaseError("project.bad_alias", `invalid alias '${alias}'`, {
      hint:
        "aliases use project-name syntax: letters, digits, '_', '.', '-' (not starting with '.' or '-')",
      kind: "invalid-input",
    });
  }
  if (alias === project) {
    throw new SaseError("project.bad_alias", `alias '${alias}' equals the project's own name`, {
      kind: "invalid-input",
    });
  }
  for (const snap of await store.snapshots({ states: "all" })) {
    if (snap.ref.name === alias) {
      throw new SaseError(
        "project.alias_conflict",
        `alias '${alias}' collides with project '${alias}'`,
        { kind: "invalid-input" },
      );
    }
    if (snap.ref.name !== project && snap.active?.header.aliases.includes(alias)) {
      throw new SaseError(
        "project.alias_conflict",
        `alias '${alias}' is already used by project '${snap.ref.name}'`,
        {
          hint: `remove it there first: sase project alias remove ${snap.ref.name} ${alias}`,
          kind: "invalid-input",
        },
      );
    }
  }
  return await writeAliases(store, ref, (aliases) => [...aliases, alias]);
}

/** Remove one alias; an alias that is not there is an error. */
export async function removeAlias(
  store: ChangeSpecStore,
  project: string,
  alias: string,
): Promise<string[]> {
  const ref = await store.requireProject(project);
  return await writeAliases(store, ref, (aliases) => {
    if (!aliases.includes(alias)) {
      throw new SaseError("project.alias_missing", `project '${project}' has no alias '${alias}'`, {
        kind: "invalid-input",
      });
    }
    return aliases.filter((a) => a !== alias);
  });
}

/** Remove every alias of a project. */
export async function clearAliases(store: ChangeSpecStore, project: string): Promise<string[]> {
  const ref = await store.requireProject(project);
  return await writeAliases(store, ref, () => []);
}
