/**
 * The processes of one run, found by what they carry rather than by pid:
 * every process sase starts for a run (the provider, whatever it starts,
 * the jail around them) inherits `SASE_ARTIFACTS_DIR=<run dir>`. This finds
 * them when pids cannot: inside the jail's own pid namespace, after a
 * detach (`setsid`), or when the runner died before it recorded a pid.
 *
 * Linux only (`/proc/<pid>/environ`); elsewhere it finds nothing. A process
 * that clears its environment is not found here; in the jail it still dies
 * with the jail.
 *
 * @module
 */

import { processInfo } from "../index/liveness.ts";

/** Live pids (this process excluded) whose environment names `dir` as their run. */
export function runProcesses(dir: string): number[] {
  if (Deno.build.os !== "linux") return [];
  const marker = new TextEncoder().encode(`SASE_ARTIFACTS_DIR=${dir}\0`);
  const found: number[] = [];
  for (const entry of Deno.readDirSync("/proc")) {
    const pid = Number(entry.name);
    if (!Number.isInteger(pid) || pid === Deno.pid) continue;
    try {
      const environ = Deno.readFileSync(`/proc/${pid}/environ`);
      if (contains(environ, marker)) found.push(pid);
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return found;
}

/** Whether `marker` occurs in `bytes` at the start of an entry. */
function contains(bytes: Uint8Array, marker: Uint8Array): boolean {
  outer: for (let start = 0; start + marker.length <= bytes.length; start++) {
    if (start > 0 && bytes[start - 1] !== 0) continue;
    for (let index = 0; index < marker.length; index++) {
      if (bytes[start + index] !== marker[index]) continue outer;
    }
    return true;
  }
  return false;
}

/**
 * Send `signal` to every process of the run in `dir` that is outside this
 * process's own group. A jail runs its command in a session of its own, so
 * when its outer process dies before it could take the rest down with it,
 * this is what still finds them; sparing our own group keeps the helpers
 * this process started for the run (the jail's proxy relays) alive.
 */
export function signalRunProcesses(dir: string, signal: Deno.Signal): void {
  const own = processInfo(Deno.pid)?.pgid;
  for (const pid of runProcesses(dir)) {
    if (own !== undefined && processInfo(pid)?.pgid === own) continue;
    try {
      Deno.kill(pid, signal);
    } catch {
      // Gone meanwhile, or not ours to signal.
    }
  }
}
