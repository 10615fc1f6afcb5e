/**
 * Reading an SDD tree: every markdown document the layout knows, with its
 * kind, bucket, tier and parsed frontmatter. A long-lived project holds
 * thousands of prompt/plan pairs, so the walk and the reads are synchronous:
 * for thousands of tiny files Deno's async file operations cost several times
 * the system calls themselves.
 *
 * One bad file never stops the scan: a file that cannot be read (too large,
 * a directory named like a document, a dangling symlink), is not UTF-8, or
 * whose frontmatter does not parse is returned with its problems, and the
 * rest of the tree is read as usual.
 *
 * @module
 */

import { join } from "../fs/path.ts";
import { SaseError } from "../errors.ts";
import { formatBytes, READ_LIMITS, readBytesBoundedSync } from "../fs/bounded_read.ts";
import {
  classifyPath,
  LINKED_KINDS,
  type SddKind,
  type SddTier,
  SKIPPED_DIRS,
  tierOf,
} from "./layout.ts";
import { parseFrontmatter } from "./frontmatter.ts";
import { decodeDocument } from "./read.ts";

/** Why (part of) a file could not be read. */
export interface FileProblem {
  /** `file-unreadable`, `not-utf8` or `frontmatter-parse` (warnings: `frontmatter-duplicate-key`). */
  code: string;
  message: string;
  /** 1-based line, when the problem has one. */
  line?: number;
}

/** One SDD markdown document. */
export interface SddFile {
  /** Absolute path. */
  path: string;
  /** POSIX path relative to the SDD root. */
  relpath: string;
  kind: SddKind;
  bucket: string | null;
  name: string;
  /** Parsed frontmatter (empty when the file has none or could not be read). */
  frontmatter: Record<string, unknown>;
  /** The plan tier of a plan-like file (see `tierOf`); null for other kinds. */
  tier: SddTier | null;
  /** Why the file could not be read or parsed; such a file takes no part in link checks. */
  problems: FileProblem[];
  /** What was read anyway but deserves a look (duplicate frontmatter keys). */
  warnings: FileProblem[];
}

/** What a directory entry is, as far as reading it goes. */
type EntryType = "file" | "symlink" | "directory" | "special";

/** A markdown path found by the walk. */
interface Found {
  relpath: string;
  type: EntryType;
}

function entryType(entry: Deno.DirEntry): EntryType {
  return entry.isFile
    ? "file"
    : entry.isSymlink
    ? "symlink"
    : entry.isDirectory
    ? "directory"
    : "special";
}

function walk(root: string, relative: string, out: Found[]): void {
  const dir = relative ? join(root, relative) : root;
  const subdirs: string[] = [];
  for (const entry of Deno.readDirSync(dir)) {
    const rel = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.name.endsWith(".md") && classifyPath(rel) !== null) {
      // Whatever it is, a path named like a document is reported against its
      // name; a directory so named is not descended.
      out.push({ relpath: rel, type: entryType(entry) });
    } else if (entry.isDirectory && !(relative === "" && SKIPPED_DIRS.has(entry.name))) {
      // Symlinked directories are not descended: a link cycle must not hang the scan.
      subdirs.push(rel);
    }
  }
  for (const sub of subdirs) walk(root, sub, out);
}

/** The problem of a failed read of `path` (issues name the file themselves, so the path is dropped). */
function readProblem(error: unknown, path: string): FileProblem {
  if (error instanceof SaseError) {
    const message = error.code === "input.too_large"
      ? `larger than ${formatBytes(READ_LIMITS.document)}, the most sase reads from an SDD document`
      : error.code === "input.is_directory"
      ? "is a directory, not a markdown file"
      : error.message.startsWith(`${path}: `)
      ? error.message.slice(path.length + 2)
      : error.message;
    return { code: error.code === "sdd.not_utf8" ? "not-utf8" : "file-unreadable", message };
  }
  if (error instanceof Deno.errors.NotFound) {
    return {
      code: "file-unreadable",
      message: "cannot be read: it does not exist (a dangling symlink?)",
    };
  }
  return { code: "file-unreadable", message: `cannot be read: ${(error as Error).message}` };
}

/**
 * Whether `path` (of walk type `type`) can be opened without blocking: a
 * FIFO, socket or device, directly or behind a symlink, is refused before
 * any open (opening a FIFO waits for a writer).
 */
function specialFile(path: string, type: EntryType): boolean {
  if (type === "special") return true;
  if (type !== "symlink") return false;
  try {
    const info = Deno.statSync(path);
    return !info.isFile && !info.isDirectory;
  } catch {
    return false; // A dangling link: the read names the problem.
  }
}

/** Read and parse one document; problems are recorded, never thrown. */
function readFile(
  path: string,
  type: EntryType,
): Pick<SddFile, "frontmatter" | "problems" | "warnings"> {
  if (specialFile(path, type)) {
    const problem = {
      code: "file-unreadable",
      message: "is not a regular file (a FIFO, socket or device)",
    };
    return { frontmatter: {}, problems: [problem], warnings: [] };
  }
  let text: string;
  try {
    text = decodeDocument(readBytesBoundedSync(path, READ_LIMITS.document), path);
  } catch (error) {
    return { frontmatter: {}, problems: [readProblem(error, path)], warnings: [] };
  }
  const parsed = parseFrontmatter(text);
  if (!parsed.ok) {
    return {
      frontmatter: {},
      problems: parsed.problems.map((problem) => ({ code: "frontmatter-parse", ...problem })),
      warnings: [],
    };
  }
  return {
    frontmatter: parsed.data,
    problems: [],
    warnings: parsed.warnings.map((problem) => ({ code: "frontmatter-duplicate-key", ...problem })),
  };
}

/**
 * All SDD documents under `root`, sorted by relative path. Prompt and
 * plan-like files are read; myths and research notes are listed unread
 * (nothing here needs their content).
 */
export function scanSddTree(root: string): Promise<SddFile[]> {
  // The executor turns a failed walk into a rejection, as an async scan gave.
  return new Promise((resolve) => resolve(scanSync(root)));
}

function scanSync(root: string): SddFile[] {
  const found: Found[] = [];
  walk(root, "", found);
  found.sort((a, b) => a.relpath < b.relpath ? -1 : a.relpath > b.relpath ? 1 : 0);
  return found.map(({ relpath, type }): SddFile => {
    const place = classifyPath(relpath)!;
    const content = LINKED_KINDS.has(place.kind)
      ? readFile(join(root, relpath), type)
      : { frontmatter: {}, problems: [], warnings: [] };
    return {
      path: join(root, relpath),
      relpath,
      kind: place.kind,
      bucket: place.bucket,
      name: place.name,
      ...content,
      tier: tierOf(place.kind, content.frontmatter),
    };
  });
}
