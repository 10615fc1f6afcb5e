/**
 * The memory context of a launch (`sase memory list`): which files the
 * project and home `AGENTS.md` load through transitive `@` imports, which
 * memory notes are only referenced, which are merely available, and which
 * referenced paths are missing, with approximate token counts.
 *
 * @module
 */

import type { Env } from "../env.ts";
import { join, relative } from "../fs/path.ts";
import { readTextIfExists } from "./fs.ts";
import { PROVIDER_FILES } from "../amd/shims.ts";
import { AGENTS_FILE, MEMORY_DIR } from "./layout.ts";
import { listNoteNames } from "./note.ts";
import { resolveImport, scanReferences } from "./references.ts";

/** How a file stands in the launch context. */
export type ContextStatus = "loaded" | "referenced" | "available" | "missing";

/** One row of the dashboard. */
export interface ContextEntry {
  /** `project` or `home`. */
  scope: "project" | "home";
  /** The path shown (relative to its root when inside it). */
  display: string;
  path: string;
  status: ContextStatus;
  /** Approximate tokens (characters / 4) for files that exist. */
  tokens: number | null;
}

/** The dashboard for one launch directory. */
export interface MemoryContext {
  /**
   * Instruction roots found: each scope's `AGENTS.md` and the provider shims
   * beside it (reported, not traversed: they point at `AGENTS.md`).
   */
  roots: string[];
  entries: ContextEntry[];
  /** Total approximate tokens of the loaded files. */
  loadedTokens: number;
}

/** A token estimate good enough to compare instruction surfaces (about 4 characters a token). */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

interface Scope {
  scope: "project" | "home";
  root: string;
}

/**
 * Build the dashboard for the project root and the home root (the same
 * directory counts once). Provider shims are not traversal roots: they
 * point at `AGENTS.md`.
 */
export async function memoryContext(
  projectRootDir: string,
  homeRootDir: string,
  env: Env,
): Promise<MemoryContext> {
  const scopes: Scope[] = [{ scope: "project", root: projectRootDir }];
  if (homeRootDir !== projectRootDir) scopes.push({ scope: "home", root: homeRootDir });
  const loaded = new Map<string, { scope: Scope; tokens: number }>();
  const mentioned = new Map<string, Scope>();
  const missing = new Map<string, Scope>();
  const roots: string[] = [];
  for (const scope of scopes) {
    const start = join(scope.root, AGENTS_FILE);
    const queue = [start];
    let first = true;
    while (queue.length > 0) {
      const file = queue.shift()!;
      if (loaded.has(file)) continue;
      const text = await readTextIfExists(file).catch(() => null);
      if (text === null) {
        if (!first) missing.set(file, scope);
        first = false;
        continue;
      }
      if (first) roots.push(file);
      first = false;
      loaded.set(file, { scope, tokens: estimateTokens(text) });
      const refs = scanReferences(text);
      for (const target of refs.loads) queue.push(resolveImport(target, file, scope.root, env));
      for (const mention of refs.mentions) {
        const path = join(scope.root, mention);
        if (!mentioned.has(path)) mentioned.set(path, scope);
      }
    }
  }
  for (const scope of scopes) {
    for (const provider of PROVIDER_FILES) {
      const shim = join(scope.root, provider);
      if (await readTextIfExists(shim).catch(() => null) !== null) roots.push(shim);
    }
  }
  const entries: ContextEntry[] = [];
  const show = (scope: Scope, path: string) => {
    const rel = relative(scope.root, path);
    return rel.startsWith("..") ? path : rel;
  };
  for (const [path, { scope, tokens }] of loaded) {
    entries.push({
      scope: scope.scope,
      display: show(scope, path),
      path,
      status: "loaded",
      tokens,
    });
  }
  for (const [path, scope] of mentioned) {
    if (loaded.has(path)) continue;
    const text = await readTextIfExists(path).catch(() => null);
    if (text === null) missing.set(path, scope);
    else {
      entries.push({
        scope: scope.scope,
        display: show(scope, path),
        path,
        status: "referenced",
        tokens: estimateTokens(text),
      });
    }
  }
  for (const scope of scopes) {
    for (const name of await listNoteNames(scope.root)) {
      const path = join(scope.root, MEMORY_DIR, name);
      if (loaded.has(path) || mentioned.has(path)) continue;
      const text = await readTextIfExists(path).catch(() => null);
      entries.push({
        scope: scope.scope,
        display: show(scope, path),
        path,
        status: "available",
        tokens: text === null ? null : estimateTokens(text),
      });
    }
  }
  for (const [path, scope] of missing) {
    entries.push({
      scope: scope.scope,
      display: show(scope, path),
      path,
      status: "missing",
      tokens: null,
    });
  }
  const loadedTokens = [...loaded.values()].reduce((sum, entry) => sum + entry.tokens, 0);
  return { roots, entries, loadedTokens };
}
