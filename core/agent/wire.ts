/**
 * The wire format of agents: launches (`sase run -j`), stops, listings,
 * details, tags, chat transcripts and index maintenance, as the CLI prints
 * them and ACE, the gateway and library users receive them (snake_case
 * keys). Records other processes wrote (explicit artifacts, identities)
 * keep their file's field names.
 *
 * @module
 */

import type { LaunchedAgent, LaunchOutcome } from "./run/launch.ts";
import type { RunResult } from "./run/launch_request.ts";
import type { KillResult } from "./identity/kill.ts";
import type { AgentIdentity } from "./identity/tags.ts";
import type { NamedTag } from "./index/agents.ts";
import type { IndexStatus } from "./index/index_service.ts";
import type { RefreshStats, VerifyResult } from "./index/agent_index.ts";
import type { ArchiveRebuildResult, ArchiveVerifyResult } from "./index/archive.ts";
import type { IndexCounts } from "./index/db.ts";
import type { AgentArtifactEntry, AgentDetail } from "./index/detail.ts";
import { type SandboxRecordFile, sandboxRecordFile } from "./records/sandbox_record.ts";
import type { IndexGc } from "./index/maintenance.ts";
import type { NameMigrationResult } from "./index/names_migration.ts";
import type { AgentRow } from "./index/rows.ts";
import type { StatusBucket } from "./index/status.ts";
import type { ChatDocument } from "./identity/chat_read.ts";
import type { ChatInfo } from "./records/chats.ts";
import type { ExplicitArtifact } from "./records/explicit_artifacts.ts";
import {
  type WorkflowRunWire,
  workflowRunWire,
  type WorkflowSummaryWire,
  workflowSummaryWire,
} from "../workflow/wire.ts";

/** A finished foreground run on the wire. */
export interface RunResultWire {
  name: string;
  timestamp: string;
  project: string;
  dir: string;
  outcome: string;
  error?: string;
  reply: string;
  provider: string;
  model: string;
  session_id: string | null;
  chat_path: string;
  retry_count: number;
  used_fallback: boolean;
  retried_as?: string;
}

/** A run started detached, on the wire. */
export interface LaunchedAgentWire {
  name: string;
  timestamp: string;
  dir: string;
  pid: number;
  waits: string[];
}

/**
 * A launch on the wire: one foreground agent run, one foreground workflow
 * run, or the detached runs (agents and workflows) started.
 */
export type LaunchOutcomeWire =
  | { mode: "foreground"; agents: [RunResultWire] }
  | { mode: "workflow"; agents: []; workflow: WorkflowRunWire }
  | { mode: "daemon"; agents: LaunchedAgentWire[] };

/** `run` in wire form. */
export function runResultWire(run: RunResult): RunResultWire {
  return {
    name: run.name,
    timestamp: run.timestamp,
    project: run.project,
    dir: run.dir,
    outcome: run.outcome,
    ...(run.error !== undefined ? { error: run.error } : {}),
    reply: run.reply,
    provider: run.provider,
    model: run.model,
    session_id: run.sessionId ?? null,
    chat_path: run.chatPath,
    retry_count: run.retryCount,
    used_fallback: run.usedFallback,
    ...(run.retriedAs ? { retried_as: run.retriedAs } : {}),
  };
}

/** `agent` in wire form. */
export function launchedAgentWire(agent: LaunchedAgent): LaunchedAgentWire {
  return {
    name: agent.name,
    timestamp: agent.timestamp,
    dir: agent.dir,
    pid: agent.pid,
    waits: agent.waits,
  };
}

/** `outcome` in wire form. */
export function launchOutcomeWire(outcome: LaunchOutcome): LaunchOutcomeWire {
  if (outcome.workflow) {
    return { mode: "workflow", agents: [], workflow: workflowRunWire(outcome.workflow) };
  }
  return outcome.foreground
    ? { mode: "foreground", agents: [runResultWire(outcome.foreground)] }
    : { mode: "daemon", agents: outcome.launched.map(launchedAgentWire) };
}

