/**
 * Synthetic run directories in the real `ace-run` layout, for index, kill
 * and CLI tests.
 *
 * @module
 */

import { join } from "node:path";

/** One synthetic run. */
export interface SyntheticRun {
  project: string;
  /** 14-digit `YYYYMMDDHHMMSS`. */
  timestamp: string;
  /** Merged over a default `agent_meta.json`; `null` writes no meta at all. */
  meta?: Record<string, unknown> | null;
  /** `done.json` content; absent or `null` writes none. */
  done?: Record<string, unknown> | null;
  /** `raw_xprompt.md`; a default one when absent, none when `null`. */
  prompt?: string | null;
  reply?: string;
}

/** The run directory of `project`/`timestamp` under `saseHome`. */
export function runDir(saseHome: string, project: string, timestamp: string): string {
  return join(
    saseHome,
    "projects",
    project,
    "artifacts",
    "ace-run",
    timestamp.slice(0, 6),
    timestamp.slice(6, 8),
    timestamp,
  );
}

/** The `index`-th timestamp counting seconds from `base` (UTC fields, no clock involved). */
export function stampAt(index: number, base = Date.UTC(2026, 0, 1, 9, 0, 0)): string {
  const date = new Date(base + index * 37_000);
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}` +
    `${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}`;
}

/** Write one run directory (synchronously: tests write thousands); returns it. */
export function writeRun(saseHome: string, run: SyntheticRun): string {
  const dir = runDir(saseHome, run.project, run.timestamp);
  Deno.mkdirSync(dir, { recursive: true });
  if (run.prompt !== null) {
    Deno.writeTextFileSync(join(dir, "raw_xprompt.md"), run.prompt ?? `prompt of ${run.timestamp}`);
  }
  if (run.reply !== undefined) Deno.writeTextFileSync(join(dir, "live_reply.md"), run.reply);
  if (run.meta !== null) {
    const meta = {
      name: `agent-${run.timestamp}`,
      workflow_name: "ace-run",
      timestamp: run.timestamp,
      project: run.project,
      llm_provider: "fakey",
      model: "reply",
      started_at: "2026-01-01T09:00:00.000Z",
      output_variables: {},
      ...run.meta,
    };
    Deno.writeTextFileSync(join(dir, "agent_meta.json"), JSON.stringify(meta));
  }
  if (run.done) Deno.writeTextFileSync(join(dir, "done.json"), JSON.stringify(run.done));
  return dir;
}

/** A finished run's `done.json`. */
export function doneJson(outcome = "completed", extra: Record<string, unknown> = {}) {
  return {
    outcome,
    finished_at: "2026-01-01T09:05:00.000Z",
    image_paths: [],
    markdown_pdf_paths: [],
    ...extra,
  };
}

/**
 * Date every run shard and run file back an hour, as if written long ago:
 * the index looks again at anything modified in the last moments.
 */
export function settleRuns(saseHome: string): void {
  const past = new Date(Date.now() - 3_600_000);
  const visit = (dir: string, depth: number) => {
    for (const entry of Deno.readDirSync(dir)) {
      const path = join(dir, entry.name);
      if (entry.isDirectory && depth < 3) visit(path, depth + 1);
      else if (entry.isFile && depth === 3) Deno.utimeSync(path, past, past);
    }
    if (depth === 2) Deno.utimeSync(dir, past, past);
  };
  for (const project of Deno.readDirSync(join(saseHome, "projects"))) {
    if (project.isDirectory) {
      visit(join(saseHome, "projects", project.name, "artifacts", "ace-run"), 0);
    }
  }
}
