/**
 * `comment_zombie_checks` (handbook 5.4.1): a COMMENTS entry whose suffix
 * is the start time of its review workflow (`YYMMDD_HHMMSS`, or the legacy
 * 12 digits) has been running too long once that time is older than
 * `zombie_timeout_seconds`: the workflow crashed or was killed without
 * finishing. Its suffix becomes `(!: ZOMBIE)`, written under the
 * ProjectSpec lock.
 *
 * @module
 */

import { editorHolding, projectRefOfFile } from "../../changespec/store.ts";
import { formatCommentsBlock } from "../../changespec/format.ts";
import type { CommentEntry } from "../../changespec/types.ts";
import { parseSaseTimestamp } from "../../time.ts";
import type { BuiltinChop } from "./registry.ts";

/** The start time a comment suffix records, or null when it is no timestamp. */
export function commentSuffixTime(suffix: string | null): Date | null {
  if (suffix === null) return null;
  const match = /^(\d{6})_?(\d{6})$/.exec(suffix.trim());
  return match ? parseSaseTimestamp(`${match[1]}_${match[2]}`) ?? null : null;
}

const commentZombieChecks: BuiltinChop = async (context) => {
  const { app, settings } = context;
  const { filtered } = await context.changeSpecs();
  const now = app.now().getTime();
  const stale = (entry: CommentEntry) => {
    const started = commentSuffixTime(entry.suffixType === "error" ? null : entry.suffix);
    return started !== null && (now - started.getTime()) / 1000 > settings.zombieTimeoutSeconds;
  };
  const marked: string[] = [];
  let inspected = 0;
  for (const spec of filtered) {
    inspected += spec.comments.length;
    if (!spec.comments.some(stale)) continue;
    await context.store.mutate(projectRefOfFile(spec.filePath), (editors) => {
      const editor = editorHolding(editors, spec.name);
      const comments = editor.spec(spec.name).comments.map((entry) => {
        if (!stale(entry)) return entry;
        marked.push(`${spec.name}: [${entry.reviewer}] ${entry.filePath}`);
        return { ...entry, suffix: "ZOMBIE", suffixType: "error" as const };
      });
      editor.replaceBlock(spec.name, "COMMENTS", formatCommentsBlock(comments));
    });
  }
  await context.log(
    `comment_zombie_checks: changespecs=${filtered.length} comments=${inspected} zombies=${marked.length}`,
  );
  if (marked.length === 0) {
    await context.log(
      `no-op: ${inspected ? "no comment workflow past the zombie timeout" : "no comments"}`,
    );
  }
  for (const line of marked.slice(0, 10)) await context.log(`ZOMBIE ${line}`);
};

/** The chops of this module. */
export const chops: Record<string, BuiltinChop> = { comment_zombie_checks: commentZombieChecks };
