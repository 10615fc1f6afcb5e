/**
 * JSON wire form of a ChangeSpec (`-j` output, gateway, library callers):
 * snake_case keys, nulls never omitted, empty lists kept.
 *
 * @module
 */

import { baseStatus } from "./status.ts";
import type { ChangeSpec } from "./types.ts";

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
  deltas: Array<Record<string, unknown>> | null;
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
    deltas: spec.deltas?.map((d) => ({
      path: d.path,
      change_type: d.changeType,
      lines: d.lines,
    })) ?? null,
    extra_fields: spec.extraFields,
    file_path: spec.filePath,
    source_span: { start_line: spec.span.startLine, end_line: spec.span.endLine },
  };
}
