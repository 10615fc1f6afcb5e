/**
 * Repairing id collisions between clones.
 *
 * Two clones that allocated the same id independently each wrote an
 * `issue_created` for it into the same stream file; the store's
 * `.gitattributes` makes git keep both sides' lines (ours, then theirs). The
 * repair keeps the first creation and renames the later one, with every
 * event after it that touches the renamed subtree, onto a free id: a new
 * top-level counter (moved to its own stream) or the next free child number.
 * Ids inside those events (parent, dependencies, cascades) are rewritten and
 * event ids re-minted.
 *
 * @module
 */

import { type BeadEvent, mintEventId } from "./event.ts";
import { nextChildId, nextCounter, topLevelId } from "./ids.ts";
import type { EventStream } from "./reduce.ts";

/** A planned rename. */
export interface Relocation {
  oldId: string;
  newId: string;
  /** The stream file that held both creations. */
  file: string;
}

/** The rewritten streams after repairing all collisions. */
export interface CollisionRepair {
  relocations: Relocation[];
  /** Full new event lists per stream id (only streams that changed or were created). */
  streams: Map<string, BeadEvent[]>;
  nextCounter: number;
}

function inSubtree(id: string, root: string): boolean {
  return id === root || id.startsWith(`${root}.`);
}

function remap(id: string, oldId: string, newId: string): string {
  return inSubtree(id, oldId) ? newId + id.slice(oldId.length) : id;
}

function remapEvent(event: BeadEvent, oldId: string, newId: string): BeadEvent {
  const copy = structuredClone(event);
  copy.issue_id = remap(copy.issue_id, oldId, newId);
  const payload = copy.payload as Record<string, unknown>;
  const issue = payload.issue as Record<string, unknown> | undefined;
  if (issue) {
    issue.id = remap(String(issue.id), oldId, newId);
    if (typeof issue.parent_id === "string") issue.parent_id = remap(issue.parent_id, oldId, newId);
  }
  const dep = payload.dependency as Record<string, string> | undefined;
  if (dep) {
    dep.issue_id = remap(dep.issue_id, oldId, newId);
    dep.depends_on_id = remap(dep.depends_on_id, oldId, newId);
  }
  if (Array.isArray(payload.cascade_removed_issue_ids)) {
    payload.cascade_removed_issue_ids = (payload.cascade_removed_issue_ids as string[]).map((id) =>
      remap(id, oldId, newId)
    );
  }
  return copy;
}

function reminted(events: BeadEvent[], streamId: string, fresh: Set<BeadEvent>): BeadEvent[] {
  return events.map((event, index) =>
    !fresh.has(event) ? event : ({
      ...event,
      event_id: mintEventId(
        streamId,
        index + 1,
        event.timestamp,
        event.actor,
        event.operation,
        event.issue_id,
        event.payload,
      ),
    })
  );
}

/** Plan the repair of every collision (pure). */
export function planCollisionRepair(
  streams: readonly EventStream[],
  prefix: string,
  configCounter: number,
): CollisionRepair {
  const lists = new Map(streams.map((s) => [s.streamId, s.events.map((e) => e.event)]));
  const files = new Map(streams.map((s) => [s.streamId, s.file]));
  const used = new Set<string>([...lists.keys()]);
  for (const events of lists.values()) for (const event of events) used.add(event.issue_id);
  const changed = new Set<string>();
  const fresh = new Set<BeadEvent>();
  const relocations: Relocation[] = [];
  let counter = nextCounter(prefix, configCounter, used);
  for (;;) {
    const found = findDuplicate(lists);
    if (!found) break;
    const { streamId, index, end } = found;
    const events = lists.get(streamId)!;
    const oldId = events[index].issue_id;
    const top = !oldId.includes(".");
    const newId = top
      ? topLevelId(prefix, counter++)
      : nextChildId(oldId.slice(0, oldId.lastIndexOf(".")), used);
    used.add(newId);
    const inBlock = (e: BeadEvent, i: number) =>
      i >= index && i < end && inSubtree(e.issue_id, oldId);
    const moved = events.filter(inBlock).map((event) => remapEvent(event, oldId, newId));
    moved.forEach((event) => fresh.add(event));
    relocations.push({ oldId, newId, file: files.get(streamId) ?? streamId });
    if (top) {
      lists.set(streamId, events.filter((e, i) => !inBlock(e, i)));
      lists.set(newId, moved);
      changed.add(newId);
    } else {
      let m = 0;
      lists.set(streamId, events.map((e, i) => (inBlock(e, i) ? moved[m++] : e)));
    }
    changed.add(streamId);
  }
  // A renamed side's own references to another id it lost point at the renamed bead too.
  const renamed = new Map(relocations.map((r) => [r.oldId, r.newId]));
  for (const event of fresh) {
    const dep = (event.payload as Record<string, unknown>).dependency as
      | Record<string, string>
      | undefined;
    const target = dep && renamed.get(dep.depends_on_id);
    if (dep && target) dep.depends_on_id = target;
  }
  const streamsOut = new Map<string, BeadEvent[]>();
  for (const streamId of changed) {
    streamsOut.set(streamId, reminted(lists.get(streamId)!, streamId, fresh));
  }
  return { relocations, streams: streamsOut, nextCounter: counter };
}

/**
 * The next creation to rename: of the creations of one id, the later by
 * timestamp (file order breaks ties). Its events run from its creation up to
 * the next creation of the same id, since git's union merge keeps each
 * side's additions together.
 */
function findDuplicate(
  lists: Map<string, BeadEvent[]>,
): { streamId: string; index: number; end: number } | undefined {
  for (const [streamId, events] of lists) {
    const creations = new Map<string, number[]>();
    events.forEach((event, index) => {
      if (event.operation !== "issue_created") return;
      creations.set(event.issue_id, [...(creations.get(event.issue_id) ?? []), index]);
    });
    for (const indexes of creations.values()) {
      if (indexes.length < 2) continue;
      const loser = indexes.reduce((a, b) => (events[b].timestamp >= events[a].timestamp ? b : a));
      const next = indexes.find((index) => index > loser);
      return { streamId, index: loser, end: next ?? events.length };
    }
  }
  return undefined;
}
