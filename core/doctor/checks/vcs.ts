/**
 * Doctor checks for version control tools: git is installed, and git knows
 * who commits (sase's commit workflows and the run finalizer commit on the
 * user's behalf, and git refuses to commit without an identity).
 *
 * @module
 */

import type { CheckSpec } from "../check.ts";
import { runGit } from "../../git.ts";

/** `Name <email>` from a `git var` ident line (`Name <email> 1700000000 +0000`). */
function identityOf(ident: string): string {
  return ident.replace(/\s+\d+\s+[+-]\d{4}$/, "");
}

/** VCS checks. */
export const vcsChecks: CheckSpec[] = [
  {
    id: "vcs.git",
    group: "vcs",
    title: "git is installed",
    async run(context) {
      const path = await context.which("git");
      if (!path) {
        return {
          status: "ERROR",
          summary: "git was not found on PATH",
          nextSteps: ["Install git (e.g. `apt-get install git`), then rerun `sase doctor -C vcs`."],
        };
      }
      // The version only ever shows in an OK check's summary: not asked when nobody sees it.
      if (!context.detailed) return { status: "OK", summary: path, data: { path } };
      const version = (await runGit(context.cwd, ["--version"], { env: context.env })).stdout
        .trim();
      return { status: "OK", summary: version || path, data: { path, version } };
    },
  },
  {
    id: "vcs.identity",
    group: "vcs",
    title: "git knows who commits",
    async run(context) {
      const path = await context.which("git");
      if (!path) return { status: "SKIP", summary: "git is not installed; see vcs.git" };
      // `git var` applies the same strict rules as `git commit` (config, GIT_* variables,
      // user.useConfigOnly, auto-detection), so it fails exactly when a commit would.
      const ident = async (variable: string) => {
        const result = await runGit(context.cwd, ["var", variable], { env: context.env });
        return { ...result, stdout: result.stdout.trim() };
      };
      const [author, committer] = await Promise.all([
        ident("GIT_AUTHOR_IDENT"),
        ident("GIT_COMMITTER_IDENT"),
      ]);
      if (!author.ok || !committer.ok) {
        const reason = (author.ok ? committer : author).stderr.split("\n")
          .find((line) => line.startsWith("fatal:")) ?? "";
        return {
          status: "WARN",
          summary: "git has no user identity: commits by sase (and by agents) will fail",
          details: reason ? [reason] : [],
          nextSteps: [
            'Run `git config --global user.name "Your Name"` and ' +
            '`git config --global user.email "you@example.com"`, then `sase doctor -C vcs`.',
          ],
          data: { author: author.ok, committer: committer.ok },
        };
      }
      const identity = identityOf(author.stdout);
      return {
        status: "OK",
        summary: `commits as ${identity}`,
        data: { author: identity, committer: identityOf(committer.stdout) },
      };
    },
  },
];
