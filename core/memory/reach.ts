/**
 * Reachability validation: every Markdown file under `memory/` must be
 * reachable from `AGENTS.md`, directly or through transitive
 * `@memory/...` or `memory/...` references (a long note whose `parent` is
 * a reachable note is reachable through it). An unreachable file is
 * context an agent would silently never see.
 *
 * @module
 */

import { join, relative } from "../fs/path.ts";
import { isMissing } from "./fs.ts";
import { AGENTS_FILE, MEMORY_DIR } from "./layout.ts";
import { MEMORY_README, parseNoteHeader } from "./note.ts";
import { scanReferences } from "./references.ts";

/** Reads a root-relative file as it is (or will be, for a planned write); null when absent. */
export type ReadPlanned = (relPath: string) => Promise<string | null>;

/**
 * Every Markdown file below `<root>/memory/` (root-relative, sorted), the
 * top-level README excluded; `planned` adds files a plan would create.
 */
export async function memoryMarkdownFiles(
  root: string,
  planned: Iterable<string> = [],
): Promise<string[]> {
  const found = new Set<string>();
  const walk = async (dir: string): Promise<void> => {
    let entries: Deno.DirEntry[];
    try {
      entries = await Array.fromAsync(Deno.readDir(dir));
    } catch (error) {
      if (isMissing(error)) return;
      throw error;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory) await walk(path);
      else if (entry.isFile && entry.name.endsWith(".md")) found.add(relative(root, path));
    }
  };
  await walk(join(root, MEMORY_DIR));
  for (const rel of planned) {
    if (rel.startsWith(`${MEMORY_DIR}/`) && rel.endsWith(".md")) found.add(rel);
  }
  found.delete(`${MEMORY_DIR}/${MEMORY_README}`);
  return [...found].sort();
}

function memoryTargets(text: string): string[] {
  const refs = scanReferences(text);
  return [...refs.loads, ...refs.mentions]
    .map((p) => p.replace(/^\.\//, ""))
    .filter((p) => p.startsWith(`${MEMORY_DIR}/`));
}

/**
 * The memory files (root-relative) that `AGENTS.md` does not reach,
 * reading files through `read` so a plan can be validated before it is
 * written.
 */
export async function unreachableMemory(
  files: readonly string[],
  read: ReadPlanned,
): Promise<string[]> {
  const reached = new Set<string>();
  const queue: string[] = [];
  const agents = await read(AGENTS_FILE);
  if (agents !== null) queue.push(...memoryTargets(agents));
  const parents = new Map<string, string[]>();
  for (const file of files) {
    const text = await read(file);
    const parent = text === null ? null : parseNoteHeader(text).parent;
    if (parent?.startsWith(`${MEMORY_DIR}/`)) {
      parents.set(parent, [...(parents.get(parent) ?? []), file]);
    }
  }
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (reached.has(file)) continue;
    reached.add(file);
    const text = await read(file);
    if (text !== null) queue.push(...memoryTargets(text));
    queue.push(...(parents.get(file) ?? []));
  }
  return files.filter((file) => !reached.has(file));
}
