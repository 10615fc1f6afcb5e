/**
 * What the benchmarks that run `sase` share: a child process from source in
 * a throwaway home (Deno's module cache kept where it is, so nothing is
 * downloaded), its CPU and wall time, and what it printed.
 *
 * @module
 */

import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type ProcessTime, processTime } from "./_measure.ts";

/** `main.ts` of this checkout. */
export const MAIN = fileURLToPath(new URL("../../main.ts", import.meta.url));

/** Deno's module cache as this process finds it (a child with another HOME must not move it). */
function denoDir(): string {
  const env = Deno.env.toObject();
  if (env.DENO_DIR) return env.DENO_DIR;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, "deno");
  return join(env.HOME ?? "/root", ".cache", "deno");
}

/** The environment of a `sase` child whose home is `home` (`SASE_HOME` is `home/.sase`), plus `extra`. */
export function homeEnv(home: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    HOME: home,
    SASE_HOME: join(home, ".sase"),
    NO_COLOR: "1",
    DENO_NO_UPDATE_CHECK: "1",
    DENO_DIR: denoDir(),
    ...extra,
  };
}

/** The command that runs `sase <args>` from source. */
export function saseCommand(args: readonly string[]): string[] {
  return [Deno.execPath(), "run", "-A", "--unstable-worker-options", MAIN, ...args];
}

/** One `sase <args>` process: its times and its stdout (a failing command fails the bench). */
export async function timeSase(
  args: readonly string[],
  env: Record<string, string>,
): Promise<ProcessTime & { stdout: string }> {
  const out = await Deno.makeTempFile({ prefix: "sase-bench-out-" });
  try {
    const time = await processTime(
      ["bash", "-c", `"$@" > '${out}'`, "sase", ...saseCommand(args)],
      {
        env,
      },
    );
    return { ...time, stdout: await Deno.readTextFile(out) };
  } finally {
    await Deno.remove(out);
  }
}
