/**
 * JSON Lines files shared by many processes.
 *
 * Appends are one `write` per record under the file's lock, so concurrent
 * writers never interleave or lose records. Reads never take the lock and
 * never throw on bad data: a torn last line (a writer that died mid-write) or
 * any line that is not valid JSON is skipped and reported with its line
 * number, and every other record is returned. Reads are bounded: a store
 * larger than the limit is an error naming it, never gigabytes of memory.
 *
 * @module
 */

import { dirname } from "./path.ts";
import { READ_LIMITS, readTextBounded } from "./bounded_read.ts";
import { withFileLock } from "./lock.ts";
import { SaseError } from "../errors.ts";

/** A line that could not be read as a JSON record. */
export interface JsonlProblem {
  /** 1-based line number in the file. */
  line: number;
  /** Why the line was skipped. */
  reason: string;
  /** True when the bad line is the last one and has no trailing newline. */
  torn: boolean;
}

/** The records of a JSONL file plus the lines that were skipped. */
export interface JsonlReadResult<T> {
  records: T[];
  problems: JsonlProblem[];
}

/** Serialize records as JSONL lines (compact JSON, `\n` after each). */
export function toJsonlText(records: readonly unknown[]): string {
  return records.map((record) => JSON.stringify(record) + "\n").join("");
}

/** Options of {@linkcode appendJsonl} and {@linkcode appendJsonlLocked}. */
export interface AppendJsonlOptions {
  /**
   * Permission bits of the file when this append creates it (e.g. `0o600`
   * for records only the user may read); an existing file keeps its own.
   */
  mode?: number;
}

/**
 * Append `records` to `path` in a single write under the file's lock,
 * creating the file (and its directory) when missing.
 */
export async function appendJsonl(
  path: string,
  records: readonly unknown[],
  options: AppendJsonlOptions = {},
): Promise<void> {
  if (records.length === 0) return;
  await Deno.mkdir(dirname(path), { recursive: true });
  await withFileLock(path, () => appendJsonlLocked(path, records, options));
}

/**
 * Append `records` to `path` in a single write, for a caller that already
 * holds the file's lock (or a store lock covering it), e.g. to check the
 * file's records and append in one critical section. The directory must
 * exist. Resolves to the number of bytes the file grew by.
 *
 * If a previous writer died mid-line, the file ends without a newline: the
 * write then starts with one, so the first record is not glued onto the
 * torn fragment.
 */
export async function appendJsonlLocked(
  path: string,
  records: readonly unknown[],
  options: AppendJsonlOptions = {},
): Promise<number> {
  if (records.length === 0) return 0;
  if ((await Deno.lstat(path).catch(() => undefined))?.isSymlink) throw throughLink(path);
  const file = await Deno.open(path, {
    read: true,
    append: true,
    create: true,
    mode: options.mode,
  });
  try {
    // Swapped for a link between the look and the open: the file opened is not the one named.
    const [opened, named] = await Promise.all([file.stat(), Deno.lstat(path)]);
    if (named.isSymlink || named.ino !== opened.ino || named.dev !== opened.dev) {
      throw throughLink(path);
    }
    const lead = await endsMidLine(file) ? "\n" : "";
    const bytes = new TextEncoder().encode(lead + toJsonlText(records));
    let written = 0;
    while (written < bytes.length) written += await file.write(bytes.subarray(written));
    return written;
  } finally {
    file.close();
  }
}

/**
 * The refusal to append through a symbolic link: a store's file is written
 * where it is named. (A checkout's `sdd/beads/` is written by sase outside
 * the agent's jail, so a link planted there must not lead anywhere else.)
 */
function throughLink(path: string): SaseError {
  return new SaseError(
    "fs.symlink",
    `${path}: is a symbolic link; sase does not append through links`,
    {
      hint: "replace the link with the file itself",
      kind: "invalid-data",
    },
  );
}

/** Whether the open file is non-empty and its last byte is not a newline. */
async function endsMidLine(file: Deno.FsFile): Promise<boolean> {
  const size = (await file.stat()).size;
  if (size === 0) return false;
  await file.seek(size - 1, Deno.SeekMode.Start);
  const last = new Uint8Array(1);
  // In append mode every write lands at the end whatever the read position.
  return (await file.read(last)) === 1 && last[0] !== 0x0a;
}

/** Parse JSONL text; never throws on bad lines. */
export function parseJsonl<T = unknown>(text: string): JsonlReadResult<T> {
  const records: T[] = [];
  const problems: JsonlProblem[] = [];
  const lines = text.split("\n");
  const endsWithNewline = text.endsWith("\n");
  lines.forEach((raw, index) => {
    const isLast = index === lines.length - 1;
    if (isLast && raw === "") return;
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line.trim() === "") return;
    try {
      records.push(JSON.parse(line) as T);
    } catch (error) {
      problems.push({
        line: index + 1,
        reason: error instanceof Error ? error.message : String(error),
        torn: isLast && !endsWithNewline,
      });
    }
  });
  return { records, problems };
}

/**
 * Read a JSONL file; a missing file reads as empty. At most `limit` bytes are
 * read (default {@linkcode READ_LIMITS.store}): a larger file, an endless
 * device behind a symlink or a directory is a `SaseError` naming the path.
 */
export async function readJsonl<T = unknown>(
  path: string,
  limit: number = READ_LIMITS.store,
): Promise<JsonlReadResult<T>> {
  let text: string;
  try {
    text = await readTextBounded(path, limit);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return { records: [], problems: [] };
    throw error;
  }
  return parseJsonl<T>(text);
}
