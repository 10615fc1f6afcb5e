/**
 * `pending_checks_poll` (handbook 5.4.1, the `hooks` lumberjack): reads the
 * background checks that have finished (`../checks.ts`) and applies them.
 * A reviewer-comments check that found comments saves them to
 * `~/.sase/comments/<name>-critique-<ts>.json` and adds the spec's
 * `[critique] <file>` COMMENTS entry (when it has none); one that found
 * none removes a `[critique]` entry nobody is working on (no suffix, or a
 * plain one). A failed check is logged. Finished checks are removed, and so
 * are checks pending past the orphan age (their process is gone).
 *
 * @module
 */

import { join } from "../../fs/path.ts";
import { homeDir, saseHome } from "../../config/paths.ts";
import { atomicWriteTextFile } from "../../fs/atomic_write.ts";
import { editorHolding, projectRefOfFile } from "../../changespec/store.ts";
import { formatCommentsBlock } from "../../changespec/format.ts";
import type { ChangeSpec, CommentEntry } from "../../changespec/types.ts";
import type { ReviewComment } from "../../vcs/provider.ts";
import { saseTimestamp } from "../../time.ts";
import { checkResult, isOrphan, listChecks, removeCheck, safeCheckName } from "../checks.ts";
import { REVIEWER } from "./comment_checks.ts";
import { projectVcsProviders } from "./project_workspaces.ts";
import type { BuiltinChop, BuiltinChopContext } from "./registry.ts";

/** `path` with the home directory written `~` (as COMMENTS entries show it). */
function homeRelative(path: string, home: string): string {
  return path.startsWith(`${home}/`) ? `~${path.slice(home.length)}` : path;
}

/** Save `comments` for `spec`; resolves to the file's path. */
async function saveComments(
  context: BuiltinChopContext,
  spec: ChangeSpec,
  comments: ReviewComment[],
): Promise<string> {
  const dir = join(saseHome(context.app.env), "comments");
  await Deno.mkdir(dir, { recursive: true });
  const path = join(dir, `${spec.name}-${REVIEWER}-${saseTimestamp(context.app.now())}.json`);
  const wire = comments.map((comment) => ({
    author: comment.author,
    body: comment.body,
    path: comment.path,
    line: comment.line,
    url: comment.url,
  }));
  await atomicWriteTextFile(
    path,
    `${JSON.stringify({ change: spec.pr, comments: wire }, null, 2)}\n`,
  );
  return path;
}

/** Rewrite `spec`'s COMMENTS through `change` (under the ProjectSpec lock). */
async function updateComments(
  context: BuiltinChopContext,
  spec: ChangeSpec,
  change: (comments: CommentEntry[]) => CommentEntry[] | null,
): Promise<boolean> {
  return await context.store.mutate(projectRefOfFile(spec.filePath), (editors) => {
    const editor = editorHolding(editors, spec.name);
    const next = change(editor.spec(spec.name).comments);
    if (next === null) return false;
    editor.replaceBlock(spec.name, "COMMENTS", formatCommentsBlock(next));
    return true;
  });
}

/** Apply a finished reviewer-comments check's comments to `spec`; resolves to what changed. */
async function applyComments(
  context: BuiltinChopContext,
  spec: ChangeSpec,
  comments: ReviewComment[],
): Promise<string | null> {
  const isCritique = (entry: CommentEntry) => entry.reviewer === REVIEWER;
  if (comments.length > 0) {
    if (spec.comments.some(isCritique)) return null;
    const file = homeRelative(
      await saveComments(context, spec, comments),
      homeDir(context.app.env),
    );
    const added = await updateComments(
      context,
      spec,
      (current) =>
        current.some(isCritique)
          ? null
          : [...current, { reviewer: REVIEWER, filePath: file, suffix: null, suffixType: null }],
    );
    return added
      ? `${spec.name}: added [${REVIEWER}] ${file} (${comments.length} comment(s))`
      : null;
  }
  const idle = (entry: CommentEntry) =>
    isCritique(entry) && (entry.suffix === null || entry.suffixType === null);
  if (!spec.comments.some(idle)) return null;
  const removed = await updateComments(
    context,
    spec,
    (current) => current.some(idle) ? current.filter((entry) => !idle(entry)) : null,
  );
  return removed ? `${spec.name}: removed [${REVIEWER}] (no comments)` : null;
}

const pendingChecksPoll: BuiltinChop = async (context) => {
  const { app } = context;
  const checks = await listChecks(app.env);
  if (checks.length === 0) {
    await context.log("pending_checks_poll: checks=0 completed=0 updates=0 errors=0 reaped=0");
    await context.log("no-op: no background check");
    return;
  }
  const { filtered } = await context.changeSpecs();
  const bySafeName = new Map(filtered.map((spec) => [safeCheckName(spec.name), spec]));
  const providerOf = projectVcsProviders(app);
  const updates: string[] = [];
  const errors: string[] = [];
  let completed = 0;
  let reaped = 0;
  for (const check of checks) {
    const result = await checkResult(check);
    if (result === null) {
      if (await isOrphan(check, app.now())) {
        await removeCheck(check);
        reaped++;
      }
      continue;
    }
    const spec = bySafeName.get(check.safeName);
    if (!spec) continue;
    completed++;
    try {
      if (result.exitCode !== 0) {
        const said = result.stderr.trim().split("\n").at(-1)?.slice(0, 200) ?? "";
        throw new Error(`${check.type} check exited ${result.exitCode}${said ? `: ${said}` : ""}`);
      }
      if (!spec.pr) throw new Error("no longer has a PR");
      const { provider } = await providerOf(spec);
      const comments = provider.reviewCommentsCheck(spec.pr).parse(result.stdout);
      const update = await applyComments(context, spec, comments);
      if (update) updates.push(update);
    } catch (error) {
      errors.push(`${spec.name}: ${error instanceof Error ? error.message : error}`);
    }
    await removeCheck(check);
  }
  await context.log(
    `pending_checks_poll: checks=${checks.length} completed=${completed} ` +
      `updates=${updates.length} errors=${errors.length} reaped=${reaped}`,
  );
  if (completed === 0 && reaped === 0) await context.log("no-op: no finished check");
  for (const line of updates.slice(0, 10)) await context.log(line);
  for (const line of errors.slice(0, 10)) await context.log(`error: ${line}`);
};

/** The chops of this module. */
export const chops: Record<string, BuiltinChop> = { pending_checks_poll: pendingChecksPoll };
