/**
 * Reading and appending event stream files.
 *
 * Reads never take the writer lock: a stream only ever grows by whole-line
 * appends, so a reader sees a prefix, at worst ending in a torn line, which
 * is reported and skipped. Appends happen under the store lock, one write per
 * stream, starting on a fresh line if a previous writer died mid-line.
 *
 * @module
 */

import { basename } from "../fs/path.ts";
import { SaseError } from "../errors.ts";
import { READ_LIMITS, readBytesBoundedSync } from "../fs/bounded_read.ts";
import { type BeadEvent, EVENT_SCHEMA_VERSION, OPERATIONS } from "./event.ts";
import { isSafeIssueId } from "./ids.ts";
import type { EventStream, ReplayProblem } from "./reduce.ts";
import {
  eventStoreExists,
  listStreamIdsSync,
  type StorePaths,
  streamIdOf,
  streamPath,
} from "./paths.ts";

/** Deepest JSON nesting an event line may have (real events nest four levels). */
export const MAX_EVENT_DEPTH = 64;

/** Whether `line` holds more than `limit` of `[` and `{` together (native searches, no scan). */
function opensMoreThan(line: string, limit: number): boolean {
  let count = 0;
  for (const bracket of ["{", "["]) {
    for (let at = line.indexOf(bracket); at !== -1; at = line.indexOf(bracket, at + 1)) {
      if (++count > limit) return true;
    }
  }
  return false;
}

/**
 * Whether `line` nests arrays/objects deeper than `limit`. Only a line of
 * at least `2 * limit` characters, with more than `limit` opening brackets,
 * can, so ordinary lines skip the character scan.
 */
function nestsDeeperThan(line: string, limit: number): boolean {
  if (line.length < 2 * limit || !opensMoreThan(line, limit)) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const char = line.charCodeAt(i);
    if (inString) {
      if (char === 0x5c) i++; // backslash: skip the escaped character
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x5b || char === 0x7b) {
      if (++depth > limit) return true;
    } else if (char === 0x5d || char === 0x7d) depth--;
  }
  return false;
}

/** Parsed streams plus line-level problems. */
export interface StreamsReadResult {
  streams: EventStream[];
  problems: ReplayProblem[];
  /** Number of lines (valid or not) per stream id: the next ordinal is this + 1. */
  lineCounts: Map<string, number>;
  /** Whether an event store exists at all (manifest or streams dir). */
  exists: boolean;
}

/** Parse one stream file's text. */
export function parseStreamText(
  text: string,
  file: string,
  streamId: string,
): { stream: EventStream; problems: ReplayProblem[]; lines: number } {
  const stream: EventStream = { streamId, file, events: [] };
  const problems: ReplayProblem[] = [];
  const lines = text.split("\n");
  const endsWithNewline = text.endsWith("\n");
  let count = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (i === lines.length - 1 && line === "") break;
    count++;
    if (line.trim() === "") continue;
    if (nestsDeeperThan(line, MAX_EVENT_DEPTH)) {
      problems.push({
        file,
        line: i + 1,
        message: `invalid bead event: JSON nested deeper than ${MAX_EVENT_DEPTH} levels`,
      });
      continue;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (error) {
      // A fragment of an event line: the tail of a file, or a tail that a later
      // writer moved onto its own line before appending.
      const torn = (i === lines.length - 1 && !endsWithNewline) ||
        line.startsWith('{"schema_version"');
      problems.push({
        file,
        line: i + 1,
        message: torn
          ? "torn last line (a writer was interrupted mid-append)"
          : `invalid JSON: ${(error as Error).message}`,
        torn,
      });
      continue;
    }
    if (isEventShape(raw)) {
      stream.events.push({ event: raw, line: i + 1 });
      continue;
    }
    const unsupported = unsupportedOperation(raw);
    if (unsupported) {
      problems.push({
        file,
        line: i + 1,
        message:
          `unsupported bead event operation '${unsupported}' (written by a newer sase?); skipped`,
        incomplete: true,
      });
      continue;
    }
    problems.push({ file, line: i + 1, message: `invalid bead event: ${envelopeProblem(raw)}` });
  }
  return { stream, problems, lines: count };
}

/** The operation of an otherwise well-formed event this implementation does not know. */
function unsupportedOperation(raw: unknown): string | undefined {
  if (typeof raw !== "object" || raw === null) return undefined;
  const e = raw as Record<string, unknown>;
  const payload = e.payload as Record<string, unknown> | null;
  if (e.schema_version !== 1 || typeof e.operation !== "string") return undefined;
  if (OPERATION_SET.has(e.operation) || !/^[a-z][a-z_]*$/.test(e.operation)) return undefined;
  const wellFormed = typeof e.event_id === "string" && typeof e.timestamp === "string" &&
    typeof e.issue_id === "string" && typeof payload === "object" && payload !== null;
  return wellFormed ? e.operation : undefined;
}

const OPERATION_SET = new Set<string>(OPERATIONS);

/**
 * What is wrong with an event line that is not an event (the first field
 * that breaks the envelope), in words. Checked by hand like
 * {@linkcode isEventShape}: every bead command reads the streams, and a
 * schema library would cost more to load than the check.
 */
