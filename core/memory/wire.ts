/**
 * The wire format of the memory commands: what `sase memory ... -j`
 * prints (snake_case keys, `schema_version: 1`). Ledger and read-log rows
 * are already in their stored snake_case form and are passed through.
 *
 * @module
 */

import type { MemoryContext } from "./context.ts";
import type { MemoryInitApplied } from "./init_apply.ts";
import type { MemoryInitPlan } from "./init_plan.ts";
import type { LedgerEvent, ProposalState, ProposalStatus } from "./ledger.ts";
import type { MemoryLog } from "./log.ts";
import type { ProposeResult } from "./propose.ts";
import type { EvidenceRecord, ProposalWarning } from "./proposal_rules.ts";
import type { MemoryReadEvent } from "./read_log.ts";
import type { ReviewResult } from "./review.ts";

/** `sase memory list -j`. */
export interface MemoryContextWire {
  schema_version: 1;
  roots: string[];
  loaded_tokens: number;
  entries: {
    scope: string;
    path: string;
    display: string;
    status: string;
    tokens: number | null;
  }[];
}

/** The dashboard in wire form. */
export function memoryContextWire(context: MemoryContext): MemoryContextWire {
  return {
    schema_version: 1,
    roots: context.roots,
    loaded_tokens: context.loadedTokens,
    entries: context.entries.map((e) => ({
      scope: e.scope,
      path: e.path,
      display: e.display,
      status: e.status,
      tokens: e.tokens,
    })),
  };
}

/** One proposal in wire form. */
export interface ProposalWire {
  proposal_id: string;
  status: ProposalStatus;
  title: string;
  target_path: string;
  keywords: string[];
  author_name: string;
  author_source: string;
  created_at: string;
  updated_at: string;
  project: string;
  body_path: string;
  body_byte_count: number;
  evidence: EvidenceRecord[];
  warnings: ProposalWarning[];
  reviewer_user: string | null;
  review_reason: string | null;
  canonical_path: string | null;
}

/** A proposal state in wire form. */
export function proposalWire(state: ProposalState): ProposalWire {
  const p = state.proposal;
  return {
    proposal_id: p.proposal_id,
    status: state.status,
    title: p.title,
    target_path: state.targetPath,
    keywords: p.keywords,
    author_name: p.author_name,
    author_source: p.author_source,
    created_at: p.timestamp,
    updated_at: state.updatedAt,
    project: p.project,
    body_path: p.body_path,
    body_byte_count: p.body_byte_count,
    evidence: p.evidence,
    warnings: p.warnings,
    reviewer_user: state.review?.reviewer_user ?? null,
    review_reason: state.review?.reason ?? null,
    canonical_path: state.review?.canonical_path ?? null,
  };
}

/** `sase memory write -j`. */
export interface ProposeWire extends ProposalWire {
  schema_version: 1;
  ledger_path: string;
  notification_id: string | null;
  notification_error: string | null;
}

/** A recorded proposal in wire form. */
export function proposeWire(result: ProposeResult): ProposeWire {
  const state: ProposalState = {
    proposal: result.event,
    status: "pending",
    targetPath: result.event.target_path,
    updatedAt: result.event.timestamp,
    review: null,
  };
  return {
    schema_version: 1,
    ...proposalWire(state),
    ledger_path: result.ledgerPath,
    notification_id: result.notificationId,
    notification_error: result.notificationError,
  };
}

/** `sase memory review --list -j`. */
export interface ProposalListWire {
  schema_version: 1;
  proposals: ProposalWire[];
}

/** A proposal list in wire form. */
export function proposalListWire(states: readonly ProposalState[]): ProposalListWire {
  return { schema_version: 1, proposals: states.map(proposalWire) };
}

/** `sase memory review <id> --show -j`. */
export interface ProposalShowWire extends ProposalWire {
  schema_version: 1;
  body: string;
}

/** One proposal with its draft body in wire form. */
export function proposalShowWire(state: ProposalState, body: string): ProposalShowWire {
  return { schema_version: 1, ...proposalWire(state), body };
}

/** `sase memory review <id> --approve|--reject -j`. */
export interface ReviewWire {
  schema_version: 1;
  proposal: ProposalWire;
  event: LedgerEvent;
  canonical_path: string | null;
  warnings: string[];
}

/** A review decision in wire form. */
export function reviewWire(result: ReviewResult): ReviewWire {
  return {
    schema_version: 1,
    proposal: proposalWire(result.state),
    event: result.event,
    canonical_path: result.canonicalPath,
    warnings: result.warnings,
  };
}

/** `sase memory log -j`. */
export interface MemoryLogWire {
  schema_version: 1;
  project: string;
  log_path: string;
  events: MemoryReadEvent[];
  by_path: {
    path: string;
    reads: number;
    agents: number;
    last_read_at: string;
    last_agent: string;
    last_reason: string;
  }[];
  by_agent: {
    agent: string;
    reads: number;
    paths: number;
    last_read_at: string;
    last_path: string;
    last_reason: string;
  }[];
  proposal_events?: LedgerEvent[];
  event?: MemoryReadEvent;
}

/** A log answer in wire form (`--id` prints only `event`). */
export function memoryLogWire(log: MemoryLog): MemoryLogWire {
  const wire: MemoryLogWire = {
    schema_version: 1,
    project: log.project,
    log_path: log.logPath,
    events: log.events,
    by_path: log.byPath.map((s) => ({
      path: s.path,
      reads: s.reads,
      agents: s.agents,
      last_read_at: s.lastReadAt,
      last_agent: s.lastAgent,
      last_reason: s.lastReason,
    })),
    by_agent: log.byAgent.map((s) => ({
      agent: s.agent,
      reads: s.reads,
      paths: s.paths,
      last_read_at: s.lastReadAt,
      last_path: s.lastPath,
      last_reason: s.lastReason,
    })),
  };
  if (log.proposalEvents) wire.proposal_events = log.proposalEvents;
  if (log.event) wire.event = log.event;
  return wire;
}

/** `sase memory init [--check] -j`. */
export interface MemoryInitWire {
  schema_version: 1;
  check: boolean;
  drift: boolean;
  roots: { scope: string; kind: string; root: string }[];
  writes: { scope: string; path: string; action: string }[];
  custom_shims: string[];
  deploy: string[];
}

/** An init plan (and what applying it did) in wire form. */
export function memoryInitWire(
  plan: MemoryInitPlan,
  applied: MemoryInitApplied | null,
): MemoryInitWire {
  return {
    schema_version: 1,
    check: applied === null,
    drift: plan.writes.length > 0,
    roots: plan.roots.map((r) => ({ scope: r.scope, kind: r.kind, root: r.root })),
    writes: plan.writes.map((w) => ({ scope: w.scope, path: w.path, action: w.action })),
    custom_shims: plan.customShims,
    deploy: applied?.deploy ?? [],
  };
}
