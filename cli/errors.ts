/**
 * The shared error renderer: every failure leaves the CLI as `error: <message>`
 * plus an optional `hint:` line and a meaningful exit code. Stack traces are
 * shown only with `SASE_DEBUG=1`, because a user-facing tool should never
 * answer a typo with a backtrace.
 *
 * @module
 */

import { SaseError } from "../core/errors.ts";

/** Commander codes that mean "done, successfully" rather than an error. */
const COMMANDER_SUCCESS = new Set([
  "commander.helpDisplayed",
  "commander.help",
  "commander.version",
  "commander.executeSubCommandAsync",
]);

/**
 * Commander's errors, recognised by their `commander.*` code rather than by
 * class: the quick `sase run` path renders errors without loading commander.
 */
function isCommanderError(error: unknown): error is Error & { code: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === "string" && code.startsWith("commander.");
}

/**
 * Run a command body as a whole process would: resolves to `Deno.exitCode`
 * (reset to 0 first), or to {@linkcode renderError}'s code when it throws.
 */
export async function exitCodeOf(run: () => Promise<void>): Promise<number> {
  try {
    Deno.exitCode = 0;
    await run();
    return Deno.exitCode;
  } catch (error) {
    return renderError(error);
  }
}

/** Print `error` to stderr and return the exit code the process should use. */
export function renderError(error: unknown): number {
  if (isCommanderError(error)) {
    if (COMMANDER_SUCCESS.has(error.code)) return 0;
    // Commander has already printed its own `error: ...` line.
    return 2;
  }
  const debug = Deno.env.get("SASE_DEBUG") === "1";
  if (error instanceof SaseError) {
    console.error(`error: ${error.message}`);
    if (error.hint) console.error(`hint: ${error.hint}`);
    if (debug) console.error(error.stack);
    return error.exitCode;
  }
  if (error instanceof Deno.errors.BrokenPipe) return 0;
  const message = error instanceof Error ? error.message : String(error);
  console.error(`error: ${message}`);
  if (debug && error instanceof Error) console.error(error.stack);
  else {console.error(
      "hint: rerun with SASE_DEBUG=1 for a stack trace, and report it if it persists",
    );}
  return 1;
}
