/**
 * Commit dispatch for the `hg` provider (handbook 13.6, 22.3.1, 22.5):
 * `create_commit` is `hg commit --name <name> --logfile <logfile>` then
 * `hg mail -r <name>`, `create_proposal` saves the diff and hands the
 * checkout to `sase_hg_clean`, and `finalize_commit` replays the mail.
 * Pull requests stay unsupported (the chapter: "Not supported natively").
 *
 * The stages follow the git dispatch where Mercurial has one: what is to be
 * committed (the `-f` files, else every change, plus the bead store and the
 * plan) is `hg addremove`d, nothing to commit fails before anything is
 * written, bead-store changes made after the commit are folded into it
 * before it is mailed, and mailing (the push) comes last. There is no
 * index, so the files are named to `hg commit` instead of staged. The
 * git dispatch's "bring the branch up to date with `origin/<default>`" has
 * no counterpart: bringing a Mercurial workspace up to date is the site's
 * `sase_hg_sync`, which `sase changespec sync` runs on request.
 *
 * @module
 */

import { atomicWriteTextFile } from "../../core/fs/atomic_write.ts";
import { exists } from "../../core/fs/access.ts";
import { basename, dirname, join, resolve } from "../../core/fs/path.ts";
import { SaseError } from "../../core/errors.ts";
import type { CommitDispatchPayload, VcsProvider } from "../../core/vcs/provider.ts";
import type { ToolRunner } from "./run.ts";

/** The dispatch operations this module adds to the `hg` provider. */
export type HgCommitDispatch = Required<
  Pick<VcsProvider, "createCommit" | "createProposal" | "finalizeCommit" | "committedDiff">
>;

/** Where the version-controlled bead store lives in a checkout (handbook 9). */
const BEAD_STORE_DIR = join("sdd", "beads");

/** `hg status` of what a commit would hold: modified, added, removed, deleted. */
const CHANGES = ["status", "-mard", "--no-status"];

