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
}

class Heap<T> {
  #items: T[] = [];
  constructor(private readonly less: (a: T, b: T) => boolean) {}
  get size(): number {
    return this.#items.length;
  }
  push(item: T): void {
    const items = this.#items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(items[i], items[parent])) break;
      [items[i], items[parent]] = [items[parent], items[i]];
      i = parent;
    }
  }
  pop(): T | undefined {
    const items = this.#items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < items.length && this.less(items[l], items[m])) m = l;
        if (r < items.length && this.less(items[r], items[m])) m = r;
        if (m === i) break;
        [items[i], items[m]] = [items[m], items[i]];
        i = m;
      }
    }
    return top;
  }
}

interface Head {
  stream: EventStream;
  index: number;
}

function headLess(a: Head, b: Head): boolean {
  const x = a.stream.events[a.index].event, y = b.stream.events[b.index].event;
  if (x.timestamp !== y.timestamp) return x.timestamp < y.timestamp;
  const px = operationPriority(x.operation), py = operationPriority(y.operation);
  if (px !== py) return px < py;
  if (x.event_id !== y.event_id) return x.event_id < y.event_id;
  return a.stream.streamId < b.stream.streamId;
}

/** The deterministic apply order of all events across `streams`. */
export function mergeStreams(streams: readonly EventStream[]): Array<[EventStream, LocatedEvent]> {
  const heap = new Heap<Head>(headLess);
  for (const stream of streams) if (stream.events.length > 0) heap.push({ stream, index: 0 });
  const ordered: Array<[EventStream, LocatedEvent]> = [];
  while (heap.size > 0) {
    const head = heap.pop()!;
    ordered.push([head.stream, head.stream.events[head.index]]);
    if (head.index + 1 < head.stream.events.length) {
      heap.push({ stream: head.stream, index: head.index + 1 });
    }
  }
  return ordered;
}

/** Replay `streams` into issues sorted by id. */
export function replay(streams: readonly EventStream[]): ReplayResult {
  const issues = new Map<string, Issue>();
  const problems: ReplayProblem[] = [];
  let redundantCloses = 0;
  let eventCount = 0;
  for (const [stream, located] of mergeStreams(streams)) {
    eventCount++;
    const outcome = applyEvent(issues, located.event);
    if (outcome.redundantClose) redundantCloses++;
    for (const message of outcome.problems) {
      problems.push({
        file: stream.file,
        line: located.line,
        message,
        ...(outcome.duplicateOf ? { duplicateOf: outcome.duplicateOf } : {}),
        ...(outcome.applied ? { partial: true } : {}),
      });
    }
  }
  const sorted = [...issues.values()].sort((a, b) => compareIds(a.id, b.id));
  return { issues: sorted, problems, redundantCloses, eventCount };
}
