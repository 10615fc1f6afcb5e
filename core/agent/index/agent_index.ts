/**
 * The persistent agent index: one SQLite row per run directory, kept in step
 * with the files incrementally.
 *
 * A refresh does not re-read every run. It stats the directories that hold
 * run directories (day shards): a new or deleted run changes its shard's
 * mtime, so only changed shards are listed and compared. Runs without
 * `done.json` are the only ones whose files still change, so each of those
 * is re-stamped (a handful of stats) and re-read when a stamp moved. A
 * finished run is final; `verify` catches anything edited behind the index's
 * back and `rebuild` starts over from the files. (A finished planner whose
 * proposal still awaits an answer counts as unfinished until it is answered.)
 *
 * @module
 */

import type { Env } from "../../config/paths.ts";
import { type IndexCounts, IndexDb, type StoredRun, UNSETTLED_SIG } from "./db.ts";
import { dismissedProjection, dismissedSignature } from "./dismissed.ts";
import { parseRunDir, type RunLocation, runParent, runParents, runsIn } from "./layout.ts";
import { readRunFiles, readStamps } from "./read_run.ts";
import { type AgentRecord, recordSignature, type RunFiles } from "./record.ts";
import { resolvesToEntrySync } from "../../fs/access.ts";

/** Where the index lives and which projects root it covers. */
export interface IndexLocation {
  env: Env;
  indexPath: string;
  projectsRoot: string;
}

/** What a refresh or rebuild changed. */
export interface RefreshStats {
  rebuilt: boolean;
  added: number;
  updated: number;
  removed: number;
  elapsedMs: number;
}

/** A divergence report: `ok` is false when the index does not match the files. */
export interface VerifyResult {
  ok: boolean;
  indexedRows: number;
  sourceRuns: number;
  missingRows: number;
  staleRows: number;
  orphanRows: number;
  /** Up to 20 example directories per kind, for the human report. */
  examples: { missing: string[]; stale: string[]; orphan: string[] };
}

/** Builds a record from a run's files (`parse_record.ts`, loaded only when needed). */
export type RecordBuilder = (location: RunLocation, files: RunFiles) => AgentRecord;

/** What a refresh has to do, found with stats alone. */
export interface RefreshPlan {
  /** The index must be rebuilt from scratch. */
  rebuild: boolean;
  /** Runs to read and upsert (new or changed). */
  reads: RunLocation[];
  /** How many of `reads` are new. */
  added: number;
  /** Runs whose directories are gone. */
  deletes: string[];
  /** Shards whose mtime moved (to store). */
  changedParents: Map<string, number>;
  /** Shards that are gone. */
  goneParents: string[];
  /** The dismissed projection's new signature when its sources changed. */
  dismissedSig: string | null;
}

/**
 * Mtimes have millisecond precision here, so a change in the same
 * millisecond as our read would go unnoticed. A shard or run whose files
 * changed this recently is stored as unsettled and looked at again next time.
 */
const SETTLE_MS = 2000;
const UNSETTLED = -1;

function settled(parents: ReadonlyMap<string, number>, nowMs: number): Map<string, number> {
  return new Map(
    [...parents].map(([path, mtime]) => [path, nowMs - mtime > SETTLE_MS ? mtime : UNSETTLED]),
  );
}

function stored(location: RunLocation, build: RecordBuilder): StoredRun {
  const files = readRunFiles(location);
  const recent = Date.now() - SETTLE_MS;
  const fresh = files.stamps.some((stamp) => stamp !== null && stamp.mtimeMs > recent);
  return {
    record: build(location, files),
    parent: runParent(location.dir),
    sig: (fresh ? UNSETTLED_SIG : "") + recordSignature(files.stamps),
  };
}

function needBuilder(build: RecordBuilder | undefined): RecordBuilder {
  if (!build) throw new Error("this refresh reads runs: pass the record builder");
  return build;
}

/** An open agent index. Close it when done (`using`). */
export class AgentIndex implements Disposable {
  readonly location: IndexLocation;
  readonly #db: IndexDb;

