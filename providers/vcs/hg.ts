/**
 * The `hg` VCS provider (handbook 22.5): standard `hg` commands plus the
 * `sase_hg_*` wrapper commands (and `branch_name`, `branch_number`,
 * `workspace_name`, `branch_local_changes`, `cl_desc`) a Mercurial site
 * supplies on `PATH`. Every command is a fixed argv; descriptions handed to
 * `sase_hg_reword` are prepared with ANSI-C escaping because the wrapper
 * quotes them as `$'...'`.
 *
 * @module
 */

import type { Env } from "../../core/env.ts";
import { SaseError } from "../../core/errors.ts";
import type { VcsProvider, VcsProviderInfo } from "../../core/vcs/provider.ts";
import { existingPatches } from "./patches.ts";
import { type ToolOwner, toolRunner } from "./run.ts";
import { stripChangeSpecSuffix } from "./git_ops.ts";
import { hgCommitDispatch } from "./hg_commit.ts";

/** Facts about `hg`. */
export const HG_INFO: VcsProviderInfo = {
  name: "hg",
  family: "hg",
  requires: "Mercurial (hg) and the sase_hg_* wrapper commands on PATH",
};

const OWNER: ToolOwner = {
  provider: HG_INFO.name,
  install: (program) =>
    program === "hg" || program === "p4"
      ? `install ${program === "hg" ? "Mercurial (e.g. apt-get install mercurial)" : "p4"}`
      : `put the directory holding the sase_hg_* wrapper commands (${program}) on PATH`,
};

/**
 * `description` escaped for `$'...'` quoting (handbook 22.5.7): backslashes
 * first, then `'`, newline, tab and carriage return.
 */
export function ansiCEscape(description: string): string {
  return description
    .replaceAll("\\", "\\\\")
    .replaceAll("'", "\\'")
    .replaceAll("\n", "\\n")
    .replaceAll("\t", "\\t")
    .replaceAll("\r", "\\r");
}