export function envelopeProblem(raw: unknown): string {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return "expected an object";
  }
  const e = raw as Record<string, unknown>;
  const nonEmpty = (field: string) => {
    const value = e[field];
    if (typeof value !== "string") return `field '${field}': expected a string`;
    return value === "" ? `field '${field}': must not be empty` : undefined;
  };
  if (e.schema_version !== EVENT_SCHEMA_VERSION) {
    return `field 'schema_version': expected ${EVENT_SCHEMA_VERSION}`;
  }
  const bad = nonEmpty("event_id") ?? nonEmpty("timestamp");
  if (bad) return bad;
  if (typeof e.actor !== "string") return "field 'actor': expected a string";
  if (typeof e.operation !== "string" || !OPERATION_SET.has(e.operation)) {
    return `field 'operation': expected one of ${OPERATIONS.join(", ")}`;
  }
  const id = nonEmpty("issue_id");
  if (id) return id;
  if (!isSafeIssueId(e.issue_id as string)) {
    return `field 'issue_id': '${e.issue_id}' is not a valid bead id`;
  }
  const payload = e.payload;
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) {
    return "field 'payload': expected an object";
  }
  if (typeof (payload as Record<string, unknown>).kind !== "string") {
    return "field 'payload.kind': expected a string";
  }
  return "not a bead event";
}

/** The common case, checked by hand (the reducer checks payloads). */
function isEventShape(raw: unknown): raw is BeadEvent {
  if (typeof raw !== "object" || raw === null) return false;
  const e = raw as Record<string, unknown>;
  const payload = e.payload as Record<string, unknown> | null;
  return e.schema_version === 1 && typeof e.event_id === "string" && e.event_id !== "" &&
    typeof e.timestamp === "string" && e.timestamp !== "" && typeof e.actor === "string" &&
    typeof e.operation === "string" && OPERATION_SET.has(e.operation) &&
    typeof e.issue_id === "string" && isSafeIssueId(e.issue_id) && typeof payload === "object" &&
    payload !== null && !Array.isArray(payload) && typeof payload.kind === "string";
}

/** List stream ids (file names without `.jsonl`), sorted. */
export async function listStreamIds(paths: StorePaths): Promise<string[]> {
  const ids: string[] = [];
  try {
    for await (const entry of Deno.readDir(paths.streamsDir)) {
      const id = streamIdOf(entry);
      if (id !== undefined) ids.push(id);
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return ids.sort();
}

const decoder = new TextDecoder();

/**
 * The text of one stream (UTF-8; invalid bytes replaced and a byte order
 * mark dropped, as `TextDecoder` reads them), bounded. A regular file within
 * the limit (every real stream) is read in one call, decoded as it is read:
 * thousands of streams are read on every replay, and the general bounded
 * reader's chunked reads cost several system calls each. Anything else (a
 * device, a fifo, an oversized file) goes through the bounded reader, which
 * refuses it with a clear error. `info` is the file's stat when the caller
 * took one already (null: it is gone).
 */
function readStreamText(path: string, info?: Deno.FileInfo | null): string {
  if (info === undefined) {
    try {
      info = Deno.statSync(path);
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
      info = null;
    }
  }
  // Removed since it was listed (a checkout or merge in progress): nothing to read.
  if (info === null) return "";
  if (info.isFile && info.size <= READ_LIMITS.store) {
    let text: string;
    try {
      text = Deno.readTextFileSync(path);
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return "";
      throw error;
    }
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }
  return decoder.decode(readBytesBoundedSync(path, READ_LIMITS.store));
}

/** One stream file, read and parsed. */
export interface ReadStream {
  /** Its events (none when it could not be read). */
  stream: EventStream;
  /** Lines it could not use, or why the whole file could not be read. */
  problems: ReplayProblem[];
  /** Lines it holds, valid or not: the next ordinal is this + 1. */
  lines: number;
}

/** Read and parse the stream `id` (`info`: its stat, when the caller has one). */
export function readStream(
  paths: StorePaths,
  id: string,
  info?: Deno.FileInfo | null,
): ReadStream {
  const file = streamPath(paths, id);
  let text: string;
  try {
    text = readStreamText(file, info);
  } catch (error) {
    if (!(error instanceof SaseError)) throw error;
    // Its beads are missing from the replay: report it, never regenerate over it.
    return {
      stream: { streamId: id, file, events: [] },
      problems: [{ file, line: 0, message: error.message, incomplete: true }],
      lines: 0,
    };
  }
  const parsed = parseStreamText(text, file, id);
  return { stream: parsed.stream, problems: parsed.problems, lines: parsed.lines };
}

/** Read and parse every stream of the store. */
export async function readStreams(paths: StorePaths): Promise<StreamsReadResult> {
  const exists = await eventStoreExists(paths);
  const result: StreamsReadResult = { streams: [], problems: [], lineCounts: new Map(), exists };
  if (!exists) return result;
  for (const id of listStreamIdsSync(paths)) {
    const read = readStream(paths, id);
    if (read.problems.some((problem) => problem.line === 0)) {
      result.problems.push(...read.problems);
      result.lineCounts.set(id, 0);
      continue;
    }
    result.streams.push(read.stream);
    result.problems.push(...read.problems);
    result.lineCounts.set(id, read.lines);
  }
  return result;
}

/** Name of a stream file for display. */
export function streamFileName(path: string): string {
  return basename(path);
}