  private constructor(location: IndexLocation, db: IndexDb) {
    this.location = location;
    this.#db = db;
  }

  /** Open the index file (created, or replaced when unusable). */
  static open(location: IndexLocation): AgentIndex {
    return new AgentIndex(location, IndexDb.open(location.indexPath));
  }

  /** Close the file. */
  close(): void {
    this.#db.close();
  }

  /** Close the file when a `using` binding goes out of scope. */
  [Symbol.dispose](): void {
    this.close();
  }

  /** Whether the next refresh must be a full rebuild. */
  needsRebuild(): boolean {
    return this.#db.getMeta("built_at") === undefined ||
      this.#db.getMeta("projects_root") !== this.location.projectsRoot;
  }

  /** Find what a refresh must do, with stats only (no file is read). */
  planRefresh(): RefreshPlan {
    const dismissedSig = dismissedSignature(this.location.env);
    const plan: RefreshPlan = {
      rebuild: this.needsRebuild(),
      reads: [],
      added: 0,
      deletes: [],
      changedParents: new Map(),
      goneParents: [],
      dismissedSig: this.#db.getMeta("dismissed_sig") === dismissedSig ? null : dismissedSig,
    };
    if (plan.rebuild) return plan;
    const root = this.location.projectsRoot;
    const current = runParents(root);
    const known = this.#db.parents();
    // An unsettled shard's stored mtime never matches, so it is listed again.
    plan.changedParents = new Map(
      [...current].filter(([path, mtime]) => known.get(path) !== mtime),
    );
    plan.goneParents = [...known.keys()].filter((path) => !current.has(path));
    const planned = new Set<string>();
    for (const parent of plan.changedParents.keys()) {
      const indexed = this.#db.runsUnder(parent);
      const onDisk = runsIn(root, parent);
      for (const location of onDisk) {
        planned.add(location.dir);
        if (indexed.get(location.dir) === recordSignature(readStamps(location.dir))) continue;
        if (!indexed.has(location.dir)) plan.added += 1;
        plan.reads.push(location);
      }
      const present = new Set(onDisk.map((location) => location.dir));
      for (const dir of indexed.keys()) {
        if (!present.has(dir)) {
          plan.deletes.push(dir);
          planned.add(dir);
        }
      }
    }
    const gone = new Set(plan.goneParents);
    for (const run of this.#db.unsettledRuns()) {
      const dir = run.record.dir;
      if (planned.has(dir) || gone.has(run.parent)) continue;
      if (recordSignature(readStamps(dir)) === run.sig) continue;
      const location = parseRunDir(root, dir);
      if (location && resolvesToEntrySync(dir)) plan.reads.push(location);
      else plan.deletes.push(dir);
    }
    return plan;
  }

