/**
 * `$(cmd)` substitution in xprompt arguments.
 *
 * Commands run through {@linkcode runShellCommand}, the one place that spawns
 * them, so the sandboxed launcher can replace it. Output (trailing newlines
 * removed) replaces the expression; failure or empty output gives "". Output
 * is bounded like any input ({@linkcode READ_LIMITS.input}): `$(yes)` ends in
 * an error naming the command, not in all of memory. Results are cached per
 * expansion pass. `\$(` stays a literal `$(`.
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import { READ_LIMITS, readStreamBounded } from "../fs/bounded_read.ts";
import { findMatchingParen } from "./args.ts";

/** Runs one shell command and returns its stdout, or "" on failure. */
export type CommandRunner = (command: string, cwd?: string) => Promise<string>;

/**
 * Run `command` with `sh -c` and return its stdout without trailing newlines.
 * Output over `limit` bytes stops the command and is a `SaseError`.
 */
export async function runShellCommand(
  command: string,
  cwd?: string,
  limit: number = READ_LIMITS.input,
): Promise<string> {
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command("sh", {
      args: ["-c", command],
      cwd,
      stdin: "null",
      stdout: "piped",
      stderr: "null",
    }).spawn();
  } catch {
    return "";
  }
  let bytes: Uint8Array;
  try {
    bytes = await readStreamBounded(child.stdout, `$(${command})`, limit);
  } catch (error) {
    try {
      child.kill("SIGKILL");
    } catch {
      // It exited on its own.
    }
    await child.status;
    if (error instanceof SaseError) throw error;
    return "";
  }
  if (!(await child.status).success) return "";
  return new TextDecoder().decode(bytes).replace(/\n+$/, "");
}

/** Replace every unescaped `$(…)` in `value`. */
export async function substituteCommands(
  value: string,
  cache: Map<string, string>,
  runner: CommandRunner = runShellCommand,
  cwd?: string,
): Promise<string> {
  if (!value.includes("$(")) return value;
  let out = "";
  let i = 0;
  while (i < value.length) {
    if (value.startsWith("\\$(", i)) {
      out += "$(";
      i += 3;
      continue;
    }
    if (value.startsWith("$(", i)) {
      const close = findMatchingParen(value, i + 1);
      if (close > 0) {
        const command = value.slice(i + 2, close);
        let result = cache.get(command);
        if (result === undefined) {
          result = await runner(command, cwd);
          cache.set(command, result);
        }
        out += result;
        i = close + 1;
        continue;
      }
    }
    out += value[i++];
  }
  return out;
}
