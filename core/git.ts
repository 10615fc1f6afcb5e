/**
 * Running git (and, through the same helper, the VCS providers' other tools)
 * as a subprocess with its output captured: one way for every service that
 * reads or writes a repository, so failures look the same everywhere.
 *
 * @module
 */

import { definedEnv, type Env } from "./env.ts";

/** Result of one command run (git's, or a tool's). */
export interface CommandResult {
  ok: boolean;
  stdout: string;
  stderr: string;
  /** The program was not found on `PATH`. */
  missing: boolean;
}

/** Result of one git invocation. */
export type GitResult = CommandResult;

/** Options for {@linkcode runGit} and {@linkcode runCommand}. */
export interface RunGitOptions {
  /** Variables added to (not replacing) the process environment. */
  env?: Env;
}

/**
 * Run `argv` (a fixed argument list, no shell) in `cwd` with its output
 * captured, never throwing: a non-zero exit, or the program missing from
 * `PATH`, is `ok: false`.
 */
export async function runCommand(
  cwd: string,
  argv: readonly string[],
  options: RunGitOptions = {},
): Promise<CommandResult> {
  const env = options.env && definedEnv(options.env);
  try {
    const output = await new Deno.Command(argv[0], {
      args: argv.slice(1),
      cwd,
      env,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
    const decoder = new TextDecoder();
    return {
      ok: output.success,
      stdout: decoder.decode(output.stdout),
      stderr: decoder.decode(output.stderr),
      missing: false,
    };
  } catch (error) {
    const missing = error instanceof Deno.errors.NotFound;
    return { ok: false, stdout: "", stderr: (error as Error).message, missing };
  }
}

/**
 * Run git in `cwd`, never throwing: a non-zero exit, or git missing from
 * PATH (a normal state for an installed binary), is `ok: false`.
 */
export function runGit(
  cwd: string,
  args: string[],
  options: RunGitOptions = {},
): Promise<GitResult> {
  return runCommand(cwd, ["git", ...args], options);
}
