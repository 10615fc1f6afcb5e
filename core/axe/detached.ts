/**
 * A background process axe starts and does not wait for (a hook run, a
 * background check): a small `/bin/sh` script around a command, in its own
 * session and process group, with no terminal streams, that outlives the
 * tick which started it.
 *
 * @module
 */

/** What {@linkcode spawnDetached} starts. */
export interface DetachedSpec {
  /** The shell script; the command is its `"$@"`. */
  script: string;
  /** Its name in `ps` (`$0`). */
  name: string;
  argv: readonly string[];
  cwd: string;
  /** The complete environment. */
  env: Record<string, string>;
}

/**
 * Start `spec`; resolves to its pid (= its process group). `ended` runs
 * once it exited (the process reaps it, which may live on as a lumberjack).
 */
export function spawnDetached(spec: DetachedSpec, ended?: () => Promise<void>): number {
  const child = new Deno.Command("/bin/sh", {
    args: ["-c", spec.script, spec.name, ...spec.argv],
    cwd: spec.cwd,
    env: spec.env,
    clearEnv: true,
    stdin: "null",
    stdout: "null",
    stderr: "null",
    detached: true,
  }).spawn();
  child.unref();
  child.status.catch(() => {}).finally(() => ended?.().catch(() => {}));
  return child.pid;
}
