/**
 * `suffix_transforms` (handbook 5.4.1): once a newer regular COMMITS entry
 * exists, the attention markers of older entries are settled, and a
 * ChangeSpec that reached a terminal status keeps no live markers:
 *
 * - an older proposal's COMMITS error suffix (`(2a) ... - (!: NEW
 *   PROPOSAL)` once (3) exists) is removed;
 * - an older entry's hook error marker `(!: msg)` becomes plain `(msg)`;
 * - for Submitted, Reverted or Archived specs: COMMITS error and
 *   running-agent suffixes are removed, HOOKS and MENTORS running agents
 *   become killed (`(~@: ...)`), HOOKS errors plain, and COMMENTS error or
 *   running-agent suffixes are cleared.
 *
 * Each spec is rewritten once, under the ProjectSpec lock, from a fresh
 * read; COMMITS lines are edited in place so their bytes stay otherwise.
 *
 * @module
 */

import { editorHolding, projectRefOfFile } from "../../changespec/store.ts";
import {
  formatCommentsBlock,
  formatHooksBlock,
  formatMentorsBlock,
} from "../../changespec/format.ts";
import { baseStatus } from "../../changespec/status.ts";
import type { ChangeSpec, SuffixType } from "../../changespec/types.ts";
import type { ProjectSpecEditor } from "../../changespec/edit.ts";
import type { BuiltinChop } from "./registry.ts";

const TERMINAL = new Set(["Submitted", "Reverted", "Archived"]);
/** An entry line with a suffix: the line without it, and the entry id. */
const COMMIT_LINE = /^(\s+\((\d+[a-z]?)\) .*?) - \([^)]*\)\s*$/;

function newestRegular(spec: ChangeSpec): number {
  return Math.max(0, ...spec.commits.filter((c) => c.proposalLetter === null).map((c) => c.number));
}

/** What would change in `spec` (messages), applied to `editor` when given. */
function transform(spec: ChangeSpec, editor: ProjectSpecEditor | null): string[] {
  const updates: string[] = [];
  const newest = newestRegular(spec);
  const terminal = TERMINAL.has(baseStatus(spec.status));
  const cleared = new Set(
    spec.commits.filter((c) =>
      (c.suffixType === "error" && c.proposalLetter !== null && c.number < newest) ||
      (terminal && (c.suffixType === "error" || c.suffixType === "running_agent"))
    ).map((c) => `${c.number}${c.proposalLetter ?? ""}`),
  );
  for (const id of cleared) updates.push(`cleared COMMITS (${id}) suffix`);
  const commits = cleared.size && editor ? editor.blockLines(spec.name, "COMMITS") : null;
  if (editor && commits) {
    editor.replaceBlock(
      spec.name,
      "COMMITS",
      commits.map((line) => {
        const match = COMMIT_LINE.exec(line);
        return match && cleared.has(match[2]) ? match[1] : line;
      }),
    );
  }

  let hooksChanged = false;
  const hooks = spec.hooks.map((hook) => ({
    ...hook,
    statusLines: hook.statusLines.map((line) => {
      const older = parseInt(line.commitEntryNum, 10) < newest;
      let type: SuffixType | null = line.suffixType;
      if (line.suffixType === "error" && line.suffix && (older || terminal)) type = "plain";
      else if (line.suffixType === "running_agent" && line.suffix !== null && terminal) {
        type = "killed_agent";
      }
      if (type === line.suffixType) return line;
      hooksChanged = true;
      updates.push(
        `HOOK '${hook.command}' (${line.commitEntryNum}): ${line.suffixType} -> ${type}`,
      );
      return { ...line, suffixType: type };
    }),
  }));
  if (editor && hooksChanged) editor.replaceBlock(spec.name, "HOOKS", formatHooksBlock(hooks));

  if (!terminal) return updates;
  let commentsChanged = false;
  const comments = spec.comments.map((entry) => {
    const live = (entry.suffixType === "running_agent" && entry.suffix !== null) ||
      (entry.suffixType === "error" && entry.suffix);
    if (!live) return entry;
    commentsChanged = true;
    updates.push(`cleared COMMENT [${entry.reviewer}] suffix`);
    return { ...entry, suffix: null, suffixType: null };
  });
  if (editor && commentsChanged) {
    editor.replaceBlock(spec.name, "COMMENTS", formatCommentsBlock(comments));
  }
  let mentorsChanged = false;
  const mentors = spec.mentors.map((entry) => ({
    ...entry,
    statusLines: entry.statusLines.map((line) => {
      if (line.suffixType !== "running_agent" || line.suffix === null) return line;
      mentorsChanged = true;
      updates.push(`MENTOR ${line.profileName}:${line.mentorName} (${entry.entryId}) -> killed`);
      return { ...line, suffixType: "killed_agent" as const };
    }),
  }));
  if (editor && mentorsChanged) {
    editor.replaceBlock(spec.name, "MENTORS", formatMentorsBlock(mentors));
  }
  return updates;
}

const suffixTransforms: BuiltinChop = async (context) => {
  const { all, filtered } = await context.changeSpecs();
  const log: string[] = [];
  for (const spec of filtered) {
    if (transform(spec, null).length === 0) continue;
    await context.store.mutate(projectRefOfFile(spec.filePath), (editors) => {
      const editor = editorHolding(editors, spec.name);
      const fresh = editor.spec(spec.name);
      log.push(...transform(fresh, editor).map((update) => `${spec.name}: ${update}`));
    });
  }
  await context.log(
    `suffix_transforms: all_changespecs=${all.length} filtered_changespecs=${filtered.length} ` +
      `updates=${log.length}`,
  );
  if (log.length === 0) await context.log("no-op: no stale suffix markers");
  for (const line of log.slice(0, 10)) await context.log(line);
};

/** The chops of this module. */
export const chops: Record<string, BuiltinChop> = { suffix_transforms: suffixTransforms };