/** A stopped agent on the wire (`sase agent kill -j`). */
export interface KillResultWire {
  schema_version: 1;
  name: string;
  dir: string;
  outcome: string;
  signalled: number[];
  escalated: boolean;
  wrote_done: boolean;
  elapsed_ms: number;
}

/** The stop of the agent called `name` in wire form. */
export function killResultWire(name: string, result: KillResult): KillResultWire {
  return {
    schema_version: 1,
    name,
    dir: result.dir,
    outcome: result.outcome,
    signalled: result.signalled,
    escalated: result.escalated,
    wrote_done: result.wroteDone,
    elapsed_ms: result.elapsedMs,
  };
}

/** One agent of `sase agent list -j` (a stable schema: fields are only ever added). */
export interface AgentRowWire {
  name: string | null;
  project: string;
  status: string;
  bucket: StatusBucket;
  crashed: boolean;
  pid: number | null;
  agent_pid: number | null;
  model: string | null;
  provider: string | null;
  workspace_dir: string | null;
  workspace_num: number | null;
  timestamp: string;
  started_at: string | null;
  finished_at: string | null;
  duration_seconds: number | null;
  outcome: string | null;
  approve: boolean;
  hidden: boolean;
  dismissed: boolean;
  tag: string | null;
  waiting_for: string[];
  wait_until: string | null;
  error: string | null;
  prompt_snippet: string | null;
  artifacts_dir: string;
  is_workflow: boolean;
  workflow_name: string | null;
  parent_timestamp: string | null;
  step_name: string | null;
  cl_name: string | null;
}

/** A listed agent in wire form. */
export function agentRowWire(row: AgentRow): AgentRowWire {
  return {
    name: row.name,
    project: row.project,
    status: row.status,
    bucket: row.bucket,
    crashed: row.crashed,
    pid: row.pid,
    agent_pid: row.agentPid,
    model: row.model,
    provider: row.provider,
    workspace_dir: row.workspaceDir,
    workspace_num: row.workspaceNum,
    timestamp: row.timestamp,
    started_at: row.startedAt,
    finished_at: row.finishedAt,
    duration_seconds: row.durationSeconds,
    outcome: row.outcome,
    approve: row.approve,
    hidden: row.hidden,
    dismissed: row.dismissed,
    tag: row.tag,
    waiting_for: row.waitingFor,
    wait_until: row.waitUntil,
    error: row.error,
    prompt_snippet: row.promptSnippet,
    artifacts_dir: row.artifactsDir,
    is_workflow: row.isWorkflow,
    workflow_name: row.workflowName,
    parent_timestamp: row.parentTimestamp,
    step_name: row.stepName,
    cl_name: row.clName,
  };
}

/** `sase agent show -j`. */
export interface AgentDetailWire {
  schema_version: 1;
  agent: AgentRowWire;
  tier: string | null;
  session_id: string | null;
  agent_spawned_at: string | null;
  retry_count: number;
  retry_of_timestamp: string | null;
  retried_as_timestamp: string | null;
  wait_blocked: Record<string, string>;
  output_variables: Record<string, string>;
  prompt: string | null;
  reply_path: string;
  reply_tail: string | null;
  artifacts: AgentArtifactEntry[];
  /** The sandbox it ran in (the run's `sandbox.json`); null for runs that recorded none. */
  sandbox: SandboxRecordFile | null;
  workflow: WorkflowSummaryWire | null;
}

