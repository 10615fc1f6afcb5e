/**
 * The bead store service: load (replay or legacy fallback), and the one write
 * path every mutation goes through.
 *
 * A write takes the store lock, replays the canonical events, lets a pure
 * planner turn the current state into new events, checks they apply, appends
 * them (one write per stream), then regenerates `issues.jsonl` and refreshes
 * `beads.db`. Because allocation and validation happen under the lock,
 * concurrent writers never duplicate an id or lose an event.
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import { atomicWriteTextFile } from "../fs/atomic_write.ts";
import { READ_LIMITS, readTextBounded } from "../fs/bounded_read.ts";
import type { DatabaseSync } from "node:sqlite";
import { withFileLock } from "../fs/lock.ts";
import { appendJsonlLocked } from "../fs/jsonl.ts";
import { applyEvent } from "./apply.ts";
import { type BeadConfig, readBeadConfig, writeBeadConfig } from "./config.ts";
import { type BeadEvent, buildEvent, type EventDraft } from "./event.ts";
import { compareIds, type Issue, rootIdOf } from "./model.ts";
import {
  eventStoreExists,
  listStreamIdsSync,
  type StorePaths,
  storePaths,
  streamPath,
} from "./paths.ts";
import { exportProjection, readProjection } from "./projection.ts";
import { replay, type ReplayProblem } from "./reduce.ts";
import { readStreams } from "./streams.ts";
import {
  type CachedIssue,
  cachedProblems,
  type CacheState,
  cacheState,
  deleteIssues,
  deleteStreams,
  fileKey,
  insertStreams,
  inTransaction,
  keySize,
  ownAppend,
  replaceIssues,
  type StreamRow,
  UNVERIFIED,
} from "./cache.ts";
import { CachedIssueMap } from "./cached_issues.ts";
import { importDrafts } from "./import.ts";
import { streamMentions } from "./mentions.ts";
import { type CurrentCache, currentEventCache } from "./refresh.ts";
import { refreshReadiness } from "./readiness.ts";

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
 * The store as its cache holds it, brought up to date under the writer's
 * lock (only streams a change can reach are replayed): a write validates
 * against the current state without replaying the whole store. A legacy
 * store (no events yet) is read in full: its first write migrates it.
 */
async function loadForWrite(dir: string): Promise<{ store: LoadedStore; cache?: WriteCache }> {
  const paths = storePaths(dir);
  if (!(await eventStoreExists(paths))) return { store: await loadStore(dir) };
  const current = currentEventCache(paths);
  try {
    const cache = { ...current, state: cacheState(current.db)! };
    const streams = [...cache.state.streams.values()];
    const { config, configError } = await readConfigLeniently(paths.config);
    let issues: Issue[] | undefined;
    const store: LoadedStore = {
      paths,
      source: "events",
      // Read only if asked for: a write looks its beads up one by one.
      get issues() {
        return issues ??= [...new CachedIssueMap(cache.db).values()];
      },
      problems: cachedProblems(cache.state),
      redundantCloses: streams.reduce((total, row) => total + row.redundantCloses, 0),
      eventCount: streams.reduce((total, row) => total + row.events, 0),
      lineCounts: new Map(streams.map((row) => [row.id, row.lines])),
      createdIds: new Set(streams.flatMap((row) => row.created)),
      config,
      configError,
    };
    return { store, cache };
  } catch (error) {
    current.db.close();
    throw error;
  }
}

/** A current cache and its stream rows as the write found them. */
type WriteCache = CurrentCache & { state: CacheState };

/** Run one mutation under the store lock. */
export function mutateStore<T>(
  dir: string,
  options: MutateOptions,
  planner: (context: MutationContext) => MutationPlan<T>,
): Promise<T> {
  const paths = storePaths(dir);
  return withFileLock(paths.lockBase, async () => {
    const { store, cache } = await loadForWrite(dir);
    try {
      return await mutateLoaded(paths, store, cache, options, planner);
    } finally {
      cache?.db.close();
    }
  });
}

