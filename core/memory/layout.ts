/**
 * Where memory lives: the project root (`memory/`, `AGENTS.md`), the home
 * root (`~/memory/`, or the chezmoi home source when `use_chezmoi: true`),
 * the project name that keys the audit state, and the state files under
 * `SASE_HOME/projects/<project>/`.
 *
 * @module
 */

import { type Env, homeDir, projectsDir } from "../config/paths.ts";
import { basename, dirname, join, resolve } from "../fs/path.ts";
import { runGit } from "../git.ts";
import { findMarker } from "../workspace/marker.ts";

/** The directory of memory notes below a root. */
export const MEMORY_DIR = "memory";
/** The canonical instruction file of a root. */
export const AGENTS_FILE = "AGENTS.md";

/** A numbered workspace's `_<N>` suffix, dropped from a checkout name. */
const WORKSPACE_SUFFIX = /_\d+$/;

async function hasEntry(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * The project root holding `cwd`: the nearest directory with `.git` or
 * `.hg`, else `cwd` itself.
 */
export async function projectRoot(cwd: string): Promise<string> {
  let dir = resolve(cwd);
  while (true) {
    if (await hasEntry(join(dir, ".git")) || await hasEntry(join(dir, ".hg"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(cwd);
    dir = parent;
  }
}

function withoutWorkspaceSuffix(name: string): string {
  return name.replace(WORKSPACE_SUFFIX, "") || name;
}

/**
 * The project name that keys memory state: the checkout marker's project,
 * else the `origin` remote's repository name, else the project root's name
 * without a workspace `_<N>` suffix.
 */
export async function memoryProjectName(cwd: string, env: Env): Promise<string> {
  const marker = await findMarker(cwd);
  const named = marker?.marker.project_name?.trim();
  if (named) return named;
  const root = await projectRoot(cwd);
  const remote = await runGit(root, ["config", "--get", "remote.origin.url"], { env });
  if (remote.ok) {
    const url = remote.stdout.trim().replace(/\/+$/, "");
    const tail = url.split("/").pop()?.split(":").pop()?.replace(/\.git$/, "");
    if (tail) return tail;
  }
  return withoutWorkspaceSuffix(basename(root));
}

/** The chezmoi home source root sase manages (`~/.local/share/chezmoi/home`). */
export function chezmoiHomeRoot(env: Env): string {
  return join(homeDir(env), ".local", "share", "chezmoi", "home");
}

/** The home memory root: the live home, or the chezmoi home source with `use_chezmoi`. */
export function homeMemoryRoot(env: Env, useChezmoi: boolean): string {
  return useChezmoi ? chezmoiHomeRoot(env) : homeDir(env);
}

/** The per-project state files of the memory audit surface. */
export interface MemoryStatePaths {
  project: string;
  dir: string;
  /** Audited reads (`memory_reads.jsonl`). */
  readLog: string;
  /** The proposal ledger (`memory_proposals.jsonl`). */
  ledger: string;
  /** Proposal drafts: `<proposals>/<id>/draft.md` (and `reviewed.md`). */
  proposals: string;
}

/** The state paths for `project` under `SASE_HOME/projects/`. */
export function memoryStatePaths(project: string, env: Env): MemoryStatePaths {
  const dir = join(projectsDir(env), project);
  return {
    project,
    dir,
    readLog: join(dir, "memory_reads.jsonl"),
    ledger: join(dir, "memory_proposals.jsonl"),
    proposals: join(dir, "memory_proposals"),
  };
}
