/**
 * What a plain query string searches: one text per ChangeSpec built from
 * its name, description, status, project, refs, parent, PR, commit notes,
 * hook commands and the suffixes of hooks, comments and mentors.
 *
 * @module
 */

import { projectDirName } from "../changespec/paths.ts";
import type { ChangeSpec, SuffixType } from "../changespec/types.ts";

/** Substring that marks a running agent in searchable text. */
export const RUNNING_AGENT_MARKER = "- (@";
/** Substring that marks a running process in searchable text. */
export const RUNNING_PROCESS_MARKER = "- ($: ";

/** Project identity for `project:`: display name, else the file's directory. */
export function queryProjectName(spec: ChangeSpec): string {
  return spec.projectDisplayName ?? projectDirName(spec.filePath);
}

function suffixText(type: SuffixType | null, suffix: string | null, mentor = false): string | null {
  const value = suffix ?? "";
  if (type === "running_agent") return value === "" ? "- (@)" : `- (@: ${value})`;
  if (!mentor && type === "running_process") return `- ($: ${value})`;
  if (!mentor && type === "killed_process") return `- (~$: ${value})`;
  if (type === null || value === "") return null;
  return type === "error" ? `(!: ${value})` : `(${value})`;
}

/** Build the searchable text of `spec`. */
export function searchableText(spec: ChangeSpec): string {
  const parts: string[] = [spec.name, spec.description, spec.status, projectDirName(spec.filePath)];
  parts.push(...spec.refs);
  if (spec.parent !== null) parts.push(spec.parent);
  if (spec.pr !== null) parts.push(spec.pr);
  for (const commit of spec.commits) {
    parts.push(commit.note);
    if (commit.suffix !== null) {
      parts.push(commit.suffixType === "error" ? `(!: ${commit.suffix})` : `(${commit.suffix})`);
    }
  }
  for (const hook of spec.hooks) {
    parts.push(hook.command.replace(/^[!$]+/, ""));
    for (const line of hook.statusLines) {
      const text = suffixText(line.suffixType, line.suffix);
      if (text !== null) parts.push(text);
    }
  }
  for (const comment of spec.comments) {
    parts.push(comment.reviewer, comment.filePath);
    const text = suffixText(comment.suffixType, comment.suffix);
    if (text !== null) parts.push(text);
  }
  for (const mentor of spec.mentors) {
    for (const line of mentor.statusLines) {
      const text = suffixText(line.suffixType, line.suffix, true);
      if (text !== null) parts.push(text);
    }
  }
  return parts.join("\n");
}
