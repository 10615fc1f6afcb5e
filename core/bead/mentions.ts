/**
 * What a stream's events say about other streams: the roots of every bead
 * id they name (the bead an event changes, a dependency's target, the beads
 * a removal cascades to, the row an `issue_created` carries) and the ids they
 * create.
 *
 * Replay is a merge of all streams, but events of one stream reach the beads
 * of another only through such ids: a dependency is checked against its
 * target's existence, a removal drops the dependencies on what it removed, a
 * duplicate creation collides with the first. Streams that name no id of
 * each other's (directly or through a chain of streams) replay the same
 * alone as together, which is what lets the cache replay only the streams a
 * change can reach.
 *
 * @module
 */

import { rootIdOf } from "./model.ts";
import type { EventStream } from "./reduce.ts";

/** What one stream's events name beyond themselves, and what they create. */
export interface StreamMentions {
  /** Roots of ids its events name, its own excepted, sorted. */
  roots: string[];
  /** Ids of its `issue_created` events (applied or not), in order, without repeats. */
  created: string[];
}

function idOf(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** The mentions of `stream`'s events. */
export function streamMentions(stream: EventStream): StreamMentions {
  const roots = new Set<string>();
  const created = new Set<string>();
  const note = (value: unknown) => {
    const id = idOf(value);
    if (id !== undefined) roots.add(rootIdOf(id));
  };
  for (const { event } of stream.events) {
    note(event.issue_id);
    if (event.operation === "issue_created") created.add(event.issue_id);
    const payload = event.payload;
    const dependency = payload.dependency as Record<string, unknown> | null | undefined;
    if (typeof dependency === "object" && dependency !== null) note(dependency.depends_on_id);
    const issue = payload.issue as Record<string, unknown> | null | undefined;
    if (typeof issue === "object" && issue !== null) note(issue.id);
    const cascade = payload.cascade_removed_issue_ids;
    if (Array.isArray(cascade)) cascade.forEach(note);
  }
  roots.delete(stream.streamId);
  return { roots: [...roots].sort(), created: [...created] };
}

/**
 * The streams a change to `changed` can reach: every stream connected to one
 * of them through named roots (`mentions` gives each stream's roots, before
 * and after the change alike).
 */
export function reachableStreams(
  changed: Iterable<string>,
  streams: Iterable<string>,
  mentions: (stream: string) => Iterable<string>,
): Set<string> {
  // Union-find over stream ids and roots (a root names its stream file, if any).
  const parent = new Map<string, string>();
  const find = (node: string): string => {
    let root = node;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    let at = node;
    while (at !== root) {
      const next = parent.get(at)!;
      parent.set(at, root);
      at = next;
    }
    return root;
  };
  const union = (a: string, b: string) => {
    const ra = find(a), rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  };
  const all = [...streams];
  for (const stream of all) for (const root of mentions(stream)) union(stream, root);
  const reached = new Set([...changed].map(find));
  return new Set(all.filter((stream) => reached.has(find(stream))));
}
