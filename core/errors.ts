/**
 * The one error type sase raises for problems a user can act on.
 *
 * A `SaseError` carries a stable machine-readable `code`, a message that names
 * the file, line or field at fault, an optional `hint` (the next step to try)
 * and the process exit code the CLI should use. Anything that is not a
 * `SaseError` is treated as a bug by the CLI's error renderer.
 *
 * @module
 */

/** Options accepted by {@linkcode SaseError}. */
export interface SaseErrorOptions {
  /** A short next step shown under the message, e.g. a command to run. */
  hint?: string;
  /** Process exit code for the CLI: 1 for failures (default), 2 for usage errors. */
  exitCode?: number;
  /** The underlying error, kept for `SASE_DEBUG=1` output. */
  cause?: unknown;
}

/** A user-facing failure with a code, a precise message and a hint. */
export class SaseError extends Error {
  /** Stable identifier such as `config.parse` or `notify.not_found`. */
  readonly code: string;
  /** Optional next step for the user. */
  readonly hint?: string;
  /** Exit code the CLI uses when this error ends a command. */
  readonly exitCode: number;

  constructor(code: string, message: string, options: SaseErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = "SaseError";
    this.code = code;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? 1;
  }
}

/** A usage mistake (bad flag combination, missing argument): exit code 2. */
export function usageError(message: string, hint?: string): SaseError {
  return new SaseError("usage", message, { hint, exitCode: 2 });
}

/** Narrow an unknown thrown value to a `Deno.errors.NotFound`. */
export function isNotFound(error: unknown): boolean {
  return error instanceof Deno.errors.NotFound;
}
