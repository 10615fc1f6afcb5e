/**
 * Replay: fold every event stream back into bead snapshots.
 *
 * Pure and total. Within a stream events apply in recorded order (that is
 * the causal order, even after a git merge appended older events); across
 * streams a k-way merge picks the smallest head by (timestamp, operation
 * priority, event id, stream id), so the result never depends on the order
 * the streams were read in. An event that cannot apply is reported with its
 * file and line and skipped; replay never throws.
 *
 * @module
 */

import { type BeadEvent, operationPriority } from "./event.ts";
import { cloneIssue, compareIds, type Issue } from "./model.ts";
import { parseIssueRow } from "./row.ts";

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
}

/** The reduced store. */
export interface ReplayResult {
  issues: Issue[];
  problems: ReplayProblem[];
  /** Close events that found the bead already closed (the first close wins). */
  redundantCloses: number;
  eventCount: number;
}

const UPDATABLE = new Set([
  "title",
  "status",
  "assignee",
  "description",
  "notes",
  "design",
  "model",
  "closed_at",
  "close_reason",
  "changespec_name",
  "changespec_bug_id",
  "tier",
  "epic_count",
  "is_ready_to_work",
  "owner",
  "parent_id",
]);

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

function clearClose(issue: Issue): void {
  issue.closed_at = null;
  issue.close_reason = null;
  delete issue.extra.resolution;
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
    if (outcome === "redundant_close") redundantCloses++;
    else if (typeof outcome === "object") {
      problems.push({ file: stream.file, line: located.line, ...outcome });
    }
  }
  const sorted = [...issues.values()].sort((a, b) => compareIds(a.id, b.id));
  return { issues: sorted, problems, redundantCloses, eventCount };
}

type ApplyOutcome = "ok" | "redundant_close" | { message: string; duplicateOf?: string };

function str(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/** Apply one event to `issues` in place. */
export function applyEvent(issues: Map<string, Issue>, event: BeadEvent): ApplyOutcome {
  const payload = event.payload;
  const id = event.issue_id;
  if (event.operation === "issue_created") {
    const parsed = parseIssueRow(payload.issue);
    if ("error" in parsed) return { message: `issue_created payload.issue ${parsed.error}` };
    if (parsed.issue.id !== id) {
      return { message: `issue_created payload id mismatch: ${parsed.issue.id} != ${id}` };
    }
    if (issues.has(id)) {
      return { message: `duplicate issue_created event for ${id}`, duplicateOf: id };
    }
    parsed.issue.dependencies = [];
    issues.set(id, parsed.issue);
    return "ok";
  }
  if (event.operation === "issue_removed") {
    const removed = new Set<string>([id]);
    const cascade = payload.cascade_removed_issue_ids;
    if (Array.isArray(cascade)) { for (const child of cascade) removed.add(String(child)); }
    for (const removedId of removed) issues.delete(removedId);
    for (const issue of issues.values()) {
      if (issue.dependencies.some((dep) => removed.has(dep.depends_on_id))) {
        issue.dependencies = issue.dependencies.filter((dep) => !removed.has(dep.depends_on_id));
      }
    }
    return "ok";
  }
  const current = issues.get(id);
  if (!current) return { message: `event references unknown issue: ${id}` };
  const issue = cloneIssue(current);
  switch (event.operation) {
    case "issue_updated": {
      const fields = payload.fields;
      if (typeof fields !== "object" || fields === null) {
        return { message: "issue_updated payload has no 'fields' object" };
      }
      for (const [key, value] of Object.entries(fields)) {
        if (UPDATABLE.has(key)) {
          (issue as unknown as Record<string, unknown>)[key] = key === "is_ready_to_work"
            ? Boolean(value)
            : value ?? defaultFor(key);
        } else if (value === null) delete issue.extra[key];
        else issue.extra[key] = value;
      }
      const status = (fields as Record<string, unknown>).status;
      if (typeof status === "string" && status !== "closed") clearClose(issue);
      issue.updated_at = event.timestamp;
      break;
    }
    case "note_appended": {
      const entry = str(payload.entry).trim();
      if (entry === "") return { message: "note_appended entry is empty" };
      issue.notes = issue.notes === "" ? entry : `${issue.notes}\n${entry}`;
      issue.updated_at = event.timestamp;
      break;
    }
    case "issue_opened":
      issue.status = "open";
      clearClose(issue);
      issue.updated_at = event.timestamp;
      break;
    case "issue_closed":
      if (issue.status === "closed" && issue.closed_at !== null) {
        return "redundant_close";
      }
      issue.status = "closed";
      issue.closed_at = event.timestamp;
      issue.close_reason = typeof payload.close_reason === "string" ? payload.close_reason : null;
      if (payload.resolution !== undefined && payload.resolution !== null) {
        issue.extra.resolution = payload.resolution;
      } else delete issue.extra.resolution;
      issue.updated_at = event.timestamp;
      break;
    case "dependency_added":
    case "dependency_removed": {
      const dep = payload.dependency as Record<string, unknown> | undefined;
      const target = str(dep?.depends_on_id);
      if (!dep || target === "") return { message: `${event.operation} payload has no dependency` };
      if (event.operation === "dependency_removed") {
        issue.dependencies = issue.dependencies.filter((d) => d.depends_on_id !== target);
        break;
      }
      if (!issues.has(target)) {
        return { message: `dependency_added target does not exist: ${target}` };
      }
      if (!issue.dependencies.some((d) => d.depends_on_id === target)) {
        issue.dependencies.push({
          issue_id: id,
          depends_on_id: target,
          created_at: str(dep.created_at),
          created_by: str(dep.created_by),
        });
      }
      break;
    }
    case "reference_added":
    case "reference_removed": {
      const reference = str(payload.reference);
      const refs = Array.isArray(issue.extra.refs) ? [...issue.extra.refs as string[]] : [];
      const next = event.operation === "reference_added"
        ? (refs.includes(reference) ? refs : [...refs, reference])
        : refs.filter((ref) => ref !== reference);
      if (next.length > 0) issue.extra.refs = next;
      else delete issue.extra.refs;
      break;
    }
    case "ready_marked":
    case "ready_unmarked":
      issue.is_ready_to_work = event.operation === "ready_marked";
      issue.updated_at = event.timestamp;
      break;
    case "epic_work_preclaimed": {
      const agent = str(payload.agent_name);
      if (agent === "") return { message: "epic_work_preclaimed agent_name is empty" };
      issue.status = "in_progress";
      clearClose(issue);
      issue.assignee = agent;
      issue.updated_at = event.timestamp;
      break;
    }
    case "task_plus_one_recorded": {
      const evidence = Array.isArray(issue.extra.plus_one_evidence)
        ? [...issue.extra.plus_one_evidence]
        : [];
      evidence.push(payload.evidence);
      issue.extra.plus_one_evidence = evidence;
      if (issue.status === "open" || issue.status === "closed") {
        if (issue.status === "closed") issue.assignee = "";
        issue.status = "ready";
        clearClose(issue);
      }
      issue.updated_at = event.timestamp;
      break;
    }
    case "task_snoozed":
      issue.status = "snoozed";
      issue.extra.snooze = payload.snooze;
      issue.updated_at = event.timestamp;
      break;
    case "task_snooze_canceled":
    case "task_snooze_woken":
      issue.status = "ready";
      delete issue.extra.snooze;
      issue.updated_at = event.timestamp;
      break;
  }
  issues.set(id, issue);
  return "ok";
}

function defaultFor(key: string): unknown {
  return ["closed_at", "close_reason", "tier", "epic_count", "parent_id"].includes(key) ? null : "";
}
