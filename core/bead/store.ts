/**
 * The bead store service: load (replay or legacy fallback), and the one write
 * path every mutation goes through.
 *
 * A write takes the store lock, lets a pure planner turn the current state
 * into new events (reading the beads it asks for from `beads.db`, checked
 * against the stream files where the write looks, see `write_cache.ts`),
 * checks they apply, appends them (one write per stream), then brings
 * `beads.db` and `issues.jsonl` along. Because allocation and validation
 * happen under the lock, concurrent writers never duplicate an id or lose an
 * event.
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import { atomicWriteFile, atomicWriteTextFile } from "../fs/atomic_write.ts";
import { READ_LIMITS, readBytesBoundedSync, readTextBounded } from "../fs/bounded_read.ts";
import type { DatabaseSync } from "node:sqlite";
import { withFileLock } from "../fs/lock.ts";
import { appendJsonlLocked } from "../fs/jsonl.ts";
import { applyEvent } from "./apply.ts";
import { type BeadConfig, readBeadConfig, writeBeadConfig } from "./config.ts";
import { type BeadEvent, buildEvent, type EventDraft } from "./event.ts";
import { takenFrom, type TakenIds } from "./ids.ts";
import { compareIds, type Issue, issueToRow, rootIdOf } from "./model.ts";
import {
  eventStoreExists,
  listStreamIdsSync,
  type StorePaths,
  storePaths,
  streamPath,
} from "./paths.ts";
import { exportProjection, readProjection } from "./projection.ts";
import { projectionOfCache, type RowChange, spliceProjection } from "./projection_write.ts";
import { replay, type ReplayProblem } from "./reduce.ts";
import { readStreams } from "./streams.ts";
import {
  type CachedIssue,
  type CacheState,
  cacheState,
  deleteIssues,
  deleteStreams,
  fileKey,
  insertStreams,
  inTransactionAsync,
  keySize,
  ownAppend,
  PROJECTION_KEY,
  replaceIssues,
  setMeta,
  type StreamRow,
  UNVERIFIED,
} from "./cache.ts";
import { CachedIssueMap } from "./cached_issues.ts";
import { importDrafts } from "./import.ts";
import { streamMentions } from "./mentions.ts";
import { currentEventCache } from "./refresh.ts";
import { refreshReadiness } from "./readiness.ts";
import { PENDING_KEY, WriteCache } from "./write_cache.ts";

/** Where a loaded store's issues came from. */
export type StoreSource = "events" | "legacy" | "empty";

/** A fully replayed store. */
export interface LoadedStore {
  paths: StorePaths;
  source: StoreSource;
  issues: Issue[];
  problems: ReplayProblem[];
  redundantCloses: number;
  eventCount: number;
  /** Lines per stream (next ordinal = count + 1). */
  lineCounts: Map<string, number>;
  /** Every id ever created per stream, removed ones included (for allocation). */
  createdIds: Set<string>;
  config: BeadConfig | undefined;
  /** Why `config.json` could not be used (reads go on; writes refuse). */
  configError?: SaseError;
}

/**
 * The first problem that makes the replay incomplete (a newer writer's
 * operation, an unreadable stream), or `undefined`. A projection written from
 * an incomplete replay would drop what the original recorded.
 */
export function incompleteProblem(store: LoadedStore): ReplayProblem | undefined {
  return store.problems.find((problem) => problem.incomplete);
}

async function readConfigLeniently(
  path: string,
): Promise<{ config?: BeadConfig; configError?: SaseError }> {
  try {
    return { config: await readBeadConfig(path) };
  } catch (error) {
    if (error instanceof SaseError) return { configError: error };
    throw error;
  }
}

