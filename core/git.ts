/**
 * Running git as a subprocess: one helper for every core service that reads
 * or writes a repository, so failures look the same everywhere.
 *
 * @module
 */

import { definedEnv, type Env } from "./env.ts";

/** Result of one git invocation. */
export interface GitResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

/** Options for {@linkcode runGit}. */
export interface RunGitOptions {
  /** Variables added to (not replacing) the process environment. */
  env?: Env;
}

/**
 * Run git in `cwd`, never throwing: a non-zero exit, or git missing from
 * PATH (a normal state for an installed binary), is `ok: false`.
 */
export async function runGit(
  cwd: string,
  args: string[],
  options: RunGitOptions = {},
): Promise<GitResult> {
  const env = options.env && definedEnv(options.env);
  try {
    const output = await new Deno.Command("git", {
      args,
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
    };
  } catch (error) {
    return { ok: false, stdout: "", stderr: (error as Error).message };
  }
}
