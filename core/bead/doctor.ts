/**
 * `sase bead doctor`: every health check the handbook lists, and `--fix`.
 *
 * Checks: missing or invalid `config.json` / event store / manifest /
 * projection / cache; projection drift against the events; blank statuses;
 * invalid events and fields of the wrong type (torn lines separately, as they
 * are the expected trace of an interrupted writer); events of a newer writer
 * the replay cannot apply; id collisions from merged clones; orphan children;
 * leftover temp files; uncommitted bead changes.
 *
 * @module
 */

import type { DatabaseSync } from "node:sqlite";
import { withFileLock } from "../fs/lock.ts";
import { atomicWriteTextFile } from "../fs/atomic_write.ts";
import { READ_LIMITS, readTextBounded } from "../fs/bounded_read.ts";
import { exists } from "../fs/access.ts";
import { toJsonlText } from "../fs/jsonl.ts";
import { readBeadConfig, writeBeadConfig } from "./config.ts";
import { openCache } from "./cache.ts";
import { cacheIsCurrent } from "./refresh.ts";
import { planCollisionRepair, type Relocation } from "./collision.ts";
import { type Issue, issueToRow } from "./model.ts";
import { type StorePaths, storePaths, streamPath } from "./paths.ts";
import { parseProjection } from "./projection.ts";
import type { ReplayProblem } from "./reduce.ts";
import { type LoadedStore, loadStore, regenerateMirrors } from "./store.ts";
import { listStreamIds, readStreams } from "./streams.ts";
import { gitStatusPaths } from "./git.ts";
import { findTempFiles, removeStaleTempFiles } from "./temp_files.ts";
import { plural } from "../text/plural.ts";

/** Severity of a finding. */
export type Severity = "ERROR" | "WARNING" | "INFO";

/** One doctor finding. */
export interface Finding {
  severity: Severity;
  code: string;
  message: string;
}

/** The doctor report. */
export interface DoctorReport {
  findings: Finding[];
  /** `WARNING:`/`ERROR:`/`INFO:` lines, or `OK: no issues found`. */
  messages: string[];
  ok: boolean;
}

type Add = (severity: Severity, code: string, message: string) => void;

function messagesOf(findings: readonly Finding[]): string[] {
  const lines = findings.map((finding) => `${finding.severity}: ${finding.message}`);
  if (!findings.some((finding) => finding.severity !== "INFO")) lines.push("OK: no issues found");
  return lines;
}

function listed(ids: readonly string[], max = 5): string {
  return `${ids.slice(0, max).join(", ")}${ids.length > max ? ", ..." : ""}`;
}

/** Run every check on the store at `dir` (reads only). */
export async function runDoctor(
  dir: string,
  options: { git?: boolean } = {},
): Promise<DoctorReport> {
  const paths = storePaths(dir);
  const findings: Finding[] = [];
  const add: Add = (severity, code, message) => findings.push({ severity, code, message });
  const store = await loadStore(dir);
  if (store.configError) add("ERROR", "config_invalid", store.configError.message);
  else if (!(await exists(paths.config))) {
    add("WARNING", "config_missing", `config.json missing (${paths.config})`);
  }
  if (store.source === "empty") {
    add("ERROR", "store_missing", `no bead store at ${dir}; run \`sase bead init\``);
    return { findings, messages: messagesOf(findings), ok: false };
  }
  if (store.source === "legacy") {
    add(
      "INFO",
      "event_store_missing",
      "no event store yet: reading legacy issues.jsonl (the next write migrates it)",
    );
  } else await checkManifest(paths, add);
  checkProblems(store.problems, add);
  if (store.source === "events") await checkProjection(paths, store, add);
  checkBlankStatuses(
    store.issues,
    store.source === "events" ? "the bead events" : "issues.jsonl",
    add,
  );
  const ids = new Set(store.issues.map((issue) => issue.id));
  const orphans = store.issues.filter((issue) => issue.parent_id && !ids.has(issue.parent_id));
  if (orphans.length > 0) {
    add(
      "WARNING",
      "orphan_children",
      `orphan children (parent missing): ${
        orphans.map((i) => `${i.id} -> ${i.parent_id}`).join(", ")
      }`,
    );
  }
  checkCache(paths, store, add);
  const temps = findTempFiles(paths);
  if (temps.length > 0) {
    add(
      "WARNING",
      "temp_files",
      `${plural(temps.length, "leftover temp file")} from an interrupted write: ${
        listed(temps.map((t) => t.name))
      }; \`sase bead doctor --fix\` removes them`,
    );
  }
  if (store.redundantCloses > 0) {
    add(
      "INFO",
      "redundant_close",
      `${
        plural(store.redundantCloses, "repeated close event")
      } (the last close of each bead is kept)`,
    );
  }
  if (options.git !== false) {
    const dirty = await gitStatusPaths(dir);
    if (dirty && dirty.length > 0) {
      add(
        "WARNING",
        "uncommitted",
        `uncommitted bead changes: ${plural(dirty.length, "file")} (${
          listed(dirty, 3)
        }); run \`sase bead sync\` and commit`,
      );
    }
  }
  return {
    findings,
    messages: messagesOf(findings),
    ok: !findings.some((f) => f.severity === "ERROR"),
  };
}