/** Replay the store at `dir` (events win; legacy `issues.jsonl` only without events). */
export async function loadStore(dir: string): Promise<LoadedStore> {
  const paths = storePaths(dir);
  const [read, { config, configError }] = await Promise.all([
    readStreams(paths),
    readConfigLeniently(paths.config),
  ]);
  const createdIds = new Set<string>();
  if (read.exists) {
    for (const stream of read.streams) {
      for (const { event } of stream.events) {
        if (event.operation === "issue_created") createdIds.add(event.issue_id);
      }
    }
    const result = replay(read.streams);
    return {
      paths,
      source: "events",
      issues: result.issues,
      problems: [...read.problems, ...result.problems],
      redundantCloses: result.redundantCloses,
      eventCount: result.eventCount,
      lineCounts: read.lineCounts,
      createdIds,
      config,
      configError,
    };
  }
  const legacy = await readProjection(paths.projection);
  for (const issue of legacy.issues) createdIds.add(issue.id);
  let source: StoreSource = "empty";
  try {
    await Deno.stat(paths.projection);
    source = "legacy";
  } catch {
    // no projection either
  }
  return {
    paths,
    source,
    issues: legacy.issues,
    problems: legacy.problems.map((problem) => ({ file: paths.projection, ...problem })),
    redundantCloses: 0,
    eventCount: 0,
    lineCounts: new Map(),
    createdIds,
    config,
    configError,
  };
}

/** What a planner sees. */
export interface MutationContext {
  store: LoadedStore;
  issues: Map<string, Issue>;
  config: BeadConfig;
  now: string;
  actor: string;
  /** The ids a new bead must not take (the planned ones in `issues` too). */
  taken: TakenIds;
}

/** What a planner returns: events to append, an optional new config, and a result. */
export interface MutationPlan<T> {
  events: EventDraft[];
  config?: BeadConfig;
  result: T;
}

/** Options for {@linkcode mutateStore}. */
export interface MutateOptions {
  actor: string;
  /** Clock override (tests). */
  now?: string;
}

const MANIFEST_FIELDS = { generated_from: "issues.jsonl", migration_tool: "sase-core bead events" };

/** The manifest text for `streamCount` streams (pretty, so git union merges stay parseable). */
export function manifestText(streamCount: number): string {
  return JSON.stringify(
    { schema_version: 1, stream_count: streamCount, ...MANIFEST_FIELDS },
    null,
    2,
  ) +
    "\n";
}

function requireStore(store: LoadedStore): BeadConfig {
  if (store.configError) throw store.configError;
  if (store.config) return store.config;
  if (store.source === "empty") {
    throw new SaseError("bead.no_store", `no bead store at ${store.paths.dir}`, {
      hint: "run `sase bead init` first",
      kind: "not-found",
    });
  }
  return { issue_prefix: "", next_counter: 1, owner: "" };
}

/** Refuse a write that would lose what the store holds (see the checks). */
function checkWritable(store: LoadedStore): void {
  const unreadable = store.problems.find((problem) => problem.incomplete && problem.line === 0);
  if (unreadable) {
    throw new SaseError("bead.store_unreadable", `cannot write: ${unreadable.message}`, {
      hint: "move the stream aside or restore it from git, then run `sase bead doctor`",
      kind: "invalid-data",
    });
  }
  if (store.source !== "legacy") return;
  // Migration turns the rows into events for good: a row it could not read would be lost.
  const bad = store.problems.find((problem) => !problem.torn);
  if (bad) {
    throw new SaseError(
      "bead.legacy_unreadable",
      `cannot migrate ${bad.file} to events: line ${bad.line}: ${bad.message}`,
      {
        hint: "fix or remove that line first (the first write turns every row into events)",
        kind: "invalid-data",
      },
    );
  }
}

/**
 * The store as a write sees it through its cache (see `write_cache.ts`):
 * what a write always needs is read up front (the config, the recorded
 * problems); the rest is read from the cache only if asked for, and asking
 * for everything (every bead, every stream's counts or ids) is noted, since
 * then the write must check every stream first.
 */
async function storeOfCache(
  cache: WriteCache,
): Promise<{ store: LoadedStore; readEverything: () => boolean }> {
  const { config, configError } = await readConfigLeniently(cache.paths.config);
  let everything = false;
  let state: CacheState | undefined;
  const streams = () => {
    everything = true;
    state ??= cacheState(cache.db);
    return [...(state?.streams.values() ?? [])];
  };
  let issues: Issue[] | undefined;
  const store: LoadedStore = {
    paths: cache.paths,
    source: "events",
    get issues() {
      everything = true;
      return issues ??= [...new CachedIssueMap(cache.db).values()];
    },
    problems: cache.problems(),
    get redundantCloses() {
      return streams().reduce((total, row) => total + row.redundantCloses, 0);
    },
    get eventCount() {
      return streams().reduce((total, row) => total + row.events, 0);
    },
    get lineCounts() {
      return new Map(streams().map((row) => [row.id, row.lines]));
    },
    get createdIds() {
      return new Set(streams().flatMap((row) => row.created));
    },
    config,
    configError,
  };
  return { store, readEverything: () => everything };
}

