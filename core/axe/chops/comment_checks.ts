/**
 * `comment_checks` (handbook 5.4.4, the `comments` lumberjack): for each
 * Mailed ChangeSpec with a change (PR) whose VCS provider can fetch
 * reviewer comments, starts that fetch as a background check
 * (`../checks.ts`; GitHub: `gh pr view <PR> --json comments,reviews`),
 * whose result `pending_checks_poll` reads. A check starts only when none
 * is pending for the spec and its `[critique]` COMMENTS entry is absent or
 * carries a suffix other than a running workflow's start time (an entry
 * without a suffix holds comments nobody has handled yet).
 *
 * @module
 */

import { baseStatus } from "../../changespec/status.ts";
import type { ChangeSpec } from "../../changespec/types.ts";
import { saseTimestamp } from "../../time.ts";
import { listChecks, safeCheckName, startCheck } from "../checks.ts";
import { commentSuffixTime } from "./comment_zombie_checks.ts";
import { projectVcsProviders } from "./project_workspaces.ts";
import type { BuiltinChop } from "./registry.ts";

/** The COMMENTS reviewer the fetched comments are filed under. */
export const REVIEWER = "critique";

/** Whether `spec`'s comments may be fetched again (see the module doc). */
export function wantsCommentCheck(spec: ChangeSpec): boolean {
  const entry = spec.comments.find((comment) => comment.reviewer === REVIEWER);
  if (!entry) return true;
  return entry.suffix !== null && commentSuffixTime(entry.suffix) === null;
}

const commentChecks: BuiltinChop = async (context) => {
  const { app } = context;
  const { filtered } = await context.changeSpecs();
  const mailed = filtered.filter((spec) => baseStatus(spec.status) === "Mailed" && spec.pr);
  const pending = new Set(
    (await listChecks(app.env)).filter((check) => check.type === "reviewer_comments")
      .map((check) => check.safeName),
  );
  const providerOf = projectVcsProviders(app);
  const started: string[] = [];
  const errors: string[] = [];
  let unsupported = 0;
  for (const spec of mailed as (ChangeSpec & { pr: string })[]) {
    if (pending.has(safeCheckName(spec.name)) || !wantsCommentCheck(spec)) continue;
    try {
      const { workspace, provider } = await providerOf(spec);
      if (!provider.supports("reviewCommentsCheck")) {
        unsupported++;
        continue;
      }
      const check = provider.reviewCommentsCheck(spec.pr);
      const now = saseTimestamp(app.now());
      await startCheck(app.env, spec.name, "reviewer_comments", now, check.argv, workspace);
      started.push(spec.name);
    } catch (error) {
      errors.push(`${spec.name}: ${error instanceof Error ? error.message : error}`);
    }
  }
  await context.log(
    `comment_checks: changespecs=${filtered.length} mailed=${mailed.length} ` +
      `started=${started.length} unsupported_provider=${unsupported} errors=${errors.length}`,
  );
  if (started.length === 0 && errors.length === 0) {
    await context.log(
      `no-op: ${mailed.length === 0 ? "no Mailed ChangeSpec with a PR" : "no comment check due"}`,
    );
  }
  for (const name of started.slice(0, 10)) await context.log(`started reviewer_comments ${name}`);
  for (const line of errors.slice(0, 10)) await context.log(`error: ${line}`);
  if (errors.length > 0) throw new Error(`${errors.length} ChangeSpec(s) could not be checked`);
};

/** The chops of this module. */
export const chops: Record<string, BuiltinChop> = { comment_checks: commentChecks };
