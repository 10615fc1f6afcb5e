/**
 * `$(cmd)` substitution in xprompt arguments.
 *
 * Commands run through {@linkcode runShellCommand}, the one place that spawns
 * them, so the sandboxed launcher can replace it. Output (trailing newlines
 * removed) replaces the expression; failure or empty output gives "". Results
 * are cached per expansion pass. `\$(` stays a literal `$(`.
 *
 * @module
 */

import { findMatchingParen } from "./args.ts";

/** Runs one shell command and returns its stdout, or "" on failure. */
export type CommandRunner = (command: string, cwd?: string) => Promise<string>;

/** Run `command` with `sh -c` and return its stdout without trailing newlines. */
export async function runShellCommand(command: string, cwd?: string): Promise<string> {
  try {
    const output = await new Deno.Command("sh", {
      args: ["-c", command],
      cwd,
      stdin: "null",
      stdout: "piped",
      stderr: "null",
    }).output();
    if (!output.success) return "";
    return new TextDecoder().decode(output.stdout).replace(/\n+$/, "");
  } catch {
    return "";
  }
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
