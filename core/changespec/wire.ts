/**
 * The wire format of ChangeSpecs and projects (`sase changespec ... -j`,
 * `sase project ... -j`, the gateway, library callers): snake_case keys,
 * nulls never omitted, empty lists kept.
 *
 * @module
 */

import type { MigrationAction } from "./migrate.ts";
import type { ProjectInfo } from "./project.ts";
import type { ChangeSpecSearch } from "./read.ts";
import { baseStatus } from "./status.ts";
import type { StatusChangeResult } from "./transition.ts";
import type { ChangeSpec, DeltaEntry, ProjectState } from "./types.ts";

/** Version of {@linkcode ChangeSpecWire}; bump on incompatible change. */
export const CHANGESPEC_WIRE_VERSION = 1;

/** The JSON shape of one ChangeSpec. */
export interface ChangeSpecWire {
  name: string;
  project: string;
  project_display_name: string | null;
  status: string;
  base_status: string;
  description: string;
  parent: string | null;
  pr_url: string | null;
  pr_origin: string;
  bug: string | null;
  refs: string[];
  commits: Array<Record<string, unknown>>;
  hooks: Array<Record<string, unknown>>;
  comments: Array<Record<string, unknown>>;
  mentors: Array<Record<string, unknown>>;
  timestamps: Array<Record<string, unknown>>;
  deltas: DeltaWire[] | null;
  extra_fields: Record<string, string>;
  file_path: string;
  source_span: { start_line: number; end_line: number };
}

/** Convert a ChangeSpec to its wire form. */
export function toWire(spec: ChangeSpec): ChangeSpecWire {
  return {
    name: spec.name,
    project: spec.projectBasename,
    project_display_name: spec.projectDisplayName,
    status: spec.status,
    base_status: baseStatus(spec.status),
    description: spec.description,
    parent: spec.parent,
    pr_url: spec.pr,
    pr_origin: spec.prOrigin,
    bug: spec.bug,
    refs: spec.refs,
    commits: spec.commits.map((c) => ({
      number: c.number,
      proposal_letter: c.proposalLetter,
      note: c.note,
      body: c.body,
      chat: c.chat,
      diff: c.diff,
      plan: c.plan,
      suffix: c.suffix,
      suffix_type: c.suffixType,
    })),
    hooks: spec.hooks.map((h) => ({
      command: h.command,
      status_lines: h.statusLines.map((l) => ({
        commit_entry_num: l.commitEntryNum,
        timestamp: l.timestamp,
        status: l.status,
        duration: l.duration,
        suffix: l.suffix,
        suffix_type: l.suffixType,
        summary: l.summary,
      })),
    })),
    comments: spec.comments.map((c) => ({
      reviewer: c.reviewer,
      file_path: c.filePath,
      suffix: c.suffix,
      suffix_type: c.suffixType,
    })),
    mentors: spec.mentors.map((m) => ({
      entry_id: m.entryId,
      profiles: m.profiles,
      is_draft: m.isDraft,
      status_lines: m.statusLines.map((l) => ({
        profile_name: l.profileName,
        mentor_name: l.mentorName,
        status: l.status,
        timestamp: l.timestamp,
        duration: l.duration,
        suffix: l.suffix,
        suffix_type: l.suffixType,
      })),
    })),
    timestamps: spec.timestamps.map((t) => ({
      timestamp: t.timestamp,
      event_type: t.eventType,
      detail: t.detail,
    })),
    deltas: spec.deltas?.map(deltaWire) ?? null,
    extra_fields: spec.extraFields,
    file_path: spec.filePath,
    source_span: { start_line: spec.span.startLine, end_line: spec.span.endLine },
  };
}

/** One DELTAS entry in wire form. */
export interface DeltaWire {
  path: string;
  change_type: DeltaEntry["changeType"];
  lines: DeltaEntry["lines"];
}

/** A DELTAS entry in wire form. */
export function deltaWire(delta: DeltaEntry): DeltaWire {
  return { path: delta.path, change_type: delta.changeType, lines: delta.lines };
}

/** `sase changespec search -j`: the query, how it was understood, and the matches. */
export interface ChangeSpecSearchWire {
  schema_version: number;
  query: string;
  canonical: string;
  count: number;
  changespecs: ChangeSpecWire[];
}

/** A search in wire form. */
export function changeSpecSearchWire(search: ChangeSpecSearch): ChangeSpecSearchWire {
  return {
    schema_version: CHANGESPEC_WIRE_VERSION,
    query: search.query,
    canonical: search.canonical,
    count: search.matches.length,
    changespecs: search.matches.map(toWire),
  };
}

/**
 * `sase changespec search -j` as text, in parts, for writing a search too
 * large to hold as one document: `head`, then the items of
 * {@linkcode searchDocumentItem} joined by `separator`, then `tail` (or
 * `empty` alone when nothing matched). The parts joined are exactly
 * `JSON.stringify(changeSpecSearchWire(search), null, 2)` plus a newline.
 */
export interface SearchDocumentFrame {
  head: string;
  separator: string;
  tail: string;
  empty: string;
}

/** The frame of a search document for `query` with `count` matches. */
export function searchDocumentFrame(
  query: string,
  canonical: string,
  count: number,
): SearchDocumentFrame {
  const wire = { schema_version: CHANGESPEC_WIRE_VERSION, query, canonical, count };
  // JSON.stringify lays the document out; a placeholder item marks where the items go.
  const [head, tail] = JSON.stringify({ ...wire, changespecs: [0] }, null, 2)
    .split(`\n${ITEM_INDENT}0\n`);
  return {
    head: `${head}\n`,
    separator: ",\n",
    tail: `\n${tail}\n`,
    empty: `${JSON.stringify({ ...wire, changespecs: [] }, null, 2)}\n`,
  };
}

