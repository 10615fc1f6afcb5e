/**
 * Cheap identities of ACE's sources, so an auto-refresh tick with nothing
 * changed reads nothing and reloads nothing: the ProjectSpec files' (inode,
 * size, mtime); the notification inbox and the refresh pulse; and for
 * agents, the newest day directory of every project's artifact tree (a new
 * run adds an entry there) and its runs no listing has shown yet (a run's
 * directory exists before its records), each unfinished run's directory
 * (its records are replaced atomically, which touches the directory) and the dismissal
 * and tag files. A few hundred `stat`s, against the ~200 ms a listing of
 * 1,000 runs costs.
 *
 * @module
 */

import { join } from "../../../core/fs/path.ts";
import { type Env, notificationsPath, projectsDir, saseHome } from "../../../core/config/paths.ts";
import { listProjectRefs } from "../../../core/changespec/store.ts";
import { agentTagsPath } from "../../../core/agent/identity/tags.ts";
import { dismissedAgentsPath } from "../../../core/agent/index/dismissed.ts";

/** The identity of each source. */
export interface SourceIdentity {
  readonly changespecs: string;
  readonly notifications: string;
  readonly agents: string;
}

function stamp(path: string): string {
  try {
    const info = Deno.statSync(path);
    return `${info.ino ?? 0}:${info.size}:${info.mtime?.getTime() ?? 0}`;
  } catch {
    return "-";
  }
}

function newestChild(dir: string): string | null {
  let best: string | null = null;
  try {
    for (const entry of Deno.readDirSync(dir)) {
      if (entry.isDirectory && (best === null || entry.name > best)) best = entry.name;
    }
  } catch {
    return null;
  }
  return best;
}

/** The subdirectories of `dir` (none when it is unreadable). */
function childDirs(dir: string): string[] {
  try {
    return [...Deno.readDirSync(dir)].filter((e) => e.isDirectory).map((e) => join(dir, e.name));
  } catch {
    return [];
  }
}

/** The identity of the ChangeSpec sources. */
export function changeSpecIdentity(env: Env): string {
  return listProjectRefs(projectsDir(env))
    .map((ref) => `${ref.activePath}=${stamp(ref.activePath)}|${stamp(ref.archivePath)}`)
    .join(";");
}

/**
 * The identity of the agent sources; `liveDirs` are the run directories of
 * unfinished agents, `listed` every run directory the last listing showed
 * (the newest day's others are watched until a listing shows them).
 */
export function agentIdentity(
  env: Env,
  liveDirs: readonly string[],
  listed?: ReadonlySet<string>,
): string {
  const parts: string[] = [];
  const root = projectsDir(env);
  let projects: string[] = [];
  try {
    projects = [...Deno.readDirSync(root)].filter((e) => e.isDirectory).map((e) => e.name).sort();
  } catch {
    // No projects yet.
  }
  for (const project of projects) {
    const artifacts = join(root, project, "artifacts");
    let workflows: string[] = [];
    try {
      workflows = [...Deno.readDirSync(artifacts)].filter((e) => e.isDirectory).map((e) => e.name)
        .sort();
    } catch {
      continue;
    }
    for (const workflow of workflows) {
      const base = join(artifacts, workflow);
      const month = newestChild(base);
      const day = month === null ? null : newestChild(join(base, month));
      const dir = day === null ? base : join(base, month!, day);
      parts.push(`${dir}=${stamp(dir)}`);
      // A run directory appears before its records do: until a listing shows it, its own
      // stamp is watched too, or records written into it later would go unnoticed.
      if (listed && day !== null) {
        for (const run of childDirs(dir)) {
          if (!listed.has(run)) parts.push(`${run}=${stamp(run)}`);
        }
      }
    }
  }
  for (const dir of liveDirs) parts.push(`${dir}=${stamp(dir)}`);
  parts.push(stamp(dismissedAgentsPath(env)), stamp(agentTagsPath(env)));
  return parts.join(";");
}

/** The identity of the notification inbox and the refresh pulse. */
export function notificationIdentity(env: Env): string {
  return `${stamp(notificationsPath(env))}|${stamp(refreshPulsePath(env))}`;
}

/** `SASE_HOME/.ace_refresh_pulse`, touched by `sase plan propose` to wake ACE now. */
export function refreshPulsePath(env: Env): string {
  return join(saseHome(env), ".ace_refresh_pulse");
}
