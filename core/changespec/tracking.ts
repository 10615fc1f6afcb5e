/**
 * The writes commit workflows, ACE and axe make to a ChangeSpec's history:
 * COMMITS entries (with their TIMESTAMPS `COMMIT` event), single TIMESTAMPS
 * events and the DELTAS section. Each one runs under the ProjectSpec lock and
 * splices only its own lines, so every other byte of the file is kept.
 *
 * @module
 */

import { saseTimestamp } from "../time.ts";
import {
  type CommitEntryDraft,
  type CommitEntryKind,
  formatCommitEntryLines,
  nextEntryId,
} from "./commit_entry.ts";
import { formatDeltas } from "./format.ts";
import { type ChangeSpecStore, editorHolding, type ProjectRef, projectRefOfFile } from "./store.ts";
import { type TimestampEvent, timestampEventText } from "./timestamp_event.ts";
import type { DeltaEntry } from "./types.ts";

/** Which ChangeSpec a write targets. */
export interface ChangeSpecTarget {
  /** The ChangeSpec's NAME. */
  name: string;
  /** The ProjectSpec file holding it (as `SASE_AGENT_PROJECT_FILE` names it). */
  projectFile?: string;
  /** Otherwise the project to look in (default: search every project). */
  project?: string;
}

/** Inputs of {@linkcode appendCommitEntry}. */
export interface AppendCommitEntry {
  target: ChangeSpecTarget;
  kind: CommitEntryKind;
  draft: CommitEntryDraft;
  /**
   * The id a previous, interrupted run gave this entry: when the spec
   * already has it, nothing is written (a resumed commit is idempotent).
   */
  expectedEntryId?: string | null;
  /** Clock for the TIMESTAMPS event (tests pin it). */
  now?: Date;
}

/** What {@linkcode appendCommitEntry} did. */
export interface AppendedCommitEntry {
  /** `3` for a commit, `2a` for a proposal. */
  entryId: string;
  project: string;
  projectFile: string;
  /** False when the entry was already there (resume). */
  written: boolean;
}

async function refOf(store: ChangeSpecStore, target: ChangeSpecTarget): Promise<ProjectRef> {
  return target.projectFile
    ? projectRefOfFile(target.projectFile)
    : await store.locate(target.name, target.project);
}

/**
 * Append a COMMITS entry — `(N) note` for a commit, `(Na) note - (!: NEW
 * PROPOSAL)` for a proposal — with its body and drawers, plus the
 * `COMMIT (<id>)` TIMESTAMPS event, in one locked write.
 */
export async function appendCommitEntry(
  store: ChangeSpecStore,
  request: AppendCommitEntry,
): Promise<AppendedCommitEntry> {
  const ref = await refOf(store, request.target);
  const stamp = saseTimestamp(request.now ?? new Date());
  return await store.mutate(ref, (editors) => {
    const name = request.target.name;
    const file = editorHolding(editors, name);
    const commits = file.spec(name).commits;
    const expected = request.expectedEntryId;
    const base = { project: ref.name, projectFile: file.path };
    if (expected && commits.some((c) => `${c.number}${c.proposalLetter ?? ""}` === expected)) {
      return { ...base, entryId: expected, written: false };
    }
    const entryId = nextEntryId(request.kind, commits);
    file.appendCommitLines(name, formatCommitEntryLines(entryId, request.kind, request.draft));
    const { eventType, detail } = timestampEventText({ type: "COMMIT", entryId });
    file.appendTimestamp(name, { timestamp: stamp, eventType, detail });
    return { ...base, entryId, written: true };
  });
}

/** Append one TIMESTAMPS event to a ChangeSpec under the lock. */
export async function recordTimestampEvent(
  store: ChangeSpecStore,
  target: ChangeSpecTarget,
  event: TimestampEvent,
  now: Date = new Date(),
): Promise<void> {
  const ref = await refOf(store, target);
  const { eventType, detail } = timestampEventText(event);
  await store.mutate(ref, (editors) => {
    editorHolding(editors, target.name).appendTimestamp(target.name, {
      timestamp: saseTimestamp(now),
      eventType,
      detail,
    });
  });
}

/**
 * Replace a ChangeSpec's DELTAS section with `deltas` (sorted by path as the
 * chapter writes them); no deltas removes the section.
 */
export async function replaceDeltas(
  store: ChangeSpecStore,
  target: ChangeSpecTarget,
  deltas: readonly DeltaEntry[],
): Promise<void> {
  const ref = await refOf(store, target);
  const lines = formatDeltas(deltas).map((line) => line.replace(/\n$/, ""));
  await store.mutate(ref, (editors) => {
    editorHolding(editors, target.name).replaceBlock(target.name, "DELTAS", lines);
  });
}
