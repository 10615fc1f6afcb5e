/**
 * `sase bead doctor`: every health check the handbook lists, and `--fix`.
 *
 * Checks: missing `config.json` / event store / manifest / projection /
 * cache; projection drift against the events; invalid events (torn lines
 * separately, as they are the expected trace of an interrupted writer); id
 * collisions from merged clones; orphan children; uncommitted bead changes.
 *
 * @module
 */

import { withFileLock } from "../fs/lock.ts";
import { atomicWriteTextFile } from "../fs/atomic_write.ts";
import { readBeadConfig, writeBeadConfig } from "./config.ts";
import { cachedFingerprint, openCache, sourceFingerprint } from "./cache.ts";
import { planCollisionRepair, type Relocation } from "./collision.ts";
import type { DatabaseSync } from "node:sqlite";
import { type Issue, issueToRow } from "./model.ts";
import { storePaths, streamPath } from "./paths.ts";
import { parseProjection } from "./projection.ts";
import { loadStore, regenerateMirrors } from "./store.ts";
import { listStreamIds, readStreams } from "./streams.ts";
import { gitStatusPaths } from "./git.ts";
import { exists } from "../fs/access.ts";

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

function messagesOf(findings: readonly Finding[]): string[] {
  const lines = findings.map((finding) => `${finding.severity}: ${finding.message}`);
  if (!findings.some((finding) => finding.severity !== "INFO")) lines.push("OK: no issues found");
  return lines;
}

/** Run every check on the store at `dir` (reads only). */
export async function runDoctor(
  dir: string,
  options: { git?: boolean } = {},
): Promise<DoctorReport> {
  const paths = storePaths(dir);
  const findings: Finding[] = [];
  const add = (severity: Severity, code: string, message: string) =>
    findings.push({ severity, code, message });
  try {
    if (!(await exists(paths.config))) {
      add("WARNING", "config_missing", `config.json missing (${paths.config})`);
    } else await readBeadConfig(paths.config);
  } catch (error) {
    add("ERROR", "config_invalid", (error as Error).message);
  }
  const store = await loadStore(dir);
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
  } else {
    const streamCount = (await listStreamIds(paths)).length;
    if (!(await exists(paths.manifest))) {
      add("WARNING", "manifest_missing", "events/manifest.json missing");
    } else {
      try {
        const manifest = JSON.parse(await Deno.readTextFile(paths.manifest));
        if (manifest.schema_version !== 1) {
          add(
            "ERROR",
            "manifest_schema",
            `events/manifest.json: unsupported schema_version ${manifest.schema_version}`,
          );
        } else if (manifest.stream_count !== streamCount) {
          add(
            "INFO",
            "manifest_stale",
            `events/manifest.json stream_count ${manifest.stream_count} != ${streamCount} streams (refreshed by the next write or \`sase bead sync\`)`,
          );
        }
      } catch (error) {
        add(
          "WARNING",
          "manifest_invalid",
          `events/manifest.json: invalid JSON: ${(error as Error).message}`,
        );
      }
    }
  }
  for (const problem of store.problems) {
    const where = `${problem.file}:${problem.line}`;
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
    } else {
      add("ERROR", "invalid_event", `invalid bead event at ${where}: ${problem.message}`);
    }
  }
  if (store.source === "events") {
    if (!(await exists(paths.projection))) {
      add("WARNING", "projection_missing", "issues.jsonl missing");
    } else {
      const projection = parseProjection(await Deno.readTextFile(paths.projection));
      const expected = new Map(store.issues.map((i) => [i.id, JSON.stringify(issueToRow(i))]));
      const actual = new Map(projection.issues.map((i) => [i.id, JSON.stringify(issueToRow(i))]));
      const drift = [...new Set([...expected.keys(), ...actual.keys()])]
        .filter((id) => expected.get(id) !== actual.get(id)).sort();
      if (drift.length > 0 || projection.problems.length > 0) {
        add(
          "WARNING",
          "projection_drift",
          `issues.jsonl projection drift from bead events: ${drift.length} row(s) differ${
            drift.length
              ? ` (${drift.slice(0, 5).join(", ")}${drift.length > 5 ? ", ..." : ""})`
              : ""
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
  }
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
  const db = openCache(paths.db);
  if (!db) add("INFO", "cache_missing", "beads.db cache missing (rebuilt on the next read)");
  else {
    const current = cachedFingerprint(db) ===
      await sourceFingerprint(paths, store.source === "events" ? "events" : "legacy");
    // Readers trust the cheap fingerprint; the doctor also compares contents, which
    // catches edits made in place behind sase's back.
    const same = current && cacheMatches(db, store.issues);
    db.close();
    if (!current) add("INFO", "cache_stale", "beads.db cache is stale (rebuilt on the next read)");
    else if (!same) {
      add(
        "WARNING",
        "cache_mismatch",
        "beads.db does not match the events (a stream was edited in place); run `sase bead doctor --fix`",
      );
    }
  }
  if (store.redundantCloses > 0) {
    add(
      "INFO",
      "redundant_close",
      `${store.redundantCloses} redundant close event(s) (the first close is kept)`,
    );
  }
  if (options.git !== false) {
    const dirty = await gitStatusPaths(dir);
    if (dirty && dirty.length > 0) {
      add(
        "WARNING",
        "uncommitted",
        `uncommitted bead changes: ${dirty.length} file(s) (${dirty.slice(0, 3).join(", ")}${
          dirty.length > 3 ? ", ..." : ""
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
  regenerated: boolean;
}

/** Repair what can be repaired: id collisions, torn fragments, mirrors, manifest. */
export async function fixStore(dir: string): Promise<FixResult> {
  const paths = storePaths(dir);
  const result = await withFileLock(paths.lockBase, async () => {
    const read = await readStreams(paths);
    let removedTornLines = 0;
    for (const stream of read.streams) {
      const torn = read.problems.filter((p) => p.file === stream.file && p.torn).map((p) => p.line);
      if (torn.length === 0) continue;
      const lines = (await Deno.readTextFile(stream.file)).split("\n");
      const kept = lines.filter((_, index) => !torn.includes(index + 1));
      removedTornLines += lines.length - kept.length;
      const text = kept.join("\n");
      await atomicWriteTextFile(
        stream.file,
        text.endsWith("\n") || text === "" ? text : text + "\n",
      );
    }
    const config = await readBeadConfig(paths.config);
    const prefix = config?.issue_prefix || inferPrefix(read.streams.map((s) => s.streamId));
    const repair = planCollisionRepair(
      (await readStreams(paths)).streams,
      prefix,
      config?.next_counter ?? 1,
    );
    for (const [streamId, events] of repair.streams) {
      await atomicWriteTextFile(
        streamPath(paths, streamId),
        events.map((event) => JSON.stringify(event) + "\n").join(""),
      );
    }
    if (!config || repair.relocations.length > 0) {
      await writeBeadConfig(paths.config, {
        ...(config ?? { owner: "" }),
        issue_prefix: prefix,
        next_counter: Math.max(config?.next_counter ?? 1, repair.nextCounter),
      });
    }
    return { relocations: repair.relocations, removedTornLines };
  });
  await regenerateMirrors(dir);
  return { ...result, regenerated: true };
}

function inferPrefix(streamIds: readonly string[]): string {
  for (const id of streamIds) {
    const match = /^(.*)-\d+$/.exec(id);
    if (match) return match[1];
  }
  return "beads";
}
