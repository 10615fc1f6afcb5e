/**
 * The JSON shapes (`-j/--json`) of the ChangeSpec VCS operations: revert,
 * restore, archive, sync, rebase, rewind, rename, reword, mail and
 * sync-deltas. snake_case keys, nulls never omitted.
 *
 * @module
 */

import {
  CHANGESPEC_WIRE_VERSION,
  type DeltaWire,
  deltaWire,
  type StatusChangeWire,
  statusChangeWire,
} from "../wire.ts";
import type { ArchiveResult } from "./archive.ts";
import type { DeltasRefresh, SyncDeltasResult } from "./deltas.ts";
import type { MailResult } from "./mail.ts";
import type { RebaseResult } from "./rebase.ts";
import type { RenameResult } from "./rename.ts";
import type { RestorableSpec, RestoreResult } from "./restore.ts";
import type { RevertResult } from "./revert.ts";
import type { RewindResult } from "./rewind.ts";
import type { RewordResult } from "./reword.ts";
import type { SyncResult } from "./sync.ts";

/** A best-effort DELTAS refresh in wire form. */
export interface DeltasRefreshWire {
  refreshed: boolean;
  deltas: DeltaWire[] | null;
  error: string | null;
}

/** A DELTAS refresh in wire form. */
export function deltasRefreshWire(refresh: DeltasRefresh): DeltasRefreshWire {
  return {
    refreshed: refresh.refreshed,
    deltas: refresh.deltas?.map(deltaWire) ?? null,
    error: refresh.error,
  };
}

/** `sase revert -j`. */
export interface RevertWire {
  schema_version: number;
  name: string;
  project: string;
  revision: string;
  diff_path: string;
  left_for: string | null;
  status: StatusChangeWire;
}

/** A revert in wire form. */
export function revertWire(result: RevertResult): RevertWire {
  return {
    schema_version: CHANGESPEC_WIRE_VERSION,
    name: result.name,
    project: result.project,
    revision: result.revision,
    diff_path: result.diffPath,
    left_for: result.leftFor,
    status: statusChangeWire(result.status),
  };
}

/** `sase restore -j`. */
export interface RestoreWire {
  schema_version: number;
  name: string;
  project: string;
  diff_path: string;
  diff_kind: RestoreResult["diffKind"];
  base: string;
  pr_url: string | null;
  status: StatusChangeWire;
  deltas: DeltasRefreshWire;
}

/** A restore in wire form. */
export function restoreWire(result: RestoreResult): RestoreWire {
  return {
    schema_version: CHANGESPEC_WIRE_VERSION,
    name: result.name,
    project: result.project,
    diff_path: result.diffPath,
    diff_kind: result.diffKind,
    base: result.base,
    pr_url: result.prUrl,
    status: statusChangeWire(result.status),
    deltas: deltasRefreshWire(result.deltas),
  };
}

/** `sase restore --list -j`: one reverted spec. */
export interface RestorableWire {
  name: string;
  project: string;
  status: string;
  diff_path: string | null;
}

/** `sase restore --list -j`. */
export interface RestorableListWire {
  schema_version: number;
  reverted: RestorableWire[];
}

/** The reverted specs in wire form. */
export function restorableListWire(specs: readonly RestorableSpec[]): RestorableListWire {
  return {
    schema_version: CHANGESPEC_WIRE_VERSION,
    reverted: specs.map((s) => ({
      name: s.name,
      project: s.project,
      status: s.status,
      diff_path: s.diffPath,
    })),
  };
}

/** `sase changespec archive -j`. */
export interface ArchiveWire {
  schema_version: number;
  name: string;
  project: string;
  revision: string;
  diff_path: string;
  status: StatusChangeWire;
}

/** An archive in wire form. */
export function archiveWire(result: ArchiveResult): ArchiveWire {
  return {
    schema_version: CHANGESPEC_WIRE_VERSION,
    name: result.name,
    project: result.project,
    revision: result.revision,
    diff_path: result.diffPath,
    status: statusChangeWire(result.status),
  };
}

