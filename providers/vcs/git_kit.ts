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
  /** The remote's default branch: `origin/HEAD`, else `origin/master`, else `origin/main`, else `main`. */
  defaultBranch(cwd: string): Promise<string>;
  /** The checked-out branch; null when HEAD is detached. */
  currentBranch(cwd: string): Promise<string | null>;
}

/** The shared helpers for `owner`'s git commands. */
export function gitKit(owner: ToolOwner, env: Env): GitKit {
  const tools = toolRunner(owner, env);
  return {
    tools,
    async defaultBranch(cwd) {
      const head = await tools.run(cwd, read("symbolic-ref", "refs/remotes/origin/HEAD"));
      const ref = head.stdout.trim();
      if (head.ok && ref.startsWith("refs/remotes/origin/")) {
        return ref.slice("refs/remotes/origin/".length);
      }
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
