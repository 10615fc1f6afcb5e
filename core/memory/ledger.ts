/**
 * The memory proposal ledger (`SASE_HOME/projects/<project>/
 * memory_proposals.jsonl`): append-only JSONL with a lock companion. A
 * proposal is one `proposed` event; every review decision appends an
 * `approved`, `approved_with_edits` or `rejected` event, never rewriting an
 * earlier one. Readers skip malformed rows and reduce events to states.
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import { appendJsonlLocked, readJsonl } from "../fs/jsonl.ts";
import type { EvidenceRecord, ProposalWarning } from "./proposal_rules.ts";

/** The schema version of ledger rows. */
export const LEDGER_SCHEMA_VERSION = 1;

/** A review decision's event type. */
export type ReviewEventType = "approved" | "approved_with_edits" | "rejected";
/** Where a proposal stands. */
export type ProposalStatus = "pending" | ReviewEventType;

/** The `proposed` event (snake_case: the file is shared with the original). */
export interface ProposedEvent {
  schema_version: number;
  event_type: "proposed";
  proposal_id: string;
  timestamp: string;
  project: string;
  cwd: string;
  title: string;
  target_path: string;
  keywords: string[];
  author_name: string;
  author_source: string;
  artifacts_dir: string | null;
  body_path: string;
  body_sha256: string;
  body_byte_count: number;
  evidence: EvidenceRecord[];
  warnings: ProposalWarning[];
}

/** A review event. */
export interface ReviewEvent {
  schema_version: number;
  event_type: ReviewEventType;
  proposal_id: string;
  timestamp: string;
  project: string;
  cwd: string;
  reviewer_user: string;
  reviewer_hostname: string;
  target_path: string;
  canonical_path: string | null;
  reviewed_body_path: string | null;
  body_sha256: string | null;
  body_byte_count: number | null;
  reason: string | null;
}

/** Any ledger event. */
export type LedgerEvent = ProposedEvent | ReviewEvent;

/** A proposal reduced from its events. */
export interface ProposalState {
  proposal: ProposedEvent;
  status: ProposalStatus;
  /** The target after review (a reviewer may choose another). */
  targetPath: string;
  updatedAt: string;
  review: ReviewEvent | null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): boolean {
  return value === undefined || value === null || typeof value === "string";
}

const PROPOSED_STRINGS = [
  "proposal_id",
  "timestamp",
  "project",
  "cwd",
  "title",
  "target_path",
  "author_name",
  "author_source",
  "body_path",
  "body_sha256",
] as const;
const REVIEW_STRINGS = [
  "proposal_id",
  "timestamp",
  "project",
  "cwd",
  "reviewer_user",
  "reviewer_hostname",
  "target_path",
] as const;
const EVIDENCE_KINDS = new Set(["path", "chat", "url", "note"]);

function evidenceOk(value: unknown): boolean {
  return isObject(value) && EVIDENCE_KINDS.has(value.kind as string) &&
    typeof value.raw === "string";
}

function warningOk(value: unknown): boolean {
  return isObject(value) && typeof value.code === "string" && typeof value.message === "string" &&
    optionalString(value.match);
}

/** The row as a ledger event, or null when it is not one (skipped, never repaired). */
export function parseLedgerEvent(row: unknown): LedgerEvent | null {
  if (!isObject(row) || row.schema_version !== LEDGER_SCHEMA_VERSION) return null;
  if (row.event_type === "proposed") {
    if (PROPOSED_STRINGS.some((k) => typeof row[k] !== "string")) return null;
    if (!Number.isInteger(row.body_byte_count) || !optionalString(row.artifacts_dir)) return null;
    if (!Array.isArray(row.keywords) || row.keywords.some((k) => typeof k !== "string")) {
      return null;
    }
    if (!Array.isArray(row.evidence) || !row.evidence.every(evidenceOk)) return null;
    if (!Array.isArray(row.warnings) || !row.warnings.every(warningOk)) return null;
    return { ...row, artifacts_dir: row.artifacts_dir ?? null } as unknown as ProposedEvent;
  }
  if (["approved", "approved_with_edits", "rejected"].includes(row.event_type as string)) {
    if (REVIEW_STRINGS.some((k) => typeof row[k] !== "string")) return null;
    const optional = ["canonical_path", "reviewed_body_path", "body_sha256", "reason"];
    if (!optional.every((k) => optionalString(row[k]))) return null;
    if (row.body_byte_count != null && !Number.isInteger(row.body_byte_count)) return null;
    return row as unknown as ReviewEvent;
  }
  return null;
}

/** Every readable event, oldest first (a missing ledger has none). */
export async function readLedger(path: string): Promise<LedgerEvent[]> {
  const result = await readJsonl<unknown>(path);
  return result.records.map(parseLedgerEvent).filter((e): e is LedgerEvent => e !== null);
}

/** Reduce events to one state per proposal, oldest first. */
export function reduceLedger(events: readonly LedgerEvent[]): ProposalState[] {
  const states = new Map<string, ProposalState>();
  for (const event of events) {
    if (event.event_type === "proposed") {
      states.set(event.proposal_id, {
        proposal: event,
        status: "pending",
        targetPath: event.target_path,
        updatedAt: event.timestamp,
        review: null,
      });
      continue;
    }
    const state = states.get(event.proposal_id);
    if (!state) continue;
    states.set(event.proposal_id, {
      ...state,
      status: event.event_type,
      targetPath: event.target_path,
      updatedAt: event.timestamp,
      review: event,
    });
  }
  return [...states.values()].sort((a, b) =>
    a.proposal.timestamp.localeCompare(b.proposal.timestamp) ||
    a.proposal.proposal_id.localeCompare(b.proposal.proposal_id)
  );
}

/** The proposal `ref` names: an exact id, or an unambiguous id prefix. */
export function resolveProposal(ref: string, states: readonly ProposalState[]): ProposalState {
  const wanted = ref.trim();
  if (!wanted) {
    throw new SaseError("memory.proposal.id", "memory proposal id must not be empty", {
      kind: "invalid-input",
    });
  }
  const exact = states.find((s) => s.proposal.proposal_id === wanted);
  if (exact) return exact;
  const matches = states.filter((s) => s.proposal.proposal_id.startsWith(wanted));
  if (matches.length === 0) {
    throw new SaseError("memory.proposal.unknown", `unknown memory proposal id: ${wanted}`, {
      hint: "list proposals with `sase memory review --list --all`",
      kind: "not-found",
    });
  }
  if (matches.length > 1) {
    throw new SaseError(
      "memory.proposal.ambiguous",
      `ambiguous memory proposal id prefix: ${wanted} (${
        matches.map((s) => s.proposal.proposal_id).join(", ")
      })`,
      { hint: "type more of the id", kind: "invalid-input" },
    );
  }
  return matches[0];
}

/** Rows with their keys sorted, as the original writes them. */
function sortedRow(event: LedgerEvent): Record<string, unknown> {
  return Object.fromEntries(Object.entries(event).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0));
}

/** Append `event`; the caller holds the ledger's lock. */
export async function appendLedgerLocked(path: string, event: LedgerEvent): Promise<void> {
  await appendJsonlLocked(path, [sortedRow(event)]);
}