/** `sase changespec sync -j`. */
export interface SyncWire {
  schema_version: number;
  name: string;
  project: string;
  revision: string;
  deltas: DeltasRefreshWire;
}

/** A sync in wire form. */
export function syncWire(result: SyncResult): SyncWire {
  return {
    schema_version: CHANGESPEC_WIRE_VERSION,
    name: result.name,
    project: result.project,
    revision: result.revision,
    deltas: deltasRefreshWire(result.deltas),
  };
}

/** `sase changespec rebase -j`. */
export interface RebaseWire {
  schema_version: number;
  name: string;
  project: string;
  old_parent: string | null;
  new_parent: string | null;
  onto: string;
  deltas: DeltasRefreshWire;
}

/** A rebase in wire form. */
export function rebaseWire(result: RebaseResult): RebaseWire {
  return {
    schema_version: CHANGESPEC_WIRE_VERSION,
    name: result.name,
    project: result.project,
    old_parent: result.oldParent,
    new_parent: result.newParent,
    onto: result.onto,
    deltas: deltasRefreshWire(result.deltas),
  };
}

/** `sase changespec rewind -j`. */
export interface RewindWire {
  schema_version: number;
  name: string;
  project: string;
  entry: number;
  undone_diffs: string[];
  proposal_id: string;
  removed_entries: string[];
  deltas: DeltasRefreshWire;
}

/** A rewind in wire form. */
export function rewindWire(result: RewindResult): RewindWire {
  return {
    schema_version: CHANGESPEC_WIRE_VERSION,
    name: result.name,
    project: result.project,
    entry: result.entry,
    undone_diffs: result.undone,
    proposal_id: result.proposalId,
    removed_entries: result.removed,
    deltas: deltasRefreshWire(result.deltas),
  };
}

/** `sase changespec rename -j`. */
export interface RenameWire {
  schema_version: number;
  project: string;
  old_name: string;
  new_name: string;
  branch_action: RenameResult["branchAction"];
  branch: string | null;
}

/** A rename in wire form. */
export function renameWire(result: RenameResult): RenameWire {
  return {
    schema_version: CHANGESPEC_WIRE_VERSION,
    project: result.project,
    old_name: result.oldName,
    new_name: result.newName,
    branch_action: result.branchAction,
    branch: result.branch,
  };
}

/** `sase changespec reword -j`. */
export interface RewordWire {
  schema_version: number;
  name: string;
  project: string;
  revision: string;
  description: string | null;
  tag: string | null;
}

/** A reword in wire form. */
export function rewordWire(result: RewordResult): RewordWire {
  return {
    schema_version: CHANGESPEC_WIRE_VERSION,
    name: result.name,
    project: result.project,
    revision: result.revision,
    description: result.description,
    tag: result.tag,
  };
}

/** `sase changespec mail -j`. */
export interface MailWire {
  schema_version: number;
  name: string;
  project: string;
  revision: string;
  pr_url: string | null;
  pr_stored: boolean;
  status: StatusChangeWire | null;
}

/** A mail in wire form. */
export function mailWire(result: MailResult): MailWire {
  return {
    schema_version: CHANGESPEC_WIRE_VERSION,
    name: result.name,
    project: result.project,
    revision: result.revision,
    pr_url: result.prUrl,
    pr_stored: result.prStored,
    status: result.status === null ? null : statusChangeWire(result.status),
  };
}

/** `sase changespec sync-deltas -j`. */
export interface SyncDeltasWire {
  schema_version: number;
  name: string;
  project: string;
  project_file: string;
  deltas: DeltaWire[];
}

/** A DELTAS sync in wire form. */
export function syncDeltasWire(result: SyncDeltasResult): SyncDeltasWire {
  return {
    schema_version: CHANGESPEC_WIRE_VERSION,
    name: result.name,
    project: result.project,
    project_file: result.projectFile,
    deltas: result.deltas.map(deltaWire),
  };
}