/** The `hg` provider running its commands with `env`. */
export function createHgProvider(env: Env): VcsProvider {
  const tools = toolRunner(OWNER, env);
  const must = tools.must;
  const trimmedOrNull = (stdout: string) => stdout.trim() === "" ? null : stdout.trim();
  const unresolved = async (cwd: string) => {
    const out = await tools.run(cwd, ["hg", "resolve", "--list"]);
    if (!out.ok) return [];
    return out.stdout.split("\n").filter((line) => line.startsWith("U ")).map((l) => l.slice(2));
  };
  const clNumber = async (cwd: string) => {
    const number = (await must(cwd, ["branch_number"], "CL number")).trim();
    return /^\d+$/.test(number) ? number : null;
  };

  const provider: VcsProvider = {
    info: HG_INFO,
    // --- Core operations ---
    async checkout(cwd, revision) {
      await must(cwd, ["sase_hg_update", revision], "checkout");
    },
    async diff(cwd) {
      const out = await must(cwd, ["hg", "diff"], "diff");
      return out.trim() === "" ? null : out;
    },
    async diffRevision(cwd, revision) {
      return await must(cwd, ["hg", "diff", "-c", revision], "diff revision");
    },
    async applyPatch(cwd, patchPath) {
      await provider.applyPatches(cwd, [patchPath]);
    },
    async applyPatches(cwd, patchPaths) {
      if (patchPaths.length === 0) return;
      const paths = await existingPatches(cwd, patchPaths, env);
      await must(cwd, ["hg", "import", "--no-commit", ...paths], "apply patch");
    },
    async addRemove(cwd) {
      await must(cwd, ["hg", "addremove"], "add/remove");
    },
    async cleanWorkspace(cwd) {
      await must(cwd, ["hg", "update", "--clean", "."], "clean workspace");
      await must(cwd, ["hg", "clean"], "clean workspace");
    },
    async commit(cwd, name, logfile) {
      await must(cwd, ["hg", "commit", "--name", name, "--logfile", logfile], "commit");
    },
    async amend(cwd, note, options = {}) {
      const argv = ["sase_hg_amend", ...(options.noUpload ? ["--no-upload"] : []), note];
      await must(cwd, argv, "amend");
    },
    async renameBranch(cwd, newName) {
      await must(cwd, ["sase_hg_rename", newName], "rename branch");
    },
    async rebase(cwd, branch, newParent) {
      await must(cwd, ["sase_hg_rebase", branch, newParent], "rebase");
    },
    async archive(cwd, revision) {
      await must(cwd, ["sase_hg_archive", revision], "archive");
    },
    async prune(cwd, revision) {
      await must(cwd, ["sase_hg_prune", revision], "prune");
    },
    async stashAndClean(cwd, diffName) {
      await must(cwd, ["sase_hg_clean", diffName], "stash and clean");
    },
    // --- Optional core ---
    defaultParentRevision: () => Promise.resolve("p4head"),
    // --- Commit dispatch (and the committed diff the COMMITS entry keeps) ---
    ...hgCommitDispatch(tools),
    // --- Sync ---
    async syncWorkspace(cwd) {
      await must(cwd, ["sase_hg_sync"], "sync");
    },
    isSyncInProgress: async (cwd) => (await unresolved(cwd)).length > 0,
    conflictedFiles: unresolved,
    async continueSync(cwd) {
      if ((await unresolved(cwd)).length > 0) {
        throw new SaseError("vcs.conflict", "hg continue sync: Unresolved conflicts remain", {
          hint: "resolve them (hg resolve --mark), then continue",
          kind: "conflict",
        });
      }
      await must(cwd, ["hg", "rebase", "--continue"], "continue sync");
    },
    async abortSync(cwd) {
      const out = await tools.run(cwd, ["hg", "rebase", "--abort"]);
      if (!out.ok) await must(cwd, ["hg", "update", "--clean", "."], "abort sync");
    },
    // --- VCS-agnostic ---
    prepareDescriptionForReword: ansiCEscape,
    async changeUrl(cwd) {
      const number = await clNumber(cwd);
      return number ? `http://cl/${number}` : null;
    },
    // --- Info and review ---
    async reword(cwd, description) {
      await must(cwd, ["sase_hg_reword", description], "reword");
    },
    async rewordAddTag(cwd, name, value) {
      await must(cwd, ["sase_hg_reword", "--add-tag", name, value], "add tag");
    },
    async description(cwd, revision, options = {}) {
      const argv = options.short ? ["cl_desc", "-s"] : ["cl_desc", "-r", revision];
      return await must(cwd, argv, "description");
    },
    branchName: async (cwd) => trimmedOrNull(await must(cwd, ["branch_name"], "branch name")),
    clNumber,
    workspaceName: async (cwd) =>
      trimmedOrNull(await must(cwd, ["workspace_name"], "workspace name")),
    hasLocalChanges: async (cwd) =>
      trimmedOrNull(await must(cwd, ["branch_local_changes"], "local changes")),
    bugNumber: async (cwd) => (await must(cwd, ["sase_hg_branch_bug"], "bug number")).trim(),
    async mail(cwd, revision) {
      await must(cwd, ["hg", "mail", "-r", revision], "mail");
    },
    async fix(cwd) {
      await must(cwd, ["hg", "fix"], "fix");
    },
    async upload(cwd) {
      await must(cwd, ["hg", "upload", "tree"], "upload");
    },
    async findReviewers(cwd, number) {
      return await must(cwd, ["p4", "findreviewers", "-c", number], "find reviewers");
    },
    async rewind(cwd, diffPaths) {
      await must(cwd, ["sase_hg_rewind", ...diffPaths], "rewind");
    },
    deriveBranchName: stripChangeSpecSuffix,
    deriveBranchNameWithSuffix: (name) => name,
    canRenameBranch: () => Promise.resolve(true),
  };
  return provider;
}