/** An agent's detail in wire form (its artifacts are single-word records already). */
export function agentDetailWire(detail: AgentDetail): AgentDetailWire {
  return {
    schema_version: 1,
    agent: agentRowWire(detail.agent),
    tier: detail.tier,
    session_id: detail.sessionId,
    agent_spawned_at: detail.agentSpawnedAt,
    retry_count: detail.retryCount,
    retry_of_timestamp: detail.retryOfTimestamp,
    retried_as_timestamp: detail.retriedAsTimestamp,
    wait_blocked: detail.waitBlocked,
    output_variables: detail.outputVariables,
    prompt: detail.prompt,
    reply_path: detail.replyPath,
    reply_tail: detail.replyTail,
    artifacts: detail.artifacts,
    sandbox: detail.sandbox && sandboxRecordFile(detail.sandbox),
    workflow: detail.workflow ? workflowSummaryWire(detail.workflow) : null,
  };
}

/** One agent tag (`sase agent tag list -j`), by the identity the tag file stores. */
export interface AgentTagWire {
  agent_type: string;
  cl_name: string;
  raw_suffix: string | null;
  tag: string | null;
}

/** A tag of the agent `id` in wire form. */
export function agentTagWire(id: AgentIdentity, tag: string | null): AgentTagWire {
  return { agent_type: id[0], cl_name: id[1], raw_suffix: id[2], tag };
}

/** `sase agent tag list NAME -j`: one named agent's tag. */
export interface NamedAgentTagWire extends AgentTagWire {
  name: string;
}

/** The tag of the agent called `name` in wire form. */
export function namedAgentTagWire(
  name: string,
  id: AgentIdentity,
  tag: string | null,
): NamedAgentTagWire {
  return { name, ...agentTagWire(id, tag) };
}

/** Every stored tag in wire form (`sase agent tag list -j`). */
export function agentTagsWire(tags: readonly NamedTag[]): AgentTagWire[] {
  return tags.map((entry) => agentTagWire(entry.id, entry.tag));
}

/** `sase agent index status -j`. */
export interface IndexStatusWire {
  schema_version: number;
  index_path: string;
  projects_root: string;
  exists: boolean;
  healthy: boolean;
  reason: string | null;
  built_at: string | null;
  counts: IndexCounts | null;
}

/** The index's health in wire form (its schema version is the index's own). */
export function indexStatusWire(status: IndexStatus): IndexStatusWire {
  return {
    schema_version: status.indexSchemaVersion,
    index_path: status.indexPath,
    projects_root: status.projectsRoot,
    exists: status.exists,
    healthy: status.healthy,
    reason: status.reason,
    built_at: status.builtAt,
    counts: status.counts,
  };
}

/** `sase agent index rebuild -j`. */
export interface IndexRebuildWire {
  schema_version: 1;
  rebuilt: boolean;
  added: number;
  updated: number;
  removed: number;
  elapsed_ms: number;
}

/** A rebuild or refresh in wire form. */
export function indexRebuildWire(stats: RefreshStats): IndexRebuildWire {
  return {
    schema_version: 1,
    rebuilt: stats.rebuilt,
    added: stats.added,
    updated: stats.updated,
    removed: stats.removed,
    elapsed_ms: stats.elapsedMs,
  };
}

/** `sase agent index gc -j`. */
export interface IndexGcWire extends IndexRebuildWire {
  dismissed: number;
  purged_bundles: string[];
}

/** A garbage collection in wire form. */
export function indexGcWire(gc: IndexGc): IndexGcWire {
  return { ...indexRebuildWire(gc), dismissed: gc.dismissed, purged_bundles: gc.purgedBundles };
}

/** `sase agent index verify -j`. */
export interface IndexVerifyWire {
  schema_version: 1;
  ok: boolean;
  indexed_rows: number;
  source_runs: number;
  missing_rows: number;
  stale_rows: number;
  orphan_rows: number;
  examples: VerifyResult["examples"];
}

/** An index verification in wire form. */
export function indexVerifyWire(result: VerifyResult): IndexVerifyWire {
  return {
    schema_version: 1,
    ok: result.ok,
    indexed_rows: result.indexedRows,
    source_runs: result.sourceRuns,
    missing_rows: result.missingRows,
    stale_rows: result.staleRows,
    orphan_rows: result.orphanRows,
    examples: result.examples,
  };
}