/**
 * Run one mutation under the store lock. A store with events is written
 * through its cache, checked where the write looks (see `write_cache.ts`);
 * a legacy or empty store is read in full (its first write migrates it).
 */
export function mutateStore<T>(
  dir: string,
  options: MutateOptions,
  planner: (context: MutationContext) => MutationPlan<T>,
): Promise<T> {
  const paths = storePaths(dir);
  return withFileLock(paths.lockBase, async () => {
    if (!(await eventStoreExists(paths))) {
      return await mutateLoaded(paths, await loadStore(dir), options, planner);
    }
    let cache = WriteCache.open(paths);
    try {
      for (;;) {
        const outcome = await mutateCached(cache, options, planner);
        if (outcome.done) return outcome.result;
        // It looked at more than was checked, or something changed there: check everything.
        cache.db.close();
        cache = WriteCache.fullyChecked(paths);
      }
    } finally {
      cache.db.close();
    }
  });
}

/** What applying a write's events to the beads changed. */
interface Applied {
  /** Ids of the beads the events touched (every remaining one after a removal). */
  touched: Set<string>;
  removed: Set<string>;
  /** Redundant closes per stream id. */
  redundant: Map<string, number>;
}

/** Apply `events` to `working`, refusing any event that does not apply cleanly. */
function applyAll(working: Map<string, Issue>, events: readonly BeadEvent[]): Applied {
  const applied: Applied = { touched: new Set(), removed: new Set(), redundant: new Map() };
  for (const event of events) {
    const outcome = applyEvent(working, event);
    if (outcome.problems.length > 0) {
      throw new SaseError(
        "bead.invalid_event",
        `refusing to write an invalid event: ${outcome.problems.join("; ")}`,
        { kind: "invalid-data" },
      );
    }
    if (outcome.redundantClose) {
      const stream = rootIdOf(event.issue_id);
      applied.redundant.set(stream, (applied.redundant.get(stream) ?? 0) + 1);
    }
    applied.touched.add(event.issue_id);
    if (event.operation === "issue_removed") {
      applied.removed.add(event.issue_id);
      for (const id of (event.payload.cascade_removed_issue_ids as string[] | undefined) ?? []) {
        applied.removed.add(id);
      }
      for (const issue of working.values()) applied.touched.add(issue.id);
    }
  }
  return applied;
}

