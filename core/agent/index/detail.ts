/**
 * `sase agent show NAME`: one agent's detail panel — identity, status,
 * model, workspace, timestamps, output variables, prompt, the tail of its
 * reply, and its artifacts (chat transcript, error report, plan, generated
 * images and Markdown PDFs from `done.json`, explicit artifacts).
 *
 * @module
 */

import { basename, join } from "../../fs/path.ts";
import { ARTIFACT_FILES } from "../records/artifacts.ts";
import { type ArtifactKind, listExplicitArtifacts } from "../records/explicit_artifacts.ts";
import type { IndexLocation } from "./agent_index.ts";
import { withAgentIndex } from "./index_service.ts";
import { rowsOf } from "./list.ts";
import { resolveAgent } from "./resolve.ts";
import type { AgentRow } from "./rows.ts";
import { readJsonObjectSync } from "../../fs/json_object.ts";
import { resolvesToEntrySync } from "../../fs/access.ts";
import { READ_LIMITS, readTextEdgeSync, readTextOrNullSync } from "../../fs/bounded_read.ts";
import { readRunSandbox, type RunSandbox } from "../records/sandbox_record.ts";
import { type WorkflowSummary, workflowSummary } from "../../workflow/summary.ts";

/** One artifact of an agent, in the order ACE lists them. */
export interface AgentArtifactEntry {
  label: string;
  kind: ArtifactKind;
  path: string;
  /** Where the entry came from (`chat`, `error_report`, `plan`, `image_paths`, ...). */
  source: string;
  exists: boolean;
}

/** Everything `sase agent show` shows (its wire form is in `../wire.ts`). */
export interface AgentDetail {
  agent: AgentRow;
  tier: string | null;
  sessionId: string | null;
  agentSpawnedAt: string | null;
  retryCount: number;
  retryOfTimestamp: string | null;
  retriedAsTimestamp: string | null;
  /** Why each awaited agent blocks this one, by name. */
  waitBlocked: Record<string, string>;
  /** Sorted by key. */
  outputVariables: Record<string, string>;
  prompt: string | null;
  replyPath: string;
  /** The last lines of `live_reply.md`. */
  replyTail: string | null;
  artifacts: AgentArtifactEntry[];
  /** The sandbox it ran in (`sandbox.json`); null for runs that recorded none. */
  sandbox: RunSandbox | null;
  /** A workflow run's steps and where it is (or stopped). */
  workflow: WorkflowSummary | null;
}

const TAIL_BYTES = 64 * 1024;

function readJson(path: string): Record<string, unknown> {
  return readJsonObjectSync(path) ?? {};
}

/** The last `lines` lines of a file (reading at most its last 64 KiB). */
export function tailOf(path: string, lines: number): string | null {
  const tail = readTextEdgeSync(path, "tail", TAIL_BYTES);
  if (tail === null) return null;
  const all = tail.replace(/\n+$/, "").split("\n");
  return all.slice(Math.max(0, all.length - lines)).join("\n");
}

function stringList(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === "string")
    : [];
}

/** The artifacts of the run in `dir` from its own files (explicit ones come separately). */
export function runArtifacts(dir: string): AgentArtifactEntry[] {
  const done = readJson(join(dir, ARTIFACT_FILES.done));
  const entries: AgentArtifactEntry[] = [];
  const add = (path: unknown, kind: ArtifactKind, source: string, label?: string) => {
    if (typeof path !== "string" || !path || entries.some((entry) => entry.path === path)) return;
    entries.push({
      label: label ?? basename(path),
      kind,
      path,
      source,
      exists: resolvesToEntrySync(path),
    });
  };
  add(done.response_path, "chat", "chat", "Chat transcript");
  const request = readJson(join(dir, "plan_approval", "plan_request.json"));
  add(request.plan_file, "plan", "plan");
  add(done.error_report_path, "file", "error_report", "Error report");
  for (const path of stringList(done.markdown_pdf_paths)) add(path, "pdf", "markdown_pdf_paths");
  for (const path of stringList(done.image_paths)) add(path, "image", "image_paths");
  return entries;
}

/** The detail of the agent called `name`. */
export async function agentDetail(
  location: IndexLocation,
  name: string,
  options: { tailLines?: number; nowMs?: number } = {},
): Promise<AgentDetail> {
  const run = await resolveAgent(location, name);
  const { record } = run;
  const dismissed = await withAgentIndex(location, (index) => index.dismissedKeys());
  const [row] = rowsOf(location, [run], dismissed, options.nowMs);
  const artifacts = runArtifacts(record.dir);
  for (const artifact of await listExplicitArtifacts(location.env, record)) {
    if (artifacts.some((entry) => entry.path === artifact.path)) continue;
    artifacts.push({
      label: artifact.label,
      kind: artifact.kind,
      path: artifact.path,
      source: "explicit",
      exists: true,
    });
  }
  const replyPath = join(record.dir, ARTIFACT_FILES.liveReply);
  return {
    agent: row,
    tier: record.tier,
    sessionId: record.session_id,
    agentSpawnedAt: record.agent_spawned_at,
    retryCount: record.retry_count,
    retryOfTimestamp: record.retry_of_timestamp,
    retriedAsTimestamp: record.retried_as_timestamp,
    waitBlocked: record.wait_blocked,
    outputVariables: Object.fromEntries(
      Object.entries(record.output_variables).sort(([a], [b]) => a.localeCompare(b)),
    ),
    prompt: readTextOrNullSync(join(record.dir, ARTIFACT_FILES.rawPrompt), READ_LIMITS.input),
    replyPath,
    replyTail: tailOf(replyPath, options.tailLines ?? 20),
    artifacts,
    sandbox: readRunSandbox(record.dir),
    workflow: record.is_workflow
      ? workflowSummary(record.dir, record.has_done || row.crashed)
      : null,
  };
}
