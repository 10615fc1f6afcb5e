/**
 * Replay: fold every event stream back into bead snapshots.
 *
 * Pure and total. Within a stream events apply in recorded order (that is
 * the causal order, even after a git merge appended older events); across
 * streams a k-way merge picks the smallest head by (timestamp, operation
 * priority, event id, stream id), so the result never depends on the order
 * the streams were read in. An event (or a field of one) that cannot apply is
 * reported with its file and line and skipped; replay never throws.
 *
 * @module
 */

import { applyEvent } from "./apply.ts";
import { type BeadEvent, operationPriority } from "./event.ts";
import { compareIds, type Issue } from "./model.ts";

/** One event plus where it was read from. */
export interface LocatedEvent {
  event: BeadEvent;
  line: number;
}

/** One stream file's parsed events. */
export interface EventStream {
  streamId: string;
  /** Path (or name) used in problem reports. */
  file: string;
  events: LocatedEvent[];
}

/** An event or line that replay had to skip. */
export interface ReplayProblem {
  file: string;
  line: number;
  message: string;
  /** A torn last line: a writer died mid-append. */
  torn?: boolean;
  /** A second `issue_created` for an id: two clones allocated the same id. */
  duplicateOf?: string;
  /**
   * The replay lacks what this line or file records (an operation of a newer
   * writer, a stream too large to read), so the projection must not be
   * regenerated over the one the writer made.
   */
  incomplete?: boolean;
  /** The event applied except for the field this problem names. */
  partial?: boolean;
}

/** The reduced store. */
export interface ReplayResult {
  issues: Issue[];
  problems: ReplayProblem[];
  /** Close events that found the bead already closed (the last close wins). */
  redundantCloses: number;
  eventCount: number;
  /** The stream whose `issue_created` made each issue (for the cache's per-stream rows). */
  origins: Map<string, string>;
  /** Redundant closes per stream id. */
  redundantByStream: Map<string, number>;
}

/** A stream's next event and its merge key. */
interface Head {
  stream: EventStream;
  index: number;
  timestamp: string;
  priority: number;
  eventId: string;
}

function headOf(stream: EventStream, index: number, head?: Head): Head {
  const event = stream.events[index].event;
  const next = head ?? { stream, index, timestamp: "", priority: 0, eventId: "" };
  next.index = index;
  next.timestamp = event.timestamp;
  next.priority = operationPriority(event.operation);
  next.eventId = event.event_id;
  return next;
}

function headLess(a: Head, b: Head): boolean {
  if (a.timestamp !== b.timestamp) return a.timestamp < b.timestamp;
  if (a.priority !== b.priority) return a.priority < b.priority;
  if (a.eventId !== b.eventId) return a.eventId < b.eventId;
  return a.stream.streamId < b.stream.streamId;
}

/** Move the head at `i` down the min-heap `heap` to its place. */
function siftDown(heap: Head[], i: number): void {
  const item = heap[i];
  for (;;) {
    const left = 2 * i + 1;
    if (left >= heap.length) break;
    const right = left + 1;
    const child = right < heap.length && headLess(heap[right], heap[left]) ? right : left;
    if (!headLess(heap[child], item)) break;
    heap[i] = heap[child];
    i = child;
  }
  heap[i] = item;
}

/**
 * Visit every event across `streams` in the deterministic apply order: a
 * k-way merge whose heads are compared by (timestamp, operation priority,
 * event id, stream id). The head taken is replaced by its stream's next event
 * in place, so a merge makes no garbage per event.
 */
export function forEachMerged(
  streams: readonly EventStream[],
  visit: (stream: EventStream, located: LocatedEvent) => void,
): void {
  const heap = streams.filter((stream) => stream.events.length > 0)
    .map((stream) => headOf(stream, 0));
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) siftDown(heap, i);
  while (heap.length > 0) {
    const head = heap[0];
    visit(head.stream, head.stream.events[head.index]);
    if (head.index + 1 < head.stream.events.length) {
      headOf(head.stream, head.index + 1, head);
    } else {
      const last = heap.pop()!;
      if (heap.length === 0) break;
      heap[0] = last;
    }
    siftDown(heap, 0);
  }
}

/** Replay `streams` into issues sorted by id. */
export function replay(streams: readonly EventStream[]): ReplayResult {
  const issues = new Map<string, Issue>();
  const origins = new Map<string, string>();
  const problems: ReplayProblem[] = [];
  const redundantByStream = new Map<string, number>();
  let redundantCloses = 0;
  let eventCount = 0;
  forEachMerged(streams, (stream, located) => {
    eventCount++;
    // The map is the replay's own: events change its issues in place.
    const outcome = applyEvent(issues, located.event, { owned: true });
    if (outcome.applied && located.event.operation === "issue_created") {
      origins.set(located.event.issue_id, stream.streamId);
    }
    if (outcome.redundantClose) {
      redundantCloses++;
      redundantByStream.set(stream.streamId, (redundantByStream.get(stream.streamId) ?? 0) + 1);
    }
    for (const message of outcome.problems) {
      problems.push({
        file: stream.file,
        line: located.line,
        message,
        ...(outcome.duplicateOf ? { duplicateOf: outcome.duplicateOf } : {}),
        ...(outcome.applied ? { partial: true } : {}),
      });
    }
  });
  const sorted = [...issues.values()].sort((a, b) => compareIds(a.id, b.id));
  return { issues: sorted, problems, redundantCloses, eventCount, origins, redundantByStream };
}
