/**
 * The canonical bead event envelope and how events are minted.
 *
 * Every mutation is recorded as one JSON line in
 * `events/streams/<root-id>.jsonl`. The event id embeds the stream, the
 * 1-based ordinal, the operation, the issue and a SHA-256 over the event's
 * content, so ids are stable, collision-free across clones and verifiable.
 *
 * @module
 */

import { sha256Hex } from "../text/sha256.ts";

/** The only event schema version this implementation reads and writes. */
export const EVENT_SCHEMA_VERSION = 1;

/** Every operation the upstream event log uses. */
export const OPERATIONS = [
  "issue_created",
  "issue_updated",
  "note_appended",
  "issue_opened",
  "issue_closed",
  "issue_removed",
  "dependency_added",
  "dependency_removed",
  "reference_added",
  "reference_removed",
  "ready_marked",
  "ready_unmarked",
  "epic_work_preclaimed",
  "task_plus_one_recorded",
  "task_snoozed",
  "task_snooze_canceled",
  "task_snooze_woken",
] as const;
/** An event operation name. */
export type Operation = (typeof OPERATIONS)[number];

/** One event line. */
export interface BeadEvent {
  schema_version: number;
  event_id: string;
  timestamp: string;
  actor: string;
  operation: Operation;
  issue_id: string;
  payload: Record<string, unknown> & { kind: string };
}

/** Operation priority for interleaving streams: creations before edges. */
export function operationPriority(operation: string): number {
  switch (operation) {
    case "issue_created":
      return 0;
    case "dependency_added":
      return 2;
    case "dependency_removed":
      return 3;
    case "reference_added":
      return 4;
    case "reference_removed":
      return 5;
    default:
      return 1;
  }
}

/** What a caller supplies to mint an event. */
export interface EventDraft {
  operation: Operation;
  issue_id: string;
  payload: Record<string, unknown>;
  /** Timestamp override (imports keep the original record times). */
  timestamp?: string;
  /** Actor override (imports keep the original author). */
  actor?: string;
}

/** Mint the content-hashed event id. */
export function mintEventId(
  streamId: string,
  ordinal: number,
  timestamp: string,
  actor: string,
  operation: string,
  issueId: string,
  payload: unknown,
): string {
  const content = JSON.stringify([
    EVENT_SCHEMA_VERSION,
    timestamp,
    actor,
    operation,
    issueId,
    payload,
  ]);
  const digest = sha256Hex(content);
  return `${streamId}:${String(ordinal).padStart(6, "0")}:${operation}:${issueId}:${digest}`;
}

/** Build a complete event from a draft at position `ordinal` of `streamId`. */
export function buildEvent(
  draft: EventDraft,
  streamId: string,
  ordinal: number,
  timestamp: string,
  actor: string,
): BeadEvent {
  const payload = { kind: draft.operation, ...draft.payload };
  timestamp = draft.timestamp ?? timestamp;
  actor = draft.actor ?? actor;
  return {
    schema_version: EVENT_SCHEMA_VERSION,
    event_id: mintEventId(
      streamId,
      ordinal,
      timestamp,
      actor,
      draft.operation,
      draft.issue_id,
      payload,
    ),
    timestamp,
    actor,
    operation: draft.operation,
    issue_id: draft.issue_id,
    payload,
  };
}

/** Now, as the event log's second-precision UTC timestamp. */
export function eventTimestamp(date: Date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