async function checkManifest(paths: StorePaths, add: Add): Promise<void> {
  if (!(await exists(paths.manifest))) {
    add("WARNING", "manifest_missing", "events/manifest.json missing");
    return;
  }
  let manifest: { schema_version?: unknown; stream_count?: unknown };
  try {
    manifest = JSON.parse(await readTextBounded(paths.manifest, READ_LIMITS.record));
  } catch (error) {
    add("WARNING", "manifest_invalid", `events/manifest.json: ${(error as Error).message}`);
    return;
  }
  const streamCount = (await listStreamIds(paths)).length;
  if (manifest?.schema_version !== 1) {
    add(
      "ERROR",
      "manifest_schema",
      `events/manifest.json: unsupported schema_version ${manifest?.schema_version}`,
    );
  } else if (manifest.stream_count !== streamCount) {
    add(
      "INFO",
      "manifest_stale",
      `events/manifest.json stream_count ${manifest.stream_count} != ${
        plural(streamCount, "stream")
      } (refreshed by the next write or \`sase bead sync\`)`,
    );
  }
}

function checkProblems(problems: readonly ReplayProblem[], add: Add): void {
  for (const problem of problems) {
    const where = problem.line > 0 ? `${problem.file}:${problem.line}` : problem.file;
    if (problem.duplicateOf) {
      add(
        "ERROR",
        "id_collision",
        `id collision: ${problem.duplicateOf} created twice (later creation at ${where}); run \`sase bead doctor --fix\` to rename the later one`,
      );
    } else if (problem.torn) {
      add(
        "WARNING",
        "torn_line",
        `torn line at ${where} (an interrupted write; nothing after it was lost)`,
      );
    } else if (problem.incomplete) {
      add(
        "ERROR",
        "incomplete",
        `${where}: ${problem.message} (issues.jsonl is kept as its writer left it)`,
      );
    } else if (problem.partial) {
      add("WARNING", "invalid_field", `${where}: ${problem.message}`);
    } else {
      add("ERROR", "invalid_event", `invalid bead event at ${where}: ${problem.message}`);
    }
  }
}

function checkBlankStatuses(issues: readonly Issue[], where: string, add: Add): void {
  const blank = issues.filter((issue) => issue.status.trim() === "").map((issue) => issue.id);
  if (blank.length === 0) return;
  add(
    "WARNING",
    "blank_status",
    `${plural(blank.length, "bead")} with a blank status in ${where}: ${listed(blank)}`,
  );
}

async function checkProjection(paths: StorePaths, store: LoadedStore, add: Add): Promise<void> {
  if (!(await exists(paths.projection))) {
    add("WARNING", "projection_missing", "issues.jsonl missing");
    return;
  }
  let text: string;
  try {
    text = await readTextBounded(paths.projection, READ_LIMITS.store);
  } catch (error) {
    add("ERROR", "projection_unreadable", (error as Error).message);
    return;
  }
  const projection = parseProjection(text);
  const blank = projection.issues.filter((issue) => issue.status.trim() === "");
  if (blank.length > 0) {
    add(
      "WARNING",
      "blank_status",
      `${plural(blank.length, "bead")} with a blank status in issues.jsonl: ${
        listed(blank.map((issue) => issue.id))
      } (the events still hold their status; \`sase bead sync\` regenerates the file)`,
    );
  }
  const expected = new Map(store.issues.map((i) => [i.id, JSON.stringify(issueToRow(i))]));
  const actual = new Map(projection.issues.map((i) => [i.id, JSON.stringify(issueToRow(i))]));
  const drift = [...new Set([...expected.keys(), ...actual.keys()])]
    .filter((id) => expected.get(id) !== actual.get(id)).sort();
  if (drift.length > 0 || projection.problems.length > 0) {
    add(
      "WARNING",
      "projection_drift",
      `issues.jsonl projection drift from bead events: ${plural(drift.length, "row")} ${
        drift.length === 1 ? "differs" : "differ"
      }${
        drift.length ? ` (${listed(drift)})` : ""
      }; run \`sase bead sync\` or \`sase bead doctor --fix\``,
    );
  }
  const orphans = projection.issues.filter((i) =>
    i.parent_id && !expected.has(i.parent_id) && !expected.has(i.id)
  );
  if (orphans.length > 0) {
    add(
      "WARNING",
      "orphan_projection",
      `unreduced orphan phase records in issues.jsonl: ${orphans.map((i) => i.id).join(", ")}`,
    );
  }
}

