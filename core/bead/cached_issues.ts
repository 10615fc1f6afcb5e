/**
 * The issues of a current `beads.db` as a `Map` that reads rows when they
 * are asked for: a write looks at a handful of beads (the parent of a new
 * phase, the bead it updates), not at all ten thousand of them. Iterating
 * the map (values, entries, size) reads every row once; its keys need only
 * the ids.
 *
 * Changes made to the map (a planner's working copy) stay in the map; the
 * cache itself is never written through it.
 *
 * The map records what a write's planner looked at, so the write can check
 * just that against the stream files (see `write_cache.ts`): the streams of
 * the beads it looked up (found or not), whether it read them all
 * (iteration, keys, size), and the beads it set itself (planned ones).
 *
 * @module
 */

import type { DatabaseSync, StatementSync } from "node:sqlite";
import { compareIds, type Issue, rootIdOf } from "./model.ts";
import { rowsToIssues } from "./cache.ts";

/** A `Map` of the cache's issues, read row by row on demand. */
export class CachedIssueMap extends Map<string, Issue> {
  readonly #db: DatabaseSync;
  #one: StatementSync | undefined;
  /** Ids looked up and not in the cache (or deleted from the map). */
  readonly #absent = new Set<string>();
  #complete = false;
  /** Streams of the beads looked up: each one's root, and the stream that created it. */
  readonly #streams = new Set<string>();
  /** Ids set on the map (planned or changed here). */
  readonly #planned = new Set<string>();
  #readAllRows = false;

  constructor(db: DatabaseSync) {
    super();
    this.#db = db;
  }

  /** The streams whose beads were looked up (found or not). */
  get streamsLookedUp(): ReadonlySet<string> {
    return this.#streams;
  }

  /** Whether every row was read (iterated, counted or listed). */
  get readEverything(): boolean {
    return this.#readAllRows;
  }

  /** Ids set on the map (beads planned earlier in the same mutation, or changed). */
  get planned(): ReadonlySet<string> {
    return this.#planned;
  }

  /** The issue `id`, read from the cache the first time it is asked for. */
  override get(id: string): Issue | undefined {
    if (super.has(id)) return super.get(id);
    this.#streams.add(rootIdOf(id));
    if (this.#complete || this.#absent.has(id)) return undefined;
    this.#one ??= this.#db.prepare("SELECT row, stream FROM issues WHERE id = ?");
    const row = this.#one.get(id) as { row: string; stream: string } | undefined;
    if (!row) {
      this.#absent.add(id);
      return undefined;
    }
    this.#streams.add(row.stream);
    const [issue] = rowsToIssues([row]);
    super.set(id, issue);
    return issue;
  }

  override has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  override set(id: string, issue: Issue): this {
    this.#absent.delete(id);
    this.#planned.add(id);
    this.#streams.add(rootIdOf(id));
    return super.set(id, issue);
  }

  override delete(id: string): boolean {
    const had = this.has(id);
    super.delete(id);
    this.#planned.delete(id);
    this.#absent.add(id);
    return had;
  }

  /** Read every row not read yet, so iteration sees them all (in id order, as a replay lists them). */
  #readAll(): void {
    this.#readAllRows = true;
    if (this.#complete) return;
    const rows = this.#db.prepare("SELECT id, row FROM issues").all() as Array<
      { id: string; row: string }
    >;
    const unread = rows.filter((row) => !super.has(row.id) && !this.#absent.has(row.id));
    const read = rowsToIssues(unread);
    const all = [...super.entries(), ...unread.map((row, index) => [row.id, read[index]] as const)]
      .sort(([a], [b]) => compareIds(a, b));
    super.clear();
    for (const [id, issue] of all) super.set(id, issue);
    this.#complete = true;
  }

  override get size(): number {
    this.#readAll();
    return super.size;
  }

  /** Every id, in id order, without reading the rows. */
  override keys(): MapIterator<string> {
    this.#readAllRows = true;
    if (this.#complete) return super.keys();
    const ids = new Set(
      (this.#db.prepare("SELECT id FROM issues").all() as Array<{ id: string }>)
        .map((row) => row.id).filter((id) => !this.#absent.has(id)),
    );
    for (const id of super.keys()) ids.add(id);
    const sorted = [...ids].sort(compareIds);
    return new Map(sorted.map((id) => [id, true])).keys();
  }

  override values(): MapIterator<Issue> {
    this.#readAll();
    return super.values();
  }

  override entries(): MapIterator<[string, Issue]> {
    this.#readAll();
    return super.entries();
  }

  override [Symbol.iterator](): MapIterator<[string, Issue]> {
    return this.entries();
  }

  override forEach(
    callback: (value: Issue, key: string, map: Map<string, Issue>) => void,
    thisArg?: unknown,
  ): void {
    this.#readAll();
    super.forEach(callback, thisArg);
  }
}
