/**
 * The environment a piece of code runs with, as a value: every function that
 * reads environment variables takes one, so tests and library users can run
 * it for another home directory, `PATH` or `SASE_HOME` than the process's own.
 *
 * @module
 */

/** A read-only view of environment variables. */
export type Env = Readonly<Record<string, string | undefined>>;

/** `env` without its unset entries: what a child process's `env` option takes. */
export function definedEnv(env: Env): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/** The process environment as an {@linkcode Env}. */
export function processEnv(): Env {
  return Deno.env.toObject();
}
