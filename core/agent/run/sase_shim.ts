/**
 * Agents call `sase` themselves (`sase var set`, `sase plan propose`,
 * `sase artifact create`), so the sase that launched them must be the one
 * they find: a small `sase` shim under `SASE_HOME/bin` execs this very
 * program, and that directory leads the agent's `PATH`.
 *
 * @module
 */

import { delimiter, join } from "../../fs/path.ts";
import type { Env } from "../../config/paths.ts";
import { saseHome } from "../../config/paths.ts";
import { atomicWriteTextFile } from "../../fs/atomic_write.ts";
import { saseShellCommand } from "../../self_command.ts";
import { READ_LIMITS, readTextBounded } from "../../fs/bounded_read.ts";

/** Write (or refresh) the shim; resolves to the directory holding it. */
export async function ensureSaseShim(env: Env): Promise<string> {
  const dir = join(saseHome(env), "bin");
  const path = join(dir, "sase");
  const script = `#!/bin/sh\nexec ${saseShellCommand()} "$@"\n`;
  const current = await readTextBounded(path, READ_LIMITS.record).catch(() => undefined);
  if (current !== script) {
    // Created executable before it is renamed into place: a concurrent exec never sees it half-made.
    await atomicWriteTextFile(path, script, { mode: 0o755 });
  }
  return dir;
}

/** `PATH` with the shim directory first. */
export function pathWithShim(shimDir: string, path: string | undefined): string {
  return path ? `${shimDir}${delimiter}${path}` : shimDir;
}
