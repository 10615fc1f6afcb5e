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

import { basename } from "../fs/path.ts";
import { SaseError } from "../errors.ts";
import { atomicWriteTextFile } from "../fs/atomic_write.ts";
import { READ_LIMITS, readTextBounded } from "../fs/bounded_read.ts";
import { withFileLock } from "../fs/lock.ts";
import { appendJsonlLocked } from "../fs/jsonl.ts";
import { applyEvent } from "./apply.ts";
import { type BeadConfig, readBeadConfig, writeBeadConfig } from "./config.ts";
import { type BeadEvent, buildEvent, type EventDraft } from "./event.ts";
import { compareIds, type Issue, rootIdOf } from "./model.ts";
import { type StorePaths, storePaths, streamPath } from "./paths.ts";
import { exportProjection, readProjection } from "./projection.ts";
import { replay, type ReplayProblem } from "./reduce.ts";
import { listStreamIds, readStreams } from "./streams.ts";
import { fingerprintOf, onlyOwnAppends, snapshotSources, updateCache } from "./cache.ts";
import { importDrafts } from "./import.ts";

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

/** Run one mutation under the store lock. */
export function mutateStore<T>(
  dir: string,
  options: MutateOptions,
  planner: (context: MutationContext) => MutationPlan<T>,
): Promise<T> {
  const paths = storePaths(dir);
  return withFileLock(paths.lockBase, async () => {
    const before = snapshotSources(paths);
    const store = await loadStore(dir);
    const config = requireStore(store);
    checkWritable(store);
    const now = options.now ?? new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
    const issues = new Map(store.issues.map((issue) => [issue.id, issue]));
    const drafts: EventDraft[] = [];
    if (store.source === "legacy") drafts.push(...importDrafts(store.issues));
    const plan = planner({ store, issues, config, now, actor: options.actor });
    const events = mintEvents(store, [...drafts, ...plan.events], { now, actor: options.actor });
    const working = new Map(store.issues.map((issue) => [issue.id, issue]));
    if (store.source === "legacy") working.clear();
    const touched = new Set<string>();
    const removed = new Set<string>();
    for (const event of events) {
      const outcome = applyEvent(working, event);
      if (outcome.problems.length > 0) {
        throw new SaseError(
          "bead.invalid_event",
          `refusing to write an invalid event: ${outcome.problems.join("; ")}`,
          { kind: "invalid-data" },
        );
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
    await writeManifestIfChanged(paths, (await listStreamIds(paths)).length);
    const all = [...working.values()].sort((a, b) => compareIds(a.id, b.id));
    // An incomplete replay keeps the projection the original wrote (the doctor reports it).
    if (!incompleteProblem(store)) await writeProjectionIfChanged(paths, exportProjection(all));
    const after = snapshotSources(paths);
    updateCache(paths.db, {
      expected: store.source === "events" ? fingerprintOf(before) : "(migrated)",
      // Labelled current only when nobody else touched a stream meanwhile.
      fingerprint: onlyOwnAppends(before, after, written) ? fingerprintOf(after) : "(unverified)",
      changed: [...touched].filter((id) => working.has(id)).map((id) => working.get(id)!),
      removed: [...removed],
      allIssues: () => all,
      problems: store.problems,
    });
    return plan.result;
  });
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

/** Append `events` to their streams; returns the bytes written per stream file name. */
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
    written.set(basename(path), await appendJsonlLocked(path, streamEvents));
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
    const before = snapshotSources(paths);
    const store = await loadStore(dir);
    if (store.source !== "events") return { store };
    await writeManifestIfChanged(paths, (await listStreamIds(paths)).length);
    const incomplete = incompleteProblem(store);
    if (!incomplete) await writeProjectionIfChanged(paths, exportProjection(store.issues));
    updateCache(paths.db, {
      expected: "(regenerate)",
      // The replay read the streams as `before` found them, unless they moved meanwhile.
      fingerprint: onlyOwnAppends(before, snapshotSources(paths), new Map())
        ? fingerprintOf(before)
        : "(unverified)",
      changed: [],
      removed: [],
      allIssues: () => store.issues,
      problems: store.problems,
    });
    return incomplete ? { store, keptProjection: incomplete } : { store };
  });
}
