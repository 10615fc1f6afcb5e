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
import { withFileLock } from "../fs/lock.ts";
import { type BeadConfig, readBeadConfig, writeBeadConfig } from "./config.ts";
import { type BeadEvent, buildEvent, type EventDraft } from "./event.ts";
import { compareIds, type Issue, rootIdOf } from "./model.ts";
import { type StorePaths, storePaths, streamPath } from "./paths.ts";
import { exportProjection, readProjection } from "./projection.ts";
import { applyEvent, replay, type ReplayProblem } from "./reduce.ts";
import { appendToStream, listStreamIds, readStreams } from "./streams.ts";
import { renewWriteToken, sourceFingerprint, updateCache } from "./cache.ts";
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
}

/** Replay the store at `dir` (events win; legacy `issues.jsonl` only without events). */
export async function loadStore(dir: string): Promise<LoadedStore> {
  const paths = storePaths(dir);
  const [read, config] = await Promise.all([readStreams(paths), readBeadConfig(paths.config)]);
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
  if (store.config) return store.config;
  if (store.source === "empty") {
    throw new SaseError("bead.no_store", `no bead store at ${store.paths.dir}`, {
      hint: "run `sase bead init` first",
    });
  }
  return { issue_prefix: "", next_counter: 1, owner: "" };
}

/** Run one mutation under the store lock. */
export function mutateStore<T>(
  dir: string,
  options: MutateOptions,
  planner: (context: MutationContext) => MutationPlan<T>,
): Promise<T> {
  const paths = storePaths(dir);
  return withFileLock(paths.lockBase, async () => {
    const before = await sourceFingerprint(paths, "events");
    const store = await loadStore(dir);
    const config = requireStore(store);
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
      if (typeof outcome === "object") {
        throw new SaseError(
          "bead.invalid_event",
          `refusing to write an invalid event: ${outcome.message}`,
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
    if (events.length > 0) renewWriteToken(paths);
    await writeEvents(paths, events);
    if (plan.config) await writeBeadConfig(paths.config, plan.config);
    await writeManifestIfChanged(paths, (await listStreamIds(paths)).length);
    const all = [...working.values()].sort((a, b) => compareIds(a.id, b.id));
    await writeProjectionIfChanged(paths, exportProjection(all));
    updateCache(paths.db, {
      expected: store.source === "events" ? before : "(migrated)",
      fingerprint: await sourceFingerprint(paths, "events"),
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

async function writeEvents(paths: StorePaths, events: readonly BeadEvent[]): Promise<void> {
  const byStream = new Map<string, BeadEvent[]>();
  for (const event of events) {
    const streamId = rootIdOf(event.issue_id);
    byStream.set(streamId, [...(byStream.get(streamId) ?? []), event]);
  }
  if (byStream.size > 0) await Deno.mkdir(paths.streamsDir, { recursive: true });
  for (const [streamId, streamEvents] of byStream) {
    await appendToStream(streamPath(paths, streamId), streamEvents);
  }
}

async function writeManifestIfChanged(paths: StorePaths, streamCount: number): Promise<void> {
  const text = manifestText(streamCount);
  let current: string | undefined;
  try {
    current = await Deno.readTextFile(paths.manifest);
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
    if ((await Deno.readTextFile(paths.projection)) === text) return;
  } catch {
    // write it
  }
  await atomicWriteTextFile(paths.projection, text);
}

/** Regenerate `issues.jsonl`, the manifest and `beads.db` from the events (under the lock). */
export function regenerateMirrors(dir: string): Promise<LoadedStore> {
  const paths = storePaths(dir);
  return withFileLock(paths.lockBase, async () => {
    const store = await loadStore(dir);
    if (store.source !== "events") return store;
    await writeManifestIfChanged(paths, (await listStreamIds(paths)).length);
    await writeProjectionIfChanged(paths, exportProjection(store.issues));
    const fingerprint = await sourceFingerprint(paths, "events");
    updateCache(paths.db, {
      expected: "(regenerate)",
      fingerprint,
      changed: [],
      removed: [],
      allIssues: () => store.issues,
      problems: store.problems,
    });
    return store;
  });
}
