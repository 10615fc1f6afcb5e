/**
 * Running the VCS providers' tools (`git`, `gh`, `hg`, the `sase_hg_*`
 * wrappers): always a fixed argv, never a shell, never interactive, and a
 * failure reported the same way by every provider.
 *
 * @module
 */

import type { Env } from "../../core/env.ts";
import { type CommandResult, runCommand } from "../../core/git.ts";
import { SaseError } from "../../core/errors.ts";

/** What one tool run produced. */
export type ToolResult = CommandResult;

/** Variables that keep git and gh from prompting on a terminal nobody watches. */
const NON_INTERACTIVE = { GIT_TERMINAL_PROMPT: "0", GH_PROMPT_DISABLED: "1" };

/** Run `argv` in `cwd` with `env` added to the process environment; never throws. */
export function runTool(cwd: string, argv: readonly string[], env: Env): Promise<ToolResult> {
  return runCommand(cwd, argv, { env: { ...env, ...NON_INTERACTIVE } });
}

/** How a provider names itself and explains a missing tool. */
export interface ToolOwner {
  /** The provider's name, e.g. `bare_git`. */
  provider: string;
  /** What to install when `program` is missing. */
  install(program: string): string;
}

/** The error a failed run of `argv` becomes: provider, operation, command and the tool's own words. */
export function toolFailure(
  owner: ToolOwner,
  operation: string,
  argv: readonly string[],
  result: ToolResult,
): SaseError {
  if (result.missing) {
    return new SaseError(
      "vcs.tool_missing",
      `${owner.provider} ${operation}: ${argv[0]}: command not found`,
      { hint: owner.install(argv[0]), kind: "unavailable" },
    );
  }
  const said = (result.stderr.trim() || result.stdout.trim() || "no error output").slice(0, 2000);
  return new SaseError(
    "vcs.failed",
    `${owner.provider} ${operation} failed: ${argv.join(" ")}: ${said}`,
    { kind: "failed" },
  );
}

/** A tool runner bound to one provider's environment. */
export interface ToolRunner {
  /** Run `argv`; never throws. */
  run(cwd: string, argv: readonly string[]): Promise<ToolResult>;
  /** Run `argv`; its stdout, or a `SaseError` naming `operation` when it fails. */
  must(cwd: string, argv: readonly string[], operation: string): Promise<string>;
}

/** A runner for `owner`'s tools with `env` added to the process environment. */
export function toolRunner(owner: ToolOwner, env: Env): ToolRunner {
  const run = (cwd: string, argv: readonly string[]) => runTool(cwd, argv, env);
  return {
    run,
    async must(cwd, argv, operation) {
      const result = await run(cwd, argv);
      if (!result.ok) throw toolFailure(owner, operation, argv, result);
      return result.stdout;
    },
  };
}
