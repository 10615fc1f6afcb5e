/**
 * The references instruction files make: `@path` imports (loaded into an
 * agent's context when the file is read) and plain `memory/<note>.md`
 * mentions or `sase memory read <note>.md` instructions (discoverable, not
 * loaded).
 *
 * @module
 */

import { homeDir } from "../config/paths.ts";
import type { Env } from "../env.ts";
import { dirname, isAbsolute, join, normalize } from "../fs/path.ts";
import { MEMORY_DIR } from "./layout.ts";

/** The references one file makes. */
export interface FileReferences {
  /** `@` imports, as written (`memory/a.md`, `/abs/AGENTS.md`, `~/AGENTS.md`). */
  loads: string[];
  /** Root-relative memory paths mentioned without `@` (`memory/a.md`). */
  mentions: string[];
}

// An import starts a word: `@memory/x.md`, `@/home/me/AGENTS.md`, `@~/AGENTS.md`.
const LOAD = /(?<![\w@.\/-])@((?:~\/|\/)?[\w.\/{}\- ]*?[\w\-]\.md)(?![\w.\/-])/g;
const MENTION = /(?<![\w@.\/-])(memory\/[\w.\-]+\.md)(?![\w\/-])/g;
const READ_INSTRUCTION = /sase memory read\s+(?:memory\/)?([\w.\-]+\.md)/g;

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** Scan `text` for imports and memory mentions (a path imported is not also a mention). */
export function scanReferences(text: string): FileReferences {
  const loads = unique([...text.matchAll(LOAD)].map((m) => m[1]).filter((p) => !p.includes(" ")));
  const loaded = new Set(loads.map((p) => normalize(p)));
  const mentions = unique([
    ...[...text.matchAll(MENTION)].map((m) => m[1]),
    ...[...text.matchAll(READ_INSTRUCTION)].map((m) => `${MEMORY_DIR}/${m[1]}`),
  ]).filter((p) => !loaded.has(p));
  return { loads, mentions };
}

/**
 * The file an import in `fromFile` (under `root`) names: absolute and `~/`
 * paths as written, `memory/...` from the root, anything else beside the
 * importing file.
 */
export function resolveImport(target: string, fromFile: string, root: string, env: Env): string {
  if (isAbsolute(target)) return normalize(target);
  if (target.startsWith("~/")) return join(homeDir(env), target.slice(2));
  if (target.startsWith(`${MEMORY_DIR}/`)) return join(root, target);
  return join(dirname(fromFile), target);
}