function checkCache(paths: StorePaths, store: LoadedStore, add: Add): void {
  const db = openCache(paths.db);
  if (!db) {
    add("INFO", "cache_missing", "beads.db cache missing (rebuilt on the next read)");
    return;
  }
  const current = cacheIsCurrent(paths, db, store.source === "events" ? "events" : "legacy");
  // Readers trust the stream identities; the doctor also compares contents.
  const same = current && cacheMatches(db, store.issues);
  db.close();
  if (!current) add("INFO", "cache_stale", "beads.db cache is stale (rebuilt on the next read)");
  else if (!same) {
    add(
      "WARNING",
      "cache_mismatch",
      "beads.db does not match the events; run `sase bead doctor --fix`",
    );
  }
}

function cacheMatches(db: DatabaseSync, issues: readonly Issue[]): boolean {
  try {
    const rows = db.prepare("SELECT row FROM issues ORDER BY id").all() as Array<{ row: string }>;
    return rows.length === issues.length &&
      rows.every((row, index) => row.row === JSON.stringify(issueToRow(issues[index])));
  } catch {
    return false;
  }
}

/** What `doctor --fix` changed. */
export interface FixResult {
  relocations: Relocation[];
  removedTornLines: number;
  /** Temp files of interrupted writers that were removed. */
  removedTempFiles: string[];
  /** Streams whose collisions were left alone: rewriting them would drop unreadable lines. */
  skippedStreams: string[];
  /** Why `issues.jsonl` was kept (an incomplete replay), if it was. */
  keptProjection?: ReplayProblem;
}

/** Repair what can be repaired: id collisions, torn fragments, temp files, mirrors, manifest. */
export async function fixStore(dir: string): Promise<FixResult> {
  const paths = storePaths(dir);
  const result = await withFileLock(paths.lockBase, async () => {
    const removedTempFiles = removeStaleTempFiles(paths);
    const read = await readStreams(paths);
    let removedTornLines = 0;
    for (const stream of read.streams) {
      const torn = read.problems.filter((p) => p.file === stream.file && p.torn).map((p) => p.line);
      if (torn.length === 0) continue;
      const lines = (await readTextBounded(stream.file, READ_LIMITS.store)).split("\n");
      const kept = lines.filter((_, index) => !torn.includes(index + 1));
      removedTornLines += lines.length - kept.length;
      const text = kept.join("\n");
      await atomicWriteTextFile(
        stream.file,
        text.endsWith("\n") || text === "" ? text : text + "\n",
      );
    }
    const config = await readBeadConfig(paths.config);
    const reread = await readStreams(paths);
    // A repair rewrites whole streams from their parsed events: never one holding
    // lines it could not parse.
    const unreadable = new Set(reread.problems.map((problem) => problem.file));
    const repairable = reread.streams.filter((stream) => !unreadable.has(stream.file));
    const prefix = config?.issue_prefix || inferPrefix(reread.streams.map((s) => s.streamId));
    const repair = planCollisionRepair(repairable, prefix, config?.next_counter ?? 1);
    for (const [streamId, events] of repair.streams) {
      await atomicWriteTextFile(
        streamPath(paths, streamId),
        toJsonlText(events),
      );
    }
    if (!config || repair.relocations.length > 0) {
      await writeBeadConfig(paths.config, {
        ...(config ?? { owner: "" }),
        issue_prefix: prefix,
        next_counter: Math.max(config?.next_counter ?? 1, repair.nextCounter),
      });
    }
    const skippedStreams = planCollisionRepair(
      reread.streams.filter((stream) => unreadable.has(stream.file)),
      prefix,
      1,
    ).relocations.map((relocation) => relocation.file);
    return {
      relocations: repair.relocations,
      removedTornLines,
      removedTempFiles,
      skippedStreams: [...new Set(skippedStreams)],
    };
  });
  const regenerated = await regenerateMirrors(dir);
  return regenerated.keptProjection
    ? { ...result, keptProjection: regenerated.keptProjection }
    : result;
}

function inferPrefix(streamIds: readonly string[]): string {
  for (const id of streamIds) {
    const match = /^(.*)-[0-9a-z]+$/.exec(id);
    if (match) return match[1];
  }
  return "beads";
}
