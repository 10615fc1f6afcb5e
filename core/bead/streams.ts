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
import { type BeadEvent, OPERATIONS } from "./event.ts";
import { eventSchema } from "./event_schema.ts";
import { isSafeIssueId } from "./ids.ts";
import type { EventStream, ReplayProblem } from "./reduce.ts";
import { eventStoreExists, type StorePaths, streamPath } from "./paths.ts";

/** Deepest JSON nesting an event line may have (real events nest four levels). */
export const MAX_EVENT_DEPTH = 64;

/**
 * Whether `line` nests arrays/objects deeper than `limit`. Only a line of
 * at least `2 * limit` characters can, so ordinary lines skip the scan.
 */
function nestsDeeperThan(line: string, limit: number): boolean {
  if (line.length < 2 * limit) return false;
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
    const parsed = eventSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      problems.push({
        file,
        line: i + 1,
        message: `invalid bead event: field '${issue.path.join(".")}': ${issue.message}`,
      });
      continue;
    }
    if (!isSafeIssueId(parsed.data.issue_id)) {
      problems.push({
        file,
        line: i + 1,
        message:
          `invalid bead event: field 'issue_id': '${parsed.data.issue_id}' is not a valid bead id`,
      });
      continue;
    }
    stream.events.push({ event: parsed.data as BeadEvent, line: i + 1 });
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

/** The common case checked by hand; anything odd goes through zod for a precise message. */
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
      if (entry.isDirectory || !entry.name.endsWith(".jsonl")) continue;
      // Only a root id names a stream; any other `.jsonl` here is not ours to read.
      const id = entry.name.slice(0, -6);
      if (isSafeIssueId(id) && !id.includes(".")) ids.push(id);
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return ids.sort();
}

/**
 * The bytes of one stream, bounded. A regular file within the limit (every
 * real stream) is read in one call: thousands of streams are read on every
 * replay, and the general bounded reader's chunked reads cost several system
 * calls each. Anything else (a device, a fifo, an oversized file) goes
 * through the bounded reader, which refuses it with a clear error.
 */
function readStreamBytes(path: string): Uint8Array {
  let info: Deno.FileInfo;
  try {
    info = Deno.statSync(path);
  } catch (error) {
    // Removed since it was listed (a checkout or merge in progress): nothing to read.
    if (error instanceof Deno.errors.NotFound) return new Uint8Array();
    throw error;
  }
  if (info.isFile && info.size <= READ_LIMITS.store) return Deno.readFileSync(path);
  return readBytesBoundedSync(path, READ_LIMITS.store);
}

/** Read and parse every stream of the store. */
export async function readStreams(paths: StorePaths): Promise<StreamsReadResult> {
  const exists = await eventStoreExists(paths);
  const result: StreamsReadResult = { streams: [], problems: [], lineCounts: new Map(), exists };
  if (!exists) return result;
  const ids = await listStreamIds(paths);
  const decoder = new TextDecoder();
  const texts = ids.map((id) => {
    try {
      return decoder.decode(readStreamBytes(streamPath(paths, id)));
    } catch (error) {
      if (!(error instanceof SaseError)) throw error;
      return error;
    }
  });
  ids.forEach((id, index) => {
    const file = streamPath(paths, id);
    const text = texts[index];
    if (text instanceof SaseError) {
      // Its beads are missing from the replay: report it, never regenerate over it.
      result.problems.push({ file, line: 0, message: text.message, incomplete: true });
      result.lineCounts.set(id, 0);
      return;
    }
    const parsed = parseStreamText(text, file, id);
    result.streams.push(parsed.stream);
    result.problems.push(...parsed.problems);
    result.lineCounts.set(id, parsed.lines);
  });
  return result;
}

/** Name of a stream file for display. */
export function streamFileName(path: string): string {
  return basename(path);
}
