/**
 * The shared error renderer: every failure leaves the CLI as `error: <message>`
 * plus a `hint:` line where there is a next step (always for usage errors)
 * and a meaningful exit code. Stack traces are shown only with
 * `SASE_DEBUG=1`, because a user-facing tool should never answer a typo with
 * a backtrace.
 *
 * @module
 */

import { type ErrorKind, SaseError } from "../../core/errors.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";

/** The hint a usage error gets when nothing more specific is known. */
export const GENERIC_USAGE_HINT = "run `sase --help` for usage";

/**
 * Commander's errors, recognised by their `commander.*` code rather than by
 * class: the quick `sase run` path renders errors without loading commander.
 */
function isCommanderError(
  error: unknown,
): error is Error & { code: string; exitCode: number } {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === "string" && code.startsWith("commander.");
}

/**
 * The exit code of a failure of `kind`: 2 when the request itself was wrong
 * (the command line, or a value on it), 1 for everything else.
 */
export function exitCodeFor(kind: ErrorKind): number {
  return kind === "usage" || kind === "invalid-input" ? 2 : 1;
}

/**
 * Run a command body as a whole process would: resolves to `Deno.exitCode`
 * (reset to 0 first), or to {@linkcode renderError}'s code when it throws.
 * `usageHint` names the help to read for the command that ran.
 */
export async function exitCodeOf(
  run: () => Promise<void>,
  usageHint: () => string = () => GENERIC_USAGE_HINT,
): Promise<number> {
  try {
    Deno.exitCode = 0;
    await run();
    return Deno.exitCode;
  } catch (error) {
    return renderError(error, usageHint);
  }
}

/**
 * Print `error` to stderr and return the exit code the process should use.
 * A usage error (exit code 2) without a hint of its own gets `usageHint`.
 */
export function renderError(
  error: unknown,
  usageHint: () => string = () => GENERIC_USAGE_HINT,
): number {
  if (isCommanderError(error)) {
    // Help, version and help-for-a-command end with exit code 0.
    if (error.exitCode === 0) return 0;
    // Commander printed a group's help because no subcommand was named.
    if (error.code === "commander.help") {
      console.error("hint: name one of the commands listed above");
    }
    // Otherwise commander has already printed `error: ...` and our `hint:` line.
    return 2;
  }
  const debug = Deno.env.get("SASE_DEBUG") === "1";
  if (error instanceof SaseError) {
    const code = exitCodeFor(error.kind);
    console.error(`error: ${neutralizeControls(error.message)}`);
    const hint = error.hint ?? (code === 2 ? usageHint() : undefined);
    if (hint) console.error(`hint: ${neutralizeControls(hint)}`);
    if (debug) console.error(error.stack);
    return code;
  }
  if (error instanceof Deno.errors.BrokenPipe) return 0;
  const message = error instanceof Error ? error.message : String(error);
  console.error(`error: ${neutralizeControls(message)}`);
  if (debug && error instanceof Error) console.error(error.stack);
  else {console.error(
      "hint: rerun with SASE_DEBUG=1 for a stack trace, and report it if it persists",
    );}
  return 1;
}
