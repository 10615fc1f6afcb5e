/**
 * `sase amd list`: the read-only inventory of `AGENTS.md` files — the
 * project root's and its subdirectories' (generated, cache and vendor
 * directories skipped), the live home's and the chezmoi home source's —
 * with their H1 titles, whether they are AMD-managed, their short/long
 * memory reference counts and the status of the provider shims beside them.
 *
 * @module
 */

import type { AppContext } from "../context.ts";
import { homeDir } from "../config/paths.ts";
import { join, relative } from "../fs/path.ts";
import { isMissing, readTextIfExists } from "../memory/fs.ts";
import { AGENTS_FILE, chezmoiHomeRoot, MEMORY_DIR, projectRoot } from "../memory/layout.ts";
import { scanReferences } from "../memory/references.ts";
import { type ManagedState, managedState } from "./managed.ts";
import {
  type PROVIDER_FILES,
  type RootKind,
  shimSpecs,
  type ShimStatus,
  shimStatus,
} from "./shims.ts";

/** Where a listed `AGENTS.md` lives. */
export type AmdScope = "project" | "project-subdir" | "home" | "chezmoi";

/** One inventoried `AGENTS.md`. */
export interface AmdEntry {
  scope: AmdScope;
  path: string;
  /** Relative to its root. */
  display: string;
  title: string | null;
  managed: ManagedState;
  shortRefs: number;
  longRefs: number;
  shims: { provider: (typeof PROVIDER_FILES)[number]; path: string; status: ShimStatus }[];
}

const SKIPPED_DIRS = new Set([
  ".git",
  ".hg",
  ".sase",
  ".venv",
  "venv",
  "node_modules",
  "__pycache__",
  "target",
  "build",
  "dist",
  "site",
  ".cache",
  ".mypy_cache",
  ".pytest_cache",
  ".ruff_cache",
  ".tox",
]);

async function agentsFilesUnder(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries: Deno.DirEntry[];
    try {
      entries = await Array.fromAsync(Deno.readDir(dir));
    } catch (error) {
      if (isMissing(error) || error instanceof Deno.errors.PermissionDenied) return;
      throw error;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.isDirectory && !SKIPPED_DIRS.has(entry.name)) await walk(join(dir, entry.name));
      else if (entry.isFile && entry.name === AGENTS_FILE) found.push(join(dir, entry.name));
    }
  };
  await walk(root);
  return found;
}

async function entryFor(
  scope: AmdScope,
  root: string,
  path: string,
  kind: RootKind,
): Promise<AmdEntry | null> {
  const text = await readTextIfExists(path);
  if (text === null) return null;
  const dir = join(path, "..");
  const refs = scanReferences(text);
  const memory = (p: string) => p.startsWith(`${MEMORY_DIR}/`);
  const shims = [];
  for (const spec of shimSpecs(dir, kind)) {
    shims.push({
      provider: spec.provider,
      path: spec.path,
      status: shimStatus(await readTextIfExists(spec.path), spec.content),
    });
  }
  return {
    scope,
    path,
    display: relative(root, path),
    title: text.match(/^#\s+(.+?)\s*$/m)?.[1] ?? null,
    managed: managedState(text),
    shortRefs: new Set(refs.loads.filter(memory)).size,
    longRefs: new Set(refs.mentions.filter(memory)).size,
    shims,
  };
}

/** The inventory for `app.cwd`. */
export async function amdInventory(app: AppContext): Promise<AmdEntry[]> {
  const project = await projectRoot(app.cwd);
  const home = homeDir(app.env);
  const source = chezmoiHomeRoot(app.env);
  const useChezmoi = (await app.config()).config.use_chezmoi ?? false;
  const entries: AmdEntry[] = [];
  const seen = new Set<string>();
  const add = async (scope: AmdScope, root: string, path: string, kind: RootKind) => {
    const real = await Deno.realPath(path).catch(() => path);
    if (seen.has(real)) return;
    const entry = await entryFor(scope, root, path, kind);
    if (entry) {
      seen.add(real);
      entries.push(entry);
    }
  };
  if (project !== home) {
    for (const path of await agentsFilesUnder(project)) {
      const scope = path === join(project, AGENTS_FILE) ? "project" : "project-subdir";
      await add(scope, project, path, "project");
    }
  }
  await add("home", home, join(home, AGENTS_FILE), "home");
  const sourceAgents = join(source, AGENTS_FILE);
  if (useChezmoi || await readTextIfExists(sourceAgents) !== null) {
    await add("chezmoi", source, sourceAgents, "chezmoi");
  }
  return entries;
}
