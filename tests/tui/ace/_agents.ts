/**
 * Agent rows for the ACE model tests, shaped as the index's listing rows.
 *
 * @module
 */

import type { AgentRow } from "../../../core/agent/index/rows.ts";
import { parseStatus, statusBucket } from "../../../core/agent/index/status.ts";
import { type AgentItem, agentItems } from "../../../tui/ace/agents/item.ts";

/** A listing row with sensible defaults. */
export function agentRow(overrides: Partial<AgentRow> & { name: string }): AgentRow {
  const status = overrides.status ?? "RUNNING";
  const timestamp = overrides.timestamp ?? "20260328120000";
  return {
    project: "proj",
    status,
    bucket: statusBucket(parseStatus(status)!, {
      waitingFor: overrides.waitingFor,
      waitUntil: overrides.waitUntil,
    }),
    crashed: false,
    pid: null,
    agentPid: null,
    model: "opus",
    provider: "claude",
    workspaceDir: null,
    workspaceNum: null,
    timestamp,
    startedAt: "2026-03-28T12:00:00.000Z",
    finishedAt: null,
    durationSeconds: 65,
    outcome: null,
    approve: false,
    hidden: false,
    dismissed: false,
    tag: null,
    waitingFor: [],
    waitUntil: null,
    error: null,
    promptSnippet: null,
    artifactsDir: `/runs/${overrides.project ?? "proj"}/${timestamp}`,
    isWorkflow: false,
    workflowName: null,
    parentTimestamp: null,
    stepName: null,
    clName: null,
    retry: {
      retryOfTimestamp: null,
      retriedAsTimestamp: null,
      chainRootTimestamp: null,
      attempt: null,
    },
    ...overrides,
  };
}

/** Items of `rows`; `completions` maps run timestamps to notification ids. */
export function items(rows: AgentRow[], completions: Record<string, string[]> = {}): AgentItem[] {
  return agentItems(rows, new Map(Object.entries(completions)));
}