  /** Carry out a plan; `build` is needed when it reads runs or rebuilds. */
  applyRefresh(plan: RefreshPlan, build?: RecordBuilder): RefreshStats {
    if (plan.rebuild) return this.rebuild(needBuilder(build));
    const started = performance.now();
    const upserts = plan.reads.length
      ? plan.reads.map((run) => stored(run, needBuilder(build)))
      : [];
    const writes = upserts.length + plan.deletes.length + plan.changedParents.size +
      plan.goneParents.length;
    if (writes > 0 || plan.dismissedSig !== null) {
      this.#db.write(() => {
        this.#db.upsertRuns(upserts);
        this.#db.deleteRuns(plan.deletes);
        this.#db.deleteParents(plan.goneParents);
        this.#db.setParents(settled(plan.changedParents, Date.now()));
        if (plan.dismissedSig !== null) {
          this.#db.replaceDismissed(dismissedProjection(this.location.env));
          this.#db.setMeta("dismissed_sig", plan.dismissedSig);
        }
      });
    }
    return {
      rebuilt: false,
      added: plan.added,
      updated: upserts.length - plan.added,
      removed: plan.deletes.length,
      elapsedMs: Math.round(performance.now() - started),
    };
  }

  /** Bring the index up to date with the files (a full build the first time). */
  refresh(build: RecordBuilder): RefreshStats {
    return this.applyRefresh(this.planRefresh(), build);
  }

  /** Rebuild every row from the files. */
  rebuild(build: RecordBuilder): RefreshStats {
    const started = performance.now();
    const root = this.location.projectsRoot;
    const before = this.#db.counts().runs;
    const parents = runParents(root);
    const runs = [...parents.keys()].flatMap((parent) => runsIn(root, parent))
      .map((location) => stored(location, build));
    const dismissedSig = dismissedSignature(this.location.env);
    const dismissed = dismissedProjection(this.location.env);
    this.#db.write(() => {
      this.#db.clearRuns();
      this.#db.upsertRuns(runs);
      this.#db.setParents(settled(parents, Date.now()));
      this.#db.replaceDismissed(dismissed);
      this.#db.setMeta("dismissed_sig", dismissedSig);
      this.#db.setMeta("projects_root", root);
      this.#db.setMeta("built_at", new Date().toISOString());
    });
    return {
      rebuilt: true,
      added: runs.length,
      updated: 0,
      removed: Math.max(0, before - runs.length),
      elapsedMs: Math.round(performance.now() - started),
    };
  }

  /** Re-read one run directory now (or drop its row when it is gone). */
  updateRun(dir: string, build: RecordBuilder): StoredRun | undefined {
    const location = parseRunDir(this.location.projectsRoot, dir);
    if (!location || !resolvesToEntrySync(dir)) {
      this.#db.write(() => this.#db.deleteRuns([dir]));
      return undefined;
    }
    const run = stored(location, build);
    this.#db.write(() => this.#db.upsertRuns([run]));
    return run;
  }

  /** Compare every row with the files, changing nothing. */
  verify(): VerifyResult {
    const root = this.location.projectsRoot;
    const disk = new Map<string, string>();
    for (const parent of runParents(root).keys()) {
      for (const location of runsIn(root, parent)) {
        disk.set(location.dir, recordSignature(readStamps(location.dir)));
      }
    }
    const indexed = this.#db.allSignatures();
    const missing = [...disk.keys()].filter((dir) => !indexed.has(dir));
    const matches = (dir: string, sig: string) =>
      indexed.get(dir)?.replace(UNSETTLED_SIG, "") === sig;
    const stale = [...disk].filter(([dir, sig]) => indexed.has(dir) && !matches(dir, sig))
      .map(([dir]) => dir);
    const orphan = [...indexed.keys()].filter((dir) => !disk.has(dir));
    return {
      ok: missing.length === 0 && stale.length === 0 && orphan.length === 0,
      indexedRows: indexed.size,
      sourceRuns: disk.size,
      missingRows: missing.length,
      staleRows: stale.length,
      orphanRows: orphan.length,
      examples: {
        missing: missing.slice(0, 20),
        stale: stale.slice(0, 20),
        orphan: orphan.slice(0, 20),
      },
    };
  }

  /** Runs still in progress or awaiting an answer, newest first. */
  unsettledRuns(): StoredRun[] {
    return this.#db.unsettledRuns();
  }

  /** Finished runs, newest first, at most `perProject` per project (0: all). */
  finishedRuns(perProject: number, project?: string): StoredRun[] {
    return this.#db.finishedRuns(perProject, project);
  }

  /** Runs named `name`, newest first. */
  runsNamed(name: string): StoredRun[] {
    return this.#db.runsNamed(name);
  }

  /** Runs of the workflow `workflow` (the workflow runs and their steps), newest first. */
  runsOfWorkflow(workflow: string): StoredRun[] {
    return this.#db.runsOfWorkflow(workflow);
  }

  /** The stored row of one run directory. */
  run(dir: string): StoredRun | undefined {
    return this.#db.run(dir);
  }

  /** Dismissed runs as `project/timestamp` keys. */
  dismissedKeys(): Set<string> {
    return this.#db.dismissedKeys();
  }

  /** Row counts and build time. */
  summary(): { built_at: string | null; counts: IndexCounts } {
    return { built_at: this.#db.getMeta("built_at") ?? null, counts: this.#db.counts() };
  }
}
