/**
 * `sase commit`: land the working tree's changes as a tracked commit, a
 * saved proposal or a pull request (handbook 13), and `--resume` a run a
 * merge conflict stopped. The body is in `commit/` and loads when it runs.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import type { AppContext } from "../core/context.ts";
import { collect } from "./shared/options.ts";
import { JSON_FLAG, JSON_HELP } from "./shared/output.ts";

const DETAILS = `
Methods (-t, default $SASE_COMMIT_METHOD, else commit):
  commit   (create_commit)        commit on the current branch, rebase onto origin/<default>,
                                  push; adds a COMMITS entry (N) to the branch's ChangeSpec
  propose  (create_proposal)      save the diff under ~/.sase/diffs/YYYYMM/ and clean the tree
                                  (only the -f files when given); adds a (Na) proposal entry
  pr       (create_pull_request)  branch -n NAME (NAME_1, NAME_2... when taken), commit, push,
                                  open the pull request (GitHub), create its ChangeSpec

-t and SASE_COMMIT_METHOD must agree unless SASE_COMMIT_METHOD_ALLOW_OVERRIDE=1.
SASE_BEAD_ID puts the bead id in the first line (and closes the bead); SASE_PLAN adds PLAN=
and marks the plan done; agents get AGENT= and MACHINE= trailers on commits and PRs.

Exit codes: 0 done, 1 failed (nothing left behind), 2 merge conflict (or a usage error).
After a conflict: resolve the files, git add them, then run this command with --resume.

Examples:
  git init -q -b main demo && cd demo && echo hi > a.txt && sase commit -v git -m "feat: add a.txt"
  git init -q -b main demo && cd demo && git commit -q --allow-empty -m init && echo hi > a.txt && sase commit -v git -t propose -m "wip: try a.txt"`;

/** Register `sase commit`. */
export function register(program: Command, app: AppContext): void {
  program
    .command("commit")
    .description(
      "Commit, propose or open a PR for the working tree's changes, tracked in its ChangeSpec",
    )
    .option("-m, --message <text>", "the commit message (not with -M)")
    .option("-M, --message-file <path>", "read the commit message / PR description from a file")
    .option("-f, --file <path>", "a file to stage (repeatable; none = every change)", collect)
    .option("-n, --name <name>", "branch/ChangeSpec name of a PR (default $SASE_PR_NAME)")
    .option("-B, --bug-id <id>", "bug to associate (default $SASE_BUG_ID; 0 = none)")
    .option(
      "-c, --checkout-target <rev>",
      "PR branch point: the PR diff is <rev>...HEAD after the commit (default HEAD~1)",
    )
    .option("-p, --parent <name>", "parent ChangeSpec NAME of a PR (never a VCS ref)")
    .option("-r, --resume", "finish a run a merge conflict stopped (other flags are ignored)")
    .option("-s, --status <status>", "STATUS of a PR's ChangeSpec: wip, draft or ready")
    .option("-t, --type <method>", "commit, propose or pr (or create_commit, ...)")
    .option("-v, --vcs-provider <name>", "git, hg, auto, bare_git or github (default: detected)")
    .option(JSON_FLAG, JSON_HELP)
    .addHelpText("after", DETAILS)
    .action(async (options) => (await import("./commit/run.ts")).runCommitCommand(app, options));
}