/** How deep a ChangeSpec sits in the search document (inside `changespecs`). */
const ITEM_INDENT = "    ";

/** One ChangeSpec laid out as an item of the search document (see {@linkcode searchDocumentFrame}). */
export function searchDocumentItem(spec: ChangeSpec): string {
  return ITEM_INDENT + JSON.stringify(toWire(spec), null, 2).replaceAll("\n", `\n${ITEM_INDENT}`);
}

/** `sase changespec search -j` when the query does not parse. */
export interface QueryErrorWire {
  schema_version: number;
  query: string;
  error: { message: string; position: number };
}

/** A query syntax error in wire form. */
export function queryErrorWire(
  query: string,
  error: { message: string; position: number },
): QueryErrorWire {
  return {
    schema_version: CHANGESPEC_WIRE_VERSION,
    query,
    error: { message: error.message, position: error.position },
  };
}

/** One ChangeSpec with the wire version (`sase changespec show|current -j`). */
export interface ChangeSpecDocumentWire {
  schema_version: number;
  changespec: ChangeSpecWire;
}

/** `spec` as a versioned document. */
export function changeSpecDocumentWire(spec: ChangeSpec): ChangeSpecDocumentWire {
  return { schema_version: CHANGESPEC_WIRE_VERSION, changespec: toWire(spec) };
}

/** What a status change did (`sase changespec set-status -j`). */
export interface StatusChangeWire {
  schema_version: number;
  project: string;
  old_name: string;
  new_name: string;
  old_status: string;
  new_status: string;
  archive: StatusChangeResult["archived"];
  reverted: string[];
}

/** A status change in wire form. */
export function statusChangeWire(result: StatusChangeResult): StatusChangeWire {
  return {
    schema_version: CHANGESPEC_WIRE_VERSION,
    project: result.project,
    old_name: result.oldName,
    new_name: result.newName,
    old_status: result.oldStatus,
    new_status: result.newStatus,
    archive: result.archived,
    reverted: result.reverted,
  };
}

/** What `.gp` → `.sase` migration did (`sase changespec migrate-extension -j`). */
export interface MigrationWire {
  schema_version: 1;
  projects_dir: string;
  actions: MigrationAction[];
}

/** A migration in wire form. */
export function migrationWire(projectsDir: string, actions: MigrationAction[]): MigrationWire {
  return { schema_version: 1, projects_dir: projectsDir, actions };
}

/** One project (`sase project list|show -j`). */
export interface ProjectWire {
  name: string;
  state: ProjectState;
  raw_state: string | null;
  display_name: string | null;
  project_file: string;
  archive_file: string;
  legacy_extension: boolean;
  workspace_dir: string | null;
  bare_repo_dir: string | null;
  aliases: string[];
  running: ProjectInfo["running"];
  changespec_count: number;
  archived_count: number;
  launchable: boolean;
  /** `file:line: message` per parse warning. */
  warnings: string[];
}

/** A project in wire form. */
export function projectWire(info: ProjectInfo): ProjectWire {
  return {
    name: info.name,
    state: info.state,
    raw_state: info.rawState,
    display_name: info.displayName,
    project_file: info.activePath,
    archive_file: info.archivePath,
    legacy_extension: info.legacyExtension,
    workspace_dir: info.workspaceDir,
    bare_repo_dir: info.bareRepoDir,
    aliases: info.aliases,
    running: info.running,
    changespec_count: info.changespecCount,
    archived_count: info.archivedCount,
    launchable: info.launchable,
    warnings: info.warnings.map((w) => `${w.file}:${w.line}: ${w.message}`),
  };
}

/** `sase project list -j`: the state asked for and the projects in it. */
export interface ProjectListWire {
  schema_version: 1;
  state: string;
  projects: ProjectWire[];
}

/** A project listing in wire form; `state` is the filter as given (`all` included). */
export function projectListWire(state: string, projects: readonly ProjectInfo[]): ProjectListWire {
  return { schema_version: 1, state, projects: projects.map(projectWire) };
}

/** `sase project show -j`. */
export interface ProjectDocumentWire {
  schema_version: 1;
  project: ProjectWire;
}

/** One project as a versioned document. */
export function projectDocumentWire(info: ProjectInfo): ProjectDocumentWire {
  return { schema_version: 1, project: projectWire(info) };
}

/** A lifecycle change (`sase project set-state -j`). */
export interface ProjectStateWire {
  schema_version: 1;
  project: string;
  previous: ProjectState;
  state: ProjectState;
}

/** A lifecycle change in wire form. */
export function projectStateWire(
  change: { project: string; previous: ProjectState; state: ProjectState },
): ProjectStateWire {
  return {
    schema_version: 1,
    project: change.project,
    previous: change.previous,
    state: change.state,
  };
}

/** `sase project alias list -j`. */
export interface AliasListWire {
  schema_version: 1;
  projects: { project: string; aliases: string[] }[];
}

/** Alias rows in wire form. */
export function aliasListWire(
  rows: readonly { project: string; aliases: string[] }[],
): AliasListWire {
  return {
    schema_version: 1,
    projects: rows.map((row) => ({ project: row.project, aliases: row.aliases })),
  };
}
