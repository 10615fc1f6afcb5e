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

import { basename } from "node:path";
import { type BeadEvent, OPERATIONS } from "./event.ts";
import { eventSchema } from "./event_schema.ts";
import type { EventStream, ReplayProblem } from "./reduce.ts";
import { eventStoreExists, type StorePaths, streamPath } from "./paths.ts";

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
    stream.events.push({ event: parsed.data as BeadEvent, line: i + 1 });
  }
  return { stream, problems, lines: count };
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
    typeof e.issue_id === "string" && e.issue_id !== "" && typeof payload === "object" &&
    payload !== null && !Array.isArray(payload) && typeof payload.kind === "string";
}

/** List stream ids (file names without `.jsonl`), sorted. */
export async function listStreamIds(paths: StorePaths): Promise<string[]> {
  const ids: string[] = [];
  try {
    for await (const entry of Deno.readDir(paths.streamsDir)) {
      if (entry.isFile && entry.name.endsWith(".jsonl")) ids.push(entry.name.slice(0, -6));
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return ids.sort();
}

/** Read and parse every stream of the store. */
export async function readStreams(paths: StorePaths): Promise<StreamsReadResult> {
  const exists = await eventStoreExists(paths);
  const result: StreamsReadResult = { streams: [], problems: [], lineCounts: new Map(), exists };
  if (!exists) return result;
  const ids = await listStreamIds(paths);
  const texts = await Promise.all(ids.map((id) => Deno.readTextFile(streamPath(paths, id))));
  ids.forEach((id, index) => {
    const file = streamPath(paths, id);
    const parsed = parseStreamText(texts[index], file, id);
    result.streams.push(parsed.stream);
    result.problems.push(...parsed.problems);
    result.lineCounts.set(id, parsed.lines);
  });
  return result;
}

/** Append `events` to a stream file in one write (caller holds the store lock). */
export async function appendToStream(path: string, events: readonly BeadEvent[]): Promise<void> {
  if (events.length === 0) return;
  const file = await Deno.open(path, { read: true, append: true, create: true });
  try {
    let prefix = "";
    const size = (await file.stat()).size;
    if (size > 0) {
      await file.seek(size - 1, Deno.SeekMode.Start);
      const last = new Uint8Array(1);
      if ((await file.read(last)) === 1 && last[0] !== 0x0a) prefix = "\n";
    }
    const text = prefix + events.map((event) => JSON.stringify(event) + "\n").join("");
    const bytes = new TextEncoder().encode(text);
    let written = 0;
    while (written < bytes.length) written += await file.write(bytes.subarray(written));
  } finally {
    file.close();
  }
}

/** Name of a stream file for display. */
export function streamFileName(path: string): string {
  return basename(path);
}
