/**
 * The helpers every git-family operation builds on: the tool runner, the
 * remote's default branch (handbook 22.4's detection order) and the
 * checked-out branch.
 *
 * @module
 */

import type { Env } from "../../core/env.ts";
import { type ToolOwner, type ToolRunner, toolRunner } from "./run.ts";

/** A read-only git command: never takes optional locks. */
export const gitRead = (...args: string[]): string[] => ["git", "--no-optional-locks", ...args];
/** A git command that writes. */
export const gitWrite = (...args: string[]): string[] => ["git", ...args];

const read = gitRead;

/** Helpers the git-family providers build on. */
export interface GitKit {
  tools: ToolRunner;
  /**
   * The remote's default branch: `origin/HEAD`, else `origin/master`, else
   * `origin/main`, else `main`. An answer from `origin/HEAD` is kept for the
   * kit's lifetime (per directory): a provider serves one command
   * (`resolveVcsProvider` builds one per call), and nothing a command does
   * moves an existing `origin/HEAD`. The fallbacks are asked each time: a
   * fetch can create `origin/master`.
   */
  defaultBranch(cwd: string): Promise<string>;
  /** The checked-out branch; null when HEAD is detached. */
  currentBranch(cwd: string): Promise<string | null>;
}

/** The shared helpers for `owner`'s git commands. */
export function gitKit(owner: ToolOwner, env: Env): GitKit {
  const tools = toolRunner(owner, env);
  /** `origin/HEAD`'s branch per directory, once read. */
  const remoteHeads = new Map<string, string>();
  const remoteHead = async (cwd: string): Promise<string | null> => {
    const known = remoteHeads.get(cwd);
    if (known !== undefined) return known;
    const head = await tools.run(cwd, read("symbolic-ref", "refs/remotes/origin/HEAD"));
    const ref = head.stdout.trim();
    if (!head.ok || !ref.startsWith("refs/remotes/origin/")) return null;
    const branch = ref.slice("refs/remotes/origin/".length);
    remoteHeads.set(cwd, branch);
    return branch;
  };
  return {
    tools,
    async defaultBranch(cwd) {
      const head = await remoteHead(cwd);
      if (head !== null) return head;
      for (const candidate of ["master", "main"]) {
        const probe = await tools.run(
          cwd,
          read("show-ref", "--verify", "--quiet", `refs/remotes/origin/${candidate}`),
        );
        if (probe.ok) return candidate;
      }
      return "main";
    },
    async currentBranch(cwd) {
      const out = await tools.run(cwd, read("rev-parse", "--abbrev-ref", "HEAD"));
      const name = out.stdout.trim();
      return out.ok && name !== "" && name !== "HEAD" ? name : null;
    },
  };
}