async function mutateLoaded<T>(
  paths: StorePaths,
  store: LoadedStore,
  cache: WriteCache | undefined,
  options: MutateOptions,
  planner: (context: MutationContext) => MutationPlan<T>,
): Promise<T> {
  const config = requireStore(store);
  checkWritable(store);
  const now = options.now ?? new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
  // With a cache, beads are read as the planner and the events ask for them.
  const issuesOf = () =>
    cache ? new CachedIssueMap(cache.db) : new Map(store.issues.map((issue) => [issue.id, issue]));
  const issues = issuesOf();
  const drafts: EventDraft[] = [];
  if (store.source === "legacy") drafts.push(...importDrafts(store.issues));
  const plan = planner({ store, issues, config, now, actor: options.actor });
  const events = mintEvents(store, [...drafts, ...plan.events], { now, actor: options.actor });
  const working = issuesOf();
  if (store.source === "legacy") working.clear();
  const touched = new Set<string>();
  const removed = new Set<string>();
  const redundant = new Map<string, number>();
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
      redundant.set(stream, (redundant.get(stream) ?? 0) + 1);
    }
    touched.add(event.issue_id);
    if (event.operation === "issue_removed") {
      removed.add(event.issue_id);
      for (const id of (event.payload.cascade_removed_issue_ids as string[] | undefined) ?? []) {
        removed.add(id);
      }
      for (const issue of working.values()) touched.add(issue.id);
    }
  }
  const written = await writeEvents(paths, events);
  if (plan.config) await writeBeadConfig(paths.config, plan.config);
  // The streams the cache just listed, and any this write began.
  const streamCount = cache
    ? new Set([...cache.state.streams.keys(), ...written.keys()]).size
    : listStreamIdsSync(paths).length;
  await writeManifestIfChanged(paths, streamCount);
  // An incomplete replay keeps the projection the original wrote (the doctor reports it).
  const keepProjection = incompleteProblem(store) !== undefined;
  if (!cache) {
    const all = [...working.values()].sort((a, b) => compareIds(a.id, b.id));
    if (!keepProjection) await writeProjectionIfChanged(paths, exportProjection(all));
    // A migrated legacy store: its next reader builds the event cache.
    removeCacheFile(paths.db);
    return plan.result;
  }
  const updated = updateCacheAfterWrite(paths, cache, {
    events,
    written,
    redundant,
    changed: [...touched].filter((id) => working.has(id)).map((id) => working.get(id)!),
    removed: [...removed],
  });
  if (!keepProjection) {
    // The cache now holds every bead as the events say: the projection is its rows.
    if (updated) await writeProjectionIfChanged(paths, projectionOf(cache.db));
    else {
      const fresh = currentEventCache(paths);
      try {
        await writeProjectionIfChanged(paths, projectionOf(fresh.db));
      } finally {
        fresh.db.close();
      }
    }
  }
  return plan.result;
}

/** The `issues.jsonl` text of the cache's beads (its rows are the projection's lines). */
function projectionOf(db: DatabaseSync): string {
  const rows = db.prepare("SELECT row FROM issues ORDER BY id").all() as Array<{ row: string }>;
  return rows.map((row) => row.row + "\n").join("");
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
  changed: readonly Issue[];
  removed: readonly string[];
}

/**
 * Bring the cache along with a write: the changed issues, and each written
 * stream's row (its new identity only when the file grew by exactly our
 * bytes; otherwise a key no file has, so the next reader reads it again).
 * The cache is only a mirror: if another process changed a written stream's
 * row meanwhile, those rows are dropped instead (the next reader replays
 * them), and any failure is left for the next reader to repair. Returns
 * whether the cache now holds this write.
 */
function updateCacheAfterWrite(
  paths: StorePaths,
  cache: WriteCache,
  effects: WriteEffects,
): boolean {
  const byStream = new Map<string, BeadEvent[]>();
  for (const event of effects.events) {
    const id = rootIdOf(event.issue_id);
    byStream.set(id, [...(byStream.get(id) ?? []), event]);
  }
  const rows: StreamRow[] = [...byStream].map(([id, streamEvents]) => {
    const prior = cache.state.streams.get(id);
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
  try {
    return inTransaction(cache.db, () => {
      const origin = cache.db.prepare("SELECT stream FROM issues WHERE id = ?");
      const streamOf = (issue: Issue) =>
        (origin.get(issue.id) as { stream: string } | undefined)?.stream ?? rootIdOf(issue.id);
      const current = cache.db.prepare("SELECT key, lines, events FROM streams WHERE id = ?");
      const unchanged = rows.every((row) => {
        const now = current.get(row.id) as
          | { key: string; lines: number; events: number }
          | undefined;
        const prior = cache.state.streams.get(row.id);
        return prior === undefined
          ? now === undefined
          : now?.key === prior.key && now.lines === prior.lines && now.events === prior.events;
      });
      if (!unchanged) {
        refreshReadiness(cache.db, deleteStreams(cache.db, rows.map((row) => row.id)));
        return false;
      }
      const changed: CachedIssue[] = effects.changed.map((issue) => ({
        issue,
        stream: streamOf(issue),
      }));
      deleteIssues(cache.db, effects.removed);
      replaceIssues(cache.db, changed);
      insertStreams(cache.db, rows);
      refreshReadiness(cache.db, [...effects.removed, ...effects.changed.map((issue) => issue.id)]);
      return true;
    });
  } catch {
    // The cache is only a mirror; the next reader repairs it.
    return false;
  }
}

function mintEvents(
  store: LoadedStore,
  drafts: readonly EventDraft[],
  options: { now: string; actor: string },
): BeadEvent[] {
  const next = new Map<string, number>();
  return drafts.map((draft) => {
    const streamId = rootIdOf(draft.issue_id);
    const ordinal = (next.get(streamId) ?? store.lineCounts.get(streamId) ?? 0) + 1;
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
