/**
 * The `github` VCS provider (handbook 22.4.3-22.4.4): the git operations of
 * `bare_git` plus pull requests through the GitHub CLI (`gh`). It claims
 * every checkout whose `origin` is on `github.com`. A pushed branch with a
 * pull request cannot be renamed, so renames go to the alias map
 * (`branch_map.json`) instead.
 *
 * @module
 */

import type { Env } from "../../core/env.ts";
import { SaseError } from "../../core/errors.ts";
import type { VcsProvider, VcsProviderInfo } from "../../core/vcs/provider.ts";
import { gitInstallHint, gitOperations } from "./git_ops.ts";
import { githubReviewCommentsCheck } from "./github_comments.ts";
import { toolFailure, type ToolOwner, type ToolResult, toolRunner } from "./run.ts";

/** What to do when `gh` is missing. */
const GH_INSTALL =
  "install the GitHub CLI from https://cli.github.com/ (apt-get install gh, brew install gh), " +
  "then run gh auth login";

/** Whether `url` points at github.com (https, ssh and scp-like forms). */
export function isGitHubUrl(url: string): boolean {
  return /^(?:[a-z+]+:\/\/)?(?:[^@/]+@)?(?:www\.)?github\.com[:/]/i.test(url.trim());
}

/** Facts about `github`. */
export const GITHUB_INFO: VcsProviderInfo = {
  name: "github",
  family: "git",
  claimsRemote: isGitHubUrl,
  requires: "git and the GitHub CLI (gh) for pull requests",
};

const OWNER: ToolOwner = {
  provider: GITHUB_INFO.name,
  install: (program) => program === "gh" ? GH_INSTALL : gitInstallHint(program),
};

/** gh's words when it has no credentials. */
const UNAUTHENTICATED = /gh auth login|not logged in|authentication required|GH_TOKEN/i;

/** The `github` provider running git and gh with `env`. */
export function createGitHubProvider(env: Env): VcsProvider {
  const git = gitOperations(OWNER, env);
  const tools = toolRunner(OWNER, env);

  /** The error for a gh run that could not reach GitHub at all (missing, signed out); else null. */
  const ghUnusable = (operation: string, argv: string[], result: ToolResult): SaseError | null => {
    if (result.missing) return toolFailure(OWNER, operation, argv, result);
    if (!result.ok && UNAUTHENTICATED.test(result.stderr)) {
      return new SaseError(
        "vcs.gh_unauthenticated",
        `github ${operation}: gh is not signed in to GitHub: ${result.stderr.trim()}`,
        { hint: "run gh auth login (or set GH_TOKEN), then retry", kind: "unavailable" },
      );
    }
    return null;
  };

  /** Run gh; its stdout, or a `SaseError` naming `operation`. */
  const gh = async (cwd: string, argv: string[], operation: string): Promise<string> => {
    const result = await tools.run(cwd, argv);
    const unusable = ghUnusable(operation, argv, result);
    if (unusable) throw unusable;
    if (!result.ok) throw toolFailure(OWNER, operation, argv, result);
    return result.stdout;
  };

  /** A field of the current branch's pull request; null when the branch has none. */
  const prField = async (cwd: string, field: "url" | "number", operation: string) => {
    const argv = ["gh", "pr", "view", "--json", field, "-q", `.${field}`];
    const result = await tools.run(cwd, argv);
    const unusable = ghUnusable(operation, argv, result);
    if (unusable) throw unusable;
    // Any other failure means no pull request for this branch (yet).
    const value = result.ok ? result.stdout.trim() : "";
    return value === "" ? null : value;
  };

  return {
    info: GITHUB_INFO,
    ...git,
    async createPullRequest(cwd, payload) {
      await git.createPullRequest!(cwd, payload);
      const title = (payload.prTitlePrefix ?? "") + payload.message.split("\n", 1)[0];
      const body = payload.prBody ?? payload.message;
      const out = await gh(
        cwd,
        ["gh", "pr", "create", "--title", title, "--body", body],
        "pr create",
      );
      return out.trim() || null;
    },
    changeUrl: (cwd) => prField(cwd, "url", "change URL"),
    reviewCommentsCheck: githubReviewCommentsCheck,
    clNumber: (cwd) => prField(cwd, "number", "PR number"),
    async changeBody(cwd, changeRef) {
      return (await gh(
        cwd,
        ["gh", "pr", "view", changeRef, "--json", "body", "-q", ".body"],
        "PR body",
      ))
        .trim();
    },
    async mail(cwd, revision) {
      await git.mail!(cwd, revision);
      if ((await prField(cwd, "number", "mail")) === null) {
        await gh(cwd, ["gh", "pr", "create", "--fill"], "mail (gh pr create)");
      }
    },
    async changeState(cwd, changeRef) {
      const state = (await gh(
        cwd,
        ["gh", "pr", "view", changeRef, "--json", "state", "-q", ".state"],
        "PR state",
      )).trim().toUpperCase();
      if (state === "MERGED") return "merged";
      if (state === "CLOSED") return "closed";
      if (state === "OPEN") return "open";
      throw new SaseError(
        "vcs.pr_state",
        `github PR state: gh answered '${state}' for ${changeRef}`,
        {
          hint: "expected OPEN, MERGED or CLOSED from gh pr view --json state",
          kind: "failed",
        },
      );
    },
    async mergeChange(cwd, changeRef, options = {}) {
      await gh(cwd, ["gh", "pr", "merge", changeRef, `--${options.method ?? "merge"}`], "merge");
    },
    async abandonChange(cwd, change) {
      const argv = ["gh", "pr", "close", change, "--delete-branch"];
      const result = await tools.run(cwd, argv);
      const unusable = ghUnusable("abandon", argv, result);
      if (unusable) throw unusable;
      // Already closed or merged: nothing left to abandon.
      if (!result.ok && !/already|not found/i.test(result.stderr)) {
        throw toolFailure(OWNER, "abandon", argv, result);
      }
    },
    // A pushed branch with a pull request keeps its name; renames use the alias map.
    canRenameBranch: () => Promise.resolve(false),
  };
}