/** The hg dispatch operations, running the tools through `tools`. */
export function hgCommitDispatch(tools: ToolRunner): HgCommitDispatch {
  const must = tools.must;
  const hg = (...args: string[]) => ["hg", ...args];

  const root = async (cwd: string, operation: string) =>
    (await must(cwd, hg("root"), operation)).trim();

  /** The lines of an `hg status --no-status` run (paths relative to the root). */
  const listed = (stdout: string) => stdout.split("\n").filter((line) => line.trim() !== "");

  /** The bead store, when the checkout has one with changes. */
  const changedBeadStore = async (cwd: string, top: string, operation: string) => {
    const store = join(top, BEAD_STORE_DIR);
    if (!(await exists(store))) return null;
    await must(cwd, hg("addremove", "-q", "--", store), operation);
    const changed = await must(cwd, hg(...CHANGES, "--", store), operation);
    return listed(changed).length > 0 ? store : null;
  };

  /**
   * The paths the commit is limited to (none: every change), after
   * `hg addremove` of each; fails when they hold nothing to commit.
   */
  const prepare = async (
    cwd: string,
    payload: CommitDispatchPayload,
    operation: string,
  ): Promise<string[]> => {
    const files = (payload.files ?? []).map((file) => resolve(cwd, file));
    const top = await root(cwd, operation);
    await must(cwd, hg("addremove", "-q", ...(files.length ? ["--", ...files] : [])), operation);
    const store = await changedBeadStore(cwd, top, operation);
    const extra = (payload.extraPaths ?? []).map((path) => resolve(cwd, path));
    if (extra.length > 0) await must(cwd, hg("addremove", "-q", "--", ...extra), operation);
    // Named files limit the commit; the bead store and the plan join them.
    const paths = files.length ? [...files, ...(store ? [store] : []), ...extra] : [];
    const changed = await must(
      cwd,
      hg(...CHANGES, ...(paths.length ? ["--", ...paths] : [])),
      operation,
    );
    if (listed(changed).length === 0) {
      throw new SaseError("vcs.nothing_staged", "No staged changes to commit", {
        hint: files.length
          ? `none of ${(payload.files ?? []).join(", ")} has a change; check the -f paths`
          : "make a change first (the working copy matches its parent)",
        kind: "failed",
      });
    }
    return paths;
  };

  /** The CL name a commit is made under: `-n`, else the current one (`branch_name`). */
  const clName = async (cwd: string, payload: CommitDispatchPayload, operation: string) => {
    const given = payload.name?.trim();
    if (given) return given;
    const current = (await must(cwd, ["branch_name"], operation)).trim();
    if (current !== "") return current;
    throw new SaseError("vcs.no_cl_name", `hg ${operation}: no CL name to commit under`, {
      hint: "pass -n NAME (branch_name printed nothing for this workspace)",
      kind: "usage",
    });
  };

  /** Run `fn` with `message` in a logfile that is removed afterwards. */
  const withLogfile = async <T>(message: string, fn: (logfile: string) => Promise<T>) => {
    const logfile = await Deno.makeTempFile({ prefix: "sase-hg-commit-", suffix: ".txt" });
    try {
      await Deno.writeTextFile(logfile, message);
      return await fn(logfile);
    } finally {
      await Deno.remove(logfile).catch(() => {});
    }
  };

  /**
   * Fold bead-store changes made after the commit into it (a bead's commit
   * only; it is not mailed yet, so amending rewrites nothing published).
   */
  const amendBeadStore = async (cwd: string, payload: CommitDispatchPayload) => {
    if (!payload.beadId) return;
    const store = await changedBeadStore(cwd, await root(cwd, "bead amend"), "bead amend");
    if (store === null) return;
    await withLogfile(
      payload.message,
      (logfile) =>
        must(cwd, hg("commit", "-q", "--amend", "--logfile", logfile, "--", store), "bead amend"),
    );
  };

  const shortNode = async (cwd: string) =>
    (await must(cwd, hg("log", "-r", ".", "-T", "{node|short}"), "commit")).trim() || null;

  const mail = async (cwd: string, name: string, operation: string) => {
    try {
      await must(cwd, hg("mail", "-r", name), operation);
    } catch (error) {
      const failure = error as SaseError;
      if (failure.code !== "vcs.failed") throw error;
      throw new SaseError("vcs.push_failed", failure.message, {
        hint: `the commit is kept locally; fix the cause, then run hg mail -r ${name}`,
        kind: "failed",
      });
    }
  };

  return {
    async createCommit(cwd, payload) {
      // The name first: a run refused for want of one leaves the workspace untouched.
      const name = await clName(cwd, payload, "commit");
      const paths = await prepare(cwd, payload, "commit");
      await withLogfile(payload.message, (logfile) =>
        must(
          cwd,
          hg(
            "commit",
            "--name",
            name,
            "--logfile",
            logfile,
            ...(paths.length ? ["--", ...paths] : []),
          ),
          "commit",
        ));
      await amendBeadStore(cwd, payload);
      await mail(cwd, name, "commit");
      return await shortNode(cwd);
    },

    async finalizeCommit(cwd, payload) {
      await amendBeadStore(cwd, payload);
      await mail(cwd, await clName(cwd, payload, "finalize commit"), "finalize commit");
    },

    async createProposal(cwd, payload) {
      const target = payload.diffPath;
      if (!target) {
        throw new SaseError("vcs.usage", "hg proposal: no path to save the diff to", {
          kind: "internal",
        });
      }
      const files = (payload.files ?? []).map((file) => resolve(cwd, file));
      const only = files.length ? ["--", ...files] : [];
      // Added first, so new and binary files are part of one applicable (git-style) patch.
      await must(cwd, hg("addremove", "-q", ...only), "proposal");
      const diff = await must(cwd, hg("diff", "--git", ...only), "proposal");
      if (diff.trim() === "") {
        throw new SaseError("vcs.nothing_to_propose", "No changes to save as proposal diff", {
          hint: files.length
            ? `none of ${(payload.files ?? []).join(", ")} has a change`
            : undefined,
          kind: "failed",
        });
      }
      await Deno.mkdir(dirname(target), { recursive: true });
      await atomicWriteTextFile(target, diff);
      if (files.length === 0) {
        // The site's wrapper keeps its own copy under the diff's name and cleans the workspace.
        await must(cwd, ["sase_hg_clean", basename(target).replace(/\.diff$/, "")], "proposal");
        return target;
      }
      // Only what the proposal holds is taken back; other local work stays.
      const added = listed(
        await must(
          cwd,
          hg("status", "-an", "--config", "ui.relative-paths=no", "--", ...files),
          "proposal",
        ),
      );
      await must(cwd, hg("revert", "-q", "--no-backup", "--", ...files), "proposal");
      const top = await root(cwd, "proposal");
      for (const path of added) await Deno.remove(join(top, path));
      return target;
    },

    async committedDiff(cwd) {
      const diff = await must(cwd, hg("diff", "--git", "-c", "."), "committed diff");
      return diff.trim() === "" ? null : diff;
    },
  };
}