/** Today's timestamp as events record it (whole seconds). */
function timestamp(options: MutateOptions): string {
  return options.now ?? new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** A mutation of a legacy or empty store, over every bead read in full. */
async function mutateLoaded<T>(
  paths: StorePaths,
  store: LoadedStore,
  options: MutateOptions,
  planner: (context: MutationContext) => MutationPlan<T>,
): Promise<T> {
  const config = requireStore(store);
  checkWritable(store);
  const now = timestamp(options);
  const issuesOf = () => new Map(store.issues.map((issue) => [issue.id, issue]));
  const issues = issuesOf();
  const drafts: EventDraft[] = [];
  if (store.source === "legacy") drafts.push(...importDrafts(store.issues));
  const taken = takenFrom(
    () => [...store.createdIds, ...store.lineCounts.keys(), ...issues.keys()],
  );
  const plan = planner({ store, issues, config, now, actor: options.actor, taken });
  const events = mintEvents((stream) => store.lineCounts.get(stream) ?? 0, [
    ...drafts,
    ...plan.events,
  ], { now, actor: options.actor });
  const working = issuesOf();
  if (store.source === "legacy") working.clear();
  applyAll(working, events);
  await writeEvents(paths, events);
  if (plan.config) await writeBeadConfig(paths.config, plan.config);
  await writeManifestIfChanged(paths, listStreamIdsSync(paths).length);
  // An incomplete replay keeps the projection the original wrote (the doctor reports it).
  if (incompleteProblem(store) === undefined) {
    const all = [...working.values()].sort((a, b) => compareIds(a.id, b.id));
    await writeProjectionIfChanged(paths, exportProjection(all));
  }
  // A migrated legacy store: its next reader builds the event cache.
  removeCacheFile(paths.db);
  return plan.result;
}

/**
 * A mutation through the cache: planned over beads read as asked for,
 * checked where it looked, then written, and the cache and `issues.jsonl`
 * brought along. Not done when the cache could not vouch for what the
 * write looked at: the caller checks every stream and runs it again.
 */
async function mutateCached<T>(
  cache: WriteCache,
  options: MutateOptions,
  planner: (context: MutationContext) => MutationPlan<T>,
): Promise<{ done: true; result: T } | { done: false }> {
  const paths = cache.paths;
  const { store, readEverything } = await storeOfCache(cache);
  const config = requireStore(store);
  checkWritable(store);
  const now = timestamp(options);
  const issues = new CachedIssueMap(cache.db);
  const working = new CachedIssueMap(cache.db);
  let events: BeadEvent[] = [];
  // Whether the cache could vouch for everything the write looked at (events made so far too).
  const vouched = () =>
    cache.complete ||
    (!readEverything() && !issues.readEverything && !working.readEverything &&
      cache.streamsMatch(
        new Set([
          ...issues.streamsLookedUp,
          ...working.streamsLookedUp,
          ...events.map((event) => rootIdOf(event.issue_id)),
        ]),
      ));
  let plan: MutationPlan<T>;
  let applied: Applied;
  try {
    const taken = cache.taken(() => issues.planned);
    plan = planner({ store, issues, config, now, actor: options.actor, taken });
    events = mintEvents((stream) => cache.stream(stream)?.lines ?? 0, plan.events, {
      now,
      actor: options.actor,
    });
    applied = applyAll(working, events);
  } catch (error) {
    // A refusal counts only if it was made on what the files say.
    if (vouched()) throw error;
    return { done: false };
  }
  if (!vouched()) return { done: false };
  // Cleared once the cache holds these events: a write that dies in between sends the next
  // one to the full check.
  cache.markPending();
  const priors = new Map(
    [...new Set(events.map((event) => rootIdOf(event.issue_id)))].map((id) => [
      id,
      cache.stream(id),
    ]),
  );
  const written = await writeEvents(paths, events);
  const added = [...written.keys()].filter((id) => priors.get(id) === undefined).length;
  // Two independent files, each replaced atomically: their flushes to disk overlap.
  await Promise.all([
    plan.config ? writeBeadConfig(paths.config, plan.config) : undefined,
    writeManifestIfChanged(paths, cache.streamCount() + added),
  ]);
  const changed = [...applied.touched].filter((id) => working.has(id)).map((id) =>
    working.get(id)!
  );
  const effects: WriteEffects = {
    events,
    written,
    redundant: applied.redundant,
    priors,
    changed,
    removed: [...applied.removed],
    // An incomplete replay keeps the projection the original wrote (the doctor reports it).
    keepProjection: incompleteProblem(store) !== undefined,
  };
  if (!(await updateCacheAfterWrite(cache, effects))) {
    // The cache could not take the write as it is: bring it up to date with the files.
    const fresh = WriteCache.fullyChecked(paths);
    try {
      await inTransactionAsync(fresh.db, () => finishProjection(fresh.db, paths, effects, []));
    } finally {
      fresh.db.close();
    }
  }
  return { done: true, result: plan.result };
}

/** Delete a cache file; a missing one is fine. */
function removeCacheFile(path: string): void {
  try {
    Deno.removeSync(path);
  } catch {
    // Already gone.
  }
}

/** What one write changed, for {@linkcode updateCacheAfterWrite}. */
interface WriteEffects {
  events: readonly BeadEvent[];
  /** Bytes appended per stream id. */
  written: ReadonlyMap<string, number>;
  /** Redundant closes per stream id. */
  redundant: ReadonlyMap<string, number>;
  /** The rows of the written streams before the write (undefined: it had none). */
  priors: ReadonlyMap<string, StreamRow | undefined>;
  changed: readonly Issue[];
  removed: readonly string[];
  keepProjection: boolean;
}

/** The written streams' rows after the write (see {@linkcode updateCacheAfterWrite}). */
function writtenRows(paths: StorePaths, effects: WriteEffects): StreamRow[] {
  const byStream = new Map<string, BeadEvent[]>();
  for (const event of effects.events) {
    const id = rootIdOf(event.issue_id);
    byStream.set(id, [...(byStream.get(id) ?? []), event]);
  }
  return [...byStream].map(([id, streamEvents]) => {
    const prior = effects.priors.get(id);
    const after = fileKey(streamPath(paths, id));
    const size = prior && keySize(prior.key);
    const before = prior && size !== undefined ? { key: prior.key, size } : undefined;
    const own = after !== undefined && (prior === undefined || before !== undefined) &&
      ownAppend(before, after, effects.written.get(id));
    const fresh = streamMentions({
      streamId: id,
      file: streamPath(paths, id),
      events: streamEvents.map((event, index) => ({ event, line: index + 1 })),
    });
    return {
      id,
      key: own ? after.key : UNVERIFIED,
      lines: (prior?.lines ?? 0) + streamEvents.length,
      events: (prior?.events ?? 0) + streamEvents.length,
      redundantCloses: (prior?.redundantCloses ?? 0) + (effects.redundant.get(id) ?? 0),
      mentions: [...new Set([...(prior?.mentions ?? []), ...fresh.roots])].sort(),
      created: [...new Set([...(prior?.created ?? []), ...fresh.created])],
      problems: prior?.problems ?? [],
    };
  });
}

/**
 * Bring the cache and `issues.jsonl` along with a write, in one cache
 * transaction: the changed issues, each written stream's row (its new
 * identity only when the file grew by exactly our bytes; otherwise a key no
 * file has, so the next reader reads it again), the projection, and the
 * pending mark cleared. The cache is only a mirror: if another process
 * changed a written stream's row meanwhile, those rows are dropped instead
 * and the caller brings the cache up to date. Returns whether the cache now
 * holds this write.
 */
async function updateCacheAfterWrite(cache: WriteCache, effects: WriteEffects): Promise<boolean> {
  const { db, paths } = cache;
  const rows = writtenRows(paths, effects);
  try {
    return await inTransactionAsync(db, async () => {
      const current = db.prepare("SELECT key, lines, events FROM streams WHERE id = ?");
      const unchanged = rows.every((row) => {
        const now = current.get(row.id) as
          | { key: string; lines: number; events: number }
          | undefined;
        const prior = effects.priors.get(row.id);
        return prior === undefined
          ? now === undefined
          : now?.key === prior.key && now.lines === prior.lines && now.events === prior.events;
      });
      if (!unchanged) {
        refreshReadiness(db, deleteStreams(db, rows.map((row) => row.id)));
        return false;
      }
      const origin = db.prepare("SELECT stream FROM issues WHERE id = ?");
      const streamOf = (issue: Issue) =>
        (origin.get(issue.id) as { stream: string } | undefined)?.stream ?? rootIdOf(issue.id);
      const changed: CachedIssue[] = effects.changed.map((issue) => ({
        issue,
        stream: streamOf(issue),
      }));
      // What the projection the last write vouched for lacks: these beads' rows.
      const changes: RowChange[] = [
        ...effects.removed.map((id) => ({ id, row: null })),
        ...effects.changed.map((issue) => ({
          id: issue.id,
          row: JSON.stringify(issueToRow(issue)),
        })),
      ];
      deleteIssues(db, effects.removed);
      replaceIssues(db, changed);
      insertStreams(db, rows);
      refreshReadiness(db, [...effects.removed, ...effects.changed.map((issue) => issue.id)]);
      cache.rememberWrittenDir();
      await finishProjection(db, paths, effects, changes);
      return true;
    });
  } catch {
    // The cache is only a mirror: the caller brings it up to date.
    return false;
  }
}

/**
 * Within the transaction that made the cached issues current: write
 * `issues.jsonl` (unless the write keeps the original's), record it as the
 * cached issues' projection, and clear the pending mark. `changes` turns
 * the projection the previous write vouched for into this one when the file
 * is still that one; otherwise it is made whole from the cached rows.
 */
async function finishProjection(
  db: DatabaseSync,
  paths: StorePaths,
  effects: Pick<WriteEffects, "keepProjection">,
  changes: readonly RowChange[],
): Promise<void> {
  setMeta(db, PENDING_KEY, undefined);
  if (effects.keepProjection) return setMeta(db, PROJECTION_KEY, undefined);
  const vouched = db.prepare("SELECT value FROM meta WHERE key = ?").get(PROJECTION_KEY) as
    | { value: string }
    | undefined;
  const file = fileKey(paths.projection);
  let spliced: Uint8Array[] | undefined;
  if (vouched !== undefined && file?.key === vouched.value) {
    if (changes.length === 0) return;
    spliced = spliceProjection(readBytesBoundedSync(paths.projection, READ_LIMITS.store), changes);
  }
  if (spliced) await writeProjection(paths, spliced);
  else {
    const bytes = projectionOfCache(db);
    if (file === undefined || !sameBytes(bytes, paths.projection)) {
      await writeProjection(paths, bytes);
    }
  }
  setMeta(db, PROJECTION_KEY, fileKey(paths.projection)?.key);
}

/** Whether the file at `path` holds exactly `bytes` (an unreadable file does not). */
function sameBytes(bytes: Uint8Array, path: string): boolean {
  try {
    const current = readBytesBoundedSync(path, READ_LIMITS.store);
    return current.length === bytes.length && current.every((byte, index) => byte === bytes[index]);
  } catch {
    return false;
  }
}

/**
 * Replace `issues.jsonl` (atomically; not flushed to disk: it is derived
 * from the events, which are not flushed either, and a write rewrites it).
 */
function writeProjection(paths: StorePaths, bytes: Uint8Array | Uint8Array[]): Promise<void> {
  return atomicWriteFile(paths.projection, bytes, { sync: false });
}

/** Mint the events of `drafts`: stream `s`'s next event follows its `lines(s)` lines. */
function mintEvents(
  lines: (stream: string) => number,
  drafts: readonly EventDraft[],
  options: { now: string; actor: string },
): BeadEvent[] {
  const next = new Map<string, number>();
  return drafts.map((draft) => {
    const streamId = rootIdOf(draft.issue_id);
    const ordinal = (next.get(streamId) ?? lines(streamId)) + 1;
    next.set(streamId, ordinal);
    return buildEvent(draft, streamId, ordinal, options.now, options.actor);
  });
}

/** Append `events` to their streams; returns the bytes written per stream id. */
async function writeEvents(
  paths: StorePaths,
  events: readonly BeadEvent[],
): Promise<Map<string, number>> {
  const byStream = new Map<string, BeadEvent[]>();
  for (const event of events) {
    const streamId = rootIdOf(event.issue_id);
    byStream.set(streamId, [...(byStream.get(streamId) ?? []), event]);
  }
  if (byStream.size > 0) await Deno.mkdir(paths.streamsDir, { recursive: true });
  const written = new Map<string, number>();
  for (const [streamId, streamEvents] of byStream) {
    const path = streamPath(paths, streamId);
    // The store lock is held: one write per stream, its size counted for the cache check.
    written.set(streamId, await appendJsonlLocked(path, streamEvents));
  }
  return written;
}

async function writeManifestIfChanged(paths: StorePaths, streamCount: number): Promise<void> {
  const text = manifestText(streamCount);
  let current: string | undefined;
  try {
    current = await readTextBounded(paths.manifest, READ_LIMITS.record);
  } catch {
    current = undefined;
  }
  if (current === text) return;
  try {
    if (current && JSON.parse(current).stream_count === streamCount) return;
  } catch {
    // rewrite an unreadable manifest
  }
  await atomicWriteTextFile(paths.manifest, text);
}

async function writeProjectionIfChanged(paths: StorePaths, text: string): Promise<void> {
  try {
    if ((await readTextBounded(paths.projection, READ_LIMITS.store)) === text) return;
  } catch {
    // missing, unreadable or oversized: write it
  }
  await atomicWriteTextFile(paths.projection, text);
}

/** What {@linkcode regenerateMirrors} did. */
export interface Regenerated {
  store: LoadedStore;
  /**
   * Why `issues.jsonl` was kept as it is: the replay is incomplete, so a
   * regenerated projection would drop what the events record.
   */
  keptProjection?: ReplayProblem;
}

/** Regenerate `issues.jsonl`, the manifest and `beads.db` from the events (under the lock). */
export function regenerateMirrors(dir: string): Promise<Regenerated> {
  const paths = storePaths(dir);
  return withFileLock(paths.lockBase, async () => {
    const store = await loadStore(dir);
    if (store.source !== "events") return { store };
    await writeManifestIfChanged(paths, listStreamIdsSync(paths).length);
    const incomplete = incompleteProblem(store);
    if (!incomplete) await writeProjectionIfChanged(paths, exportProjection(store.issues));
    // Rebuilt from the files, whatever the old cache held.
    removeCacheFile(paths.db);
    currentEventCache(paths).db.close();
    return incomplete ? { store, keptProjection: incomplete } : { store };
  });
}