/** `sase agent archive rebuild-index -j`. */
export interface ArchiveRebuildWire {
  schema_version: 1;
  indexed_rows: number;
  skipped_corrupt: number;
}

/** A bundle summary rebuild in wire form. */
export function archiveRebuildWire(result: ArchiveRebuildResult): ArchiveRebuildWire {
  return {
    schema_version: 1,
    indexed_rows: result.indexedRows,
    skipped_corrupt: result.skippedCorrupt,
  };
}

/** `sase agent archive verify` (always JSON). */
export interface ArchiveVerifyWire {
  ok: boolean;
  indexed_rows: number;
  valid_bundles: number;
  corrupt_bundles: number;
  stale_rows: number;
  missing_rows: number;
}

/** A bundle summary verification in wire form. */
export function archiveVerifyWire(result: ArchiveVerifyResult): ArchiveVerifyWire {
  return {
    ok: result.ok,
    indexed_rows: result.indexedRows,
    valid_bundles: result.validBundles,
    corrupt_bundles: result.corruptBundles,
    stale_rows: result.staleRows,
    missing_rows: result.missingRows,
  };
}

/** `sase agent names migrate-auto -j`. */
export interface NameMigrationWire {
  changed: boolean;
  migrated_count: number;
  migrated_names: Record<string, string>;
  files_changed: string[];
  skipped_by_marker: boolean;
}

/** A name migration in wire form. */
export function nameMigrationWire(result: NameMigrationResult): NameMigrationWire {
  return {
    changed: result.changed,
    migrated_count: result.migratedCount,
    migrated_names: result.migratedNames,
    files_changed: result.filesChanged,
    skipped_by_marker: result.skippedByMarker,
  };
}

/** One chat transcript of `sase chat list -j`. */
export interface ChatInfoWire {
  path: string;
  basename: string;
  mtime: string;
  size_bytes: number;
  project: string | null;
  workflow: string | null;
  agent_type: string | null;
  agent: string | null;
  model: string | null;
  timestamp: string | null;
  prompt_snippet: string | null;
  response_snippet: string | null;
}

/** A transcript's catalog row in wire form. */
export function chatInfoWire(info: ChatInfo): ChatInfoWire {
  return {
    path: info.path,
    basename: info.basename,
    mtime: info.mtime,
    size_bytes: info.sizeBytes,
    project: info.project,
    workflow: info.workflow,
    agent_type: info.agentType,
    agent: info.agent,
    model: info.model,
    timestamp: info.timestamp,
    prompt_snippet: info.promptSnippet,
    response_snippet: info.responseSnippet,
  };
}

/** `sase chat show -j`: a transcript's catalog row, its sections and its text. */
export interface ChatDocumentWire extends ChatInfoWire {
  schema_version: 1;
  previous_conversation: string | null;
  prompt: string | null;
  response: string | null;
  body: string;
  /** With `-f resume`: the sanitized history a resumed agent is given. */
  resume_history?: string;
}

/** A transcript in wire form. */
export function chatDocumentWire(document: ChatDocument): ChatDocumentWire {
  return {
    schema_version: 1,
    ...chatInfoWire(document.info),
    previous_conversation: document.previousConversation,
    prompt: document.prompt,
    response: document.response,
    body: document.body,
    ...(document.resumeHistory === undefined ? {} : { resume_history: document.resumeHistory }),
  };
}

/** `sase artifact create -j`: the stored record, as the artifact index holds it. */
export interface ExplicitArtifactWire {
  schema_version: 1;
  artifact: ExplicitArtifact;
}

/** A stored explicit artifact in wire form. */
export function explicitArtifactWire(artifact: ExplicitArtifact): ExplicitArtifactWire {
  return { schema_version: 1, artifact };
}
