/**
 * The wire format of beads: issues (the `issues.jsonl` row, as the store
 * projects it), details, search hits, stats, store administration and
 * mutations, with snake_case keys, as the CLI prints them and ACE and the
 * gateway will send them. Bead work's plans and launches are in
 * `work_wire.ts` (they carry agents' wire shapes, which a read never loads).
 *
 * @module
 */

import type { DoctorReport, FixResult } from "./doctor.ts";
import { type Issue, issueToRow } from "./model.ts";
import type { BeadStats, IssueDetail } from "./query.ts";
import type { SearchHit } from "./search.ts";
import type { BeadDoctor, BeadInit, BeadSync } from "./service.ts";

/** One bead on the wire: its `issues.jsonl` row (known fields in projection order, then the rest). */
export type BeadRowWire = Record<string, unknown>;

/** A bead in wire form. */
export function beadRowWire(issue: Issue): BeadRowWire {
  return issueToRow(issue);
}

/** `sase bead show -j`: the row, then the ids of its children, dependents and open blockers. */
export type BeadDetailWire = BeadRowWire & {
  children: string[];
  blocks: string[];
  blockers: string[];
};

/** A bead's detail in wire form. */
export function beadDetailWire(detail: IssueDetail): BeadDetailWire {
  return {
    ...issueToRow(detail.issue),
    children: detail.children.map((child) => child.id),
    blocks: detail.blocks.map((issue) => issue.id),
    blockers: detail.blockers.map((issue) => issue.id),
  };
}

/** One search hit of `sase bead search -f json`: the row and the fields that matched. */
export type BeadHitWire = BeadRowWire & { matched_fields: string[] };

/** Search hits in wire form. */
export function beadHitsWire(hits: readonly SearchHit[]): BeadHitWire[] {
  return hits.map((hit) => ({ ...issueToRow(hit.issue), matched_fields: hit.matchedFields }));
}

/** `sase bead stats -j`. */
export interface BeadStatsWire {
  total: number;
  open: number;
  claimed: number;
  in_progress: number;
  ready: number;
  snoozed: number;
  closed: number;
  other_status: number;
  plan: number;
  phase: number;
  task: number;
  epic: number;
  legend: number;
}

/** Store counts in wire form. */
export function beadStatsWire(stats: BeadStats): BeadStatsWire {
  return {
    total: stats.total,
    open: stats.open,
    claimed: stats.claimed,
    in_progress: stats.inProgress,
    ready: stats.ready,
    snoozed: stats.snoozed,
    closed: stats.closed,
    other_status: stats.otherStatus,
    plan: stats.plan,
    phase: stats.phase,
    task: stats.task,
    epic: stats.epic,
    legend: stats.legend,
  };
}

/** `sase bead init -j`. */
export interface BeadInitWire {
  dir: string;
  prefix: string;
  /** Files created. */
  created: string[];
  /** A legacy `issues.jsonl` was migrated into event streams. */
  migrated: boolean;
}

/** An init in wire form. */
export function beadInitWire(init: BeadInit): BeadInitWire {
  return {
    dir: init.dir,
    prefix: init.result.config.issue_prefix,
    created: init.result.created,
    migrated: init.result.migrated,
  };
}

/** `sase bead sync --status -j`. */
export interface BeadSyncStatusWire {
  unstaged: string[];
}

/** The unstaged bead paths in wire form. */
export function beadSyncStatusWire(unstaged: string[]): BeadSyncStatusWire {
  return { unstaged };
}

/** `sase bead sync -j`. */
export interface BeadSyncWire {
  beads: number;
  staged: boolean;
}

/** A sync in wire form. */
export function beadSyncWire(sync: BeadSync): BeadSyncWire {
  return { beads: sync.beads, staged: sync.staged };
}

/** What `sase bead doctor --fix` repaired, on the wire. */
export interface BeadFixWire {
  relocations: { old_id: string; new_id: string; file: string }[];
  removed_torn_lines: number;
  removed_temp_files: string[];
  skipped_streams: string[];
  kept_projection: boolean;
}

/** `sase bead doctor -j` (with `fix` after `--fix`). */
export interface BeadDoctorWire {
  findings: DoctorReport["findings"];
  messages: string[];
  ok: boolean;
  fix?: BeadFixWire;
}

function beadFixWire(fixed: FixResult): BeadFixWire {
  return {
    relocations: fixed.relocations.map((relocation) => ({
      old_id: relocation.oldId,
      new_id: relocation.newId,
      file: relocation.file,
    })),
    removed_torn_lines: fixed.removedTornLines,
    removed_temp_files: fixed.removedTempFiles,
    skipped_streams: fixed.skippedStreams,
    kept_projection: fixed.keptProjection !== undefined,
  };
}

/** A doctor run in wire form. */
export function beadDoctorWire(doctor: BeadDoctor): BeadDoctorWire {
  return {
    findings: doctor.report.findings,
    messages: doctor.report.messages,
    ok: doctor.report.ok,
    ...(doctor.fixed ? { fix: beadFixWire(doctor.fixed) } : {}),
  };
}

/** `sase bead create -j`. */
export interface BeadCreatedWire {
  id: string;
}

/** A created bead in wire form. */
export function beadCreatedWire(id: string): BeadCreatedWire {
  return { id };
}

/** `sase bead update -j`. */
export interface BeadUpdatedWire {
  id: string;
  updated: true;
}

/** An update in wire form. */
export function beadUpdatedWire(id: string): BeadUpdatedWire {
  return { id, updated: true };
}

/** `sase bead open -j`. */
export interface BeadReopenedWire {
  id: string;
  status: "open";
}

/** A reopened bead in wire form. */
export function beadReopenedWire(id: string): BeadReopenedWire {
  return { id, status: "open" };
}

/** `sase bead close -j`: the ids that were open and are now closed. */
export interface BeadClosedWire {
  closed: string[];
}

/** Closed beads in wire form. */
export function beadClosedWire(closed: string[]): BeadClosedWire {
  return { closed };
}

/** `sase bead rm -j`. */
export interface BeadRemovedWire {
  removed: string[];
}

/** Removed beads in wire form. */
export function beadRemovedWire(removed: string[]): BeadRemovedWire {
  return { removed };
}

/** `sase bead dep add -j`. */
export interface BeadDependencyWire {
  issue_id: string;
  depends_on_id: string;
  /** False when the dependency already existed. */
  added: boolean;
}

/** A dependency in wire form. */
export function beadDependencyWire(
  issue: string,
  dependsOn: string,
  added: boolean,
): BeadDependencyWire {
  return { issue_id: issue, depends_on_id: dependsOn, added };
}
