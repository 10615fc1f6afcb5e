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

import { SaseError } from "../../errors.ts";
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

/** How long {@linkcode pauseRunProcesses} waits for every process to stop. */
const STOP_DEADLINE_MS = 5_000;
const STOP_POLL_MS = 5;

/** Whether `pid` has stopped, or is gone (a zombie or no longer there). */
function stoppedOrGone(pid: number): boolean {
  try {
    const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
    // The command name is parenthesised and may itself contain spaces or ')'.
    const state = stat[stat.lastIndexOf(")") + 2];
    return state === "T" || state === "t" || state === "Z" || state === "X" || state === "x";
  } catch {
    return true;
  }
}

function signal(pid: number, name: Deno.Signal): void {
  try {
    Deno.kill(pid, name);
  } catch {
    // Gone meanwhile.
  }
}

/** The processes {@linkcode pauseRunProcesses} stopped; disposing it lets them go on. */
export interface RunPause extends AsyncDisposable {
  /** The pids it stopped. */
  readonly pids: readonly number[];
}

/**
 * Stop (SIGSTOP) every process of the run in `dir` outside this process's
 * own group (the jail's; see {@linkcode signalRunProcesses}) and wait until
 * each has stopped; disposing the result continues (SIGCONT) them. A
 * process may fork while the others are being stopped, so the run is
 * searched again until a search finds none still running: a stopped process
 * starts nothing. Throws when one does not stop within the deadline (after
 * continuing those it stopped). Linux only; elsewhere it stops nothing.
 */
export async function pauseRunProcesses(dir: string): Promise<RunPause> {
  const own = processInfo(Deno.pid)?.pgid;
  const stopped = new Set<number>();
  const resume = () => {
    for (const pid of stopped) signal(pid, "SIGCONT");
  };
  const deadline = Date.now() + STOP_DEADLINE_MS;
  try {
    while (true) {
      const running = runProcesses(dir).filter((pid) =>
        !stopped.has(pid) && (own === undefined || processInfo(pid)?.pgid !== own)
      );
      if (running.length === 0) break;
      for (const pid of running) {
        stopped.add(pid);
        signal(pid, "SIGSTOP");
      }
      while (!running.every(stoppedOrGone)) {
        if (Date.now() > deadline) {
          const late = running.filter((pid) => !stoppedOrGone(pid));
          throw new SaseError(
            "sandbox.pause",
            `the run's process${late.length > 1 ? "es" : ""} ${late.join(", ")} did not stop`,
            { kind: "failed" },
          );
        }
        await new Promise((done) => setTimeout(done, STOP_POLL_MS));
      }
    }
  } catch (error) {
    resume();
    throw error;
  }
  return {
    pids: [...stopped],
    [Symbol.asyncDispose]: () => Promise.resolve(resume()),
  };
}
