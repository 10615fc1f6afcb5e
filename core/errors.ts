/**
 * The one error type sase raises for problems a user can act on.
 *
 * A `SaseError` carries a stable machine-readable `code`, a message that names
 * the file, line or field at fault, an optional `hint` (the next step to try)
 * and a {@linkcode ErrorKind} saying what sort of failure it is. Front doors
 * map the kind to what their callers understand: the CLI to an exit code, the
 * gateway to an HTTP status. Anything that is not a `SaseError` is a bug.
 *
 * @module
 */

/**
 * What sort of failure an error is:
 * - `usage`: the command line or call was malformed (a missing argument, a bad flag);
 * - `invalid-input`: well-formed, but a value the caller gave is not acceptable
 *   (a query with a syntax error, an unknown status name, an invalid project name);
 * - `invalid-data`: a file or store the caller did not just pass is malformed
 *   (a config layer, a corrupt registry), and someone must fix it;
 * - `not-found`: what was asked for does not exist;
 * - `conflict`: the request clashes with the current state (a name already taken,
 *   a run that already finished, a status transition the current status refuses);
 * - `unavailable`: something needed is missing or unreachable (a CLI not installed,
 *   no clipboard, the jail cannot start);
 * - `failed`: the operation was attempted and did not succeed (an agent failed,
 *   git refused);
 * - `internal`: a bug in sase.
 */
export type ErrorKind =
  | "usage"
  | "invalid-input"
  | "invalid-data"
  | "not-found"
  | "conflict"
  | "unavailable"
  | "failed"
  | "internal";

/** Options accepted by {@linkcode SaseError}. */
export interface SaseErrorOptions {
  /** A short next step shown under the message, e.g. a command to run. */
  hint?: string;
  /** What sort of failure this is (default `failed`). */
  kind?: ErrorKind;
  /** The underlying error, kept for `SASE_DEBUG=1` output. */
  cause?: unknown;
}

/** A user-facing failure with a code, a precise message, a hint and a kind. */
export class SaseError extends Error {
  /** Stable identifier such as `config.parse` or `notify.not_found`. */
  readonly code: string;
  /** Optional next step for the user. */
  readonly hint?: string;
  /** What sort of failure this is. */
  readonly kind: ErrorKind;

  constructor(code: string, message: string, options: SaseErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = "SaseError";
    this.code = code;
    this.hint = options.hint;
    this.kind = options.kind ?? "failed";
  }
}

/** A usage mistake (bad flag combination, missing argument). */
export function usageError(message: string, hint?: string): SaseError {
  return new SaseError("usage", message, { hint, kind: "usage" });
}

/** Narrow an unknown thrown value to a `Deno.errors.NotFound`. */
export function isNotFound(error: unknown): boolean {
  return error instanceof Deno.errors.NotFound;
}
