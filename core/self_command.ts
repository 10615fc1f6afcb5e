/**
 * How sase runs itself: the command line that starts this same program,
 * used for detached agent runners, the fakey provider and tool hooks. The
 * compiled binary is its own command; from source it is `deno run` on
 * `main.ts` with the permissions and unstable flags sase needs.
 *
 * @module
 */

import { basename, fromFileUrl } from "./fs/path.ts";

/** True when this process is a `deno compile`d sase rather than `deno run`. */
export function isCompiledSase(): boolean {
  const exe = basename(Deno.execPath()).toLowerCase();
  return exe !== "deno" && exe !== "deno.exe";
}

/** The argv prefix that runs `sase` (append the subcommand and its args). */
export function saseCommand(): string[] {
  if (isCompiledSase()) return [Deno.execPath()];
  const main = fromFileUrl(new URL("../main.ts", import.meta.url));
  return [Deno.execPath(), "run", "-A", "--unstable-worker-options", "--quiet", main];
}

/** `saseCommand()` as one POSIX shell string (for hook configs run by `sh -c`). */
export function saseShellCommand(): string {
  return saseCommand().map(shellQuote).join(" ");
}

/** Quote `word` for a POSIX shell. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
