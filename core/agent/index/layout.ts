/**
 * Where run directories live and how to find them: the day-sharded
 * `<projects>/<project>/artifacts/ace-run/<YYYYMM>/<DD>/<YYYYMMDDHHMMSS>/`
 * layout, plus legacy flat `ace-run/<YYYYMMDDHHMMSS>/` directories.
 *
 * Walking is synchronous on purpose: it is thousands of tiny metadata calls,
 * where Deno's async ops cost several times the syscall itself.
 *
 * @module
 */

import { basename, dirname, join, sep } from "../../fs/path.ts";
import { RUN_WORKFLOW } from "../records/artifacts.ts";
import { listDirSync } from "../../fs/list_dir.ts";

/** A run directory's place in the layout. */
export interface RunLocation {
  dir: string;
  project: string;
  /** 14-digit `YYYYMMDDHHMMSS`, the directory name. */
  timestamp: string;
}

const STAMP = /^\d{14}$/;
const MONTH = /^\d{6}$/;
const DAY = /^\d{2}$/;

/** `<projects>/<project>/artifacts/ace-run`. */
export function workflowRoot(projectsRoot: string, project: string): string {
  return join(projectsRoot, project, "artifacts", RUN_WORKFLOW);
}

/** Parse a run directory path; `undefined` when it is not in the layout. */
export function parseRunDir(projectsRoot: string, dir: string): RunLocation | undefined {
  const timestamp = basename(dir);
  if (!STAMP.test(timestamp)) return undefined;
  const root = projectsRoot.endsWith(sep) ? projectsRoot : projectsRoot + sep;
  if (!dir.startsWith(root)) return undefined;
  const parts = dir.slice(root.length).split(sep);
  const sharded = parts.length === 6 && MONTH.test(parts[3]) && DAY.test(parts[4]);
  const flat = parts.length === 4;
  if ((!sharded && !flat) || parts[1] !== "artifacts" || parts[2] !== RUN_WORKFLOW) {
    return undefined;
  }
  return { dir, project: parts[0], timestamp };
}

/** The directory holding run directories directly (a day shard or a flat root). */
export function runParent(dir: string): string {
  return dirname(dir);
}

function listDirs(path: string): string[] {
  return listDirSync(path).filter((entry) => entry.isDirectory).map((entry) => entry.name);
}

/** Modification time of `path` in ms, or `null` when it does not exist. */
export function mtimeOf(path: string): number | null {
  try {
    return Deno.statSync(path).mtime?.getTime() ?? null;
  } catch {
    return null;
  }
}

/**
 * Every directory that directly holds run directories, with its mtime taken
 * before anything is read below it (so a run created mid-walk shows up as a
 * newer mtime next time, never as a missed entry).
 */
export function runParents(projectsRoot: string): Map<string, number> {
  const parents = new Map<string, number>();
  for (const project of listDirs(projectsRoot)) {
    const root = workflowRoot(projectsRoot, project);
    const rootTime = mtimeOf(root);
    if (rootTime === null) continue;
    parents.set(root, rootTime);
    for (const month of listDirs(root)) {
      if (!MONTH.test(month)) continue;
      for (const day of listDirs(join(root, month))) {
        if (!DAY.test(day)) continue;
        const path = join(root, month, day);
        const time = mtimeOf(path);
        if (time !== null) parents.set(path, time);
      }
    }
  }
  return parents;
}

/** The run directories directly inside `parent`. */
export function runsIn(projectsRoot: string, parent: string): RunLocation[] {
  const runs: RunLocation[] = [];
  for (const name of listDirs(parent)) {
    if (!STAMP.test(name)) continue;
    const location = parseRunDir(projectsRoot, join(parent, name));
    if (location) runs.push(location);
  }
  return runs;
}

/**
 * `project`'s day-sharded run directories, newest first, at most `limit`
 * (legacy flat ones are not looked at): for questions the latest runs answer.
 */
export function newestRunDirs(projectsRoot: string, project: string, limit: number): string[] {
  const newestFirst = (path: string, pattern: RegExp) =>
    listDirs(path).filter((name) => pattern.test(name)).sort().reverse();
  const root = workflowRoot(projectsRoot, project);
  const runs: string[] = [];
  for (const month of newestFirst(root, MONTH)) {
    for (const day of newestFirst(join(root, month), DAY)) {
      for (const run of newestFirst(join(root, month, day), STAMP)) {
        runs.push(join(root, month, day, run));
        if (runs.length >= limit) return runs;
      }
    }
  }
  return runs;
}

/** Every run directory under `projectsRoot`. */
export function allRuns(projectsRoot: string): RunLocation[] {
  return [...runParents(projectsRoot).keys()].flatMap((parent) => runsIn(projectsRoot, parent));
}
