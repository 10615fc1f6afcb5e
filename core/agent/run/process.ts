/**
 * Spawning a provider CLI in its own process group and streaming its output
 * with a watchdog. A run with no output for the stall timeout is killed; so
 * is anything the provider left behind when it exits: the whole group is
 * signalled, so no orphan outlives the run.
 *
 * @module
 */

import { join } from "../../fs/path.ts";
import type { Env } from "../../config/paths.ts";
import { SaseError } from "../../errors.ts";
import { which } from "../../fs/which.ts";

/** How to run one provider process. */
export interface SpawnSpec {
  argv: string[];
  cwd: string;
  /** The child's complete environment. */
  env: Record<string, string>;
  stdin?: string;
  /** Kill the run after this long without any stdout/stderr output. */
  stallTimeoutMs: number;
  /** Grace between SIGTERM and SIGKILL for a stalled run. */
  killGraceMs?: number;
  /** Called with each stdout line, in order; awaited before the next. */
  onLine(line: string): Promise<void> | void;
  /** Called once the child is running. */
  onSpawn?(pid: number): Promise<void> | void;
  /**
   * Signals the child's process group. Signalling a group needs full run
   * permission, which a sandboxed launch lacks, so the sandbox routes it to
   * the trusted launcher; the default signals directly.
   */
  signalGroup?(pid: number, signal: Deno.Signal): Promise<void> | void;
  /**
   * The watchdog's timer functions (default: the global ones). Tests pass
   * their own to see which timers the watchdog leaves armed.
   */
  timers?: WatchdogTimers;
}

/** A timer handle. */
export type TimerId = ReturnType<typeof setTimeout>;

/** Timer functions the watchdog uses. */
export interface WatchdogTimers {
  set(callback: () => void, ms: number): TimerId;
  clear(id: TimerId | undefined): void;
}

const GLOBAL_TIMERS: WatchdogTimers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (id) => clearTimeout(id),
};

/** How the process ended. */
export interface ProcessExit {
  pid: number;
  code: number;
  signal: string | null;
  /** The watchdog killed it for silence. */
  stalled: boolean;
  /** The last 64 KiB of stderr. */
  stderr: string;
}

const STDERR_LIMIT = 64 * 1024;

/** Resolve `command` on PATH, then in directories named by `fallbackDirEnvs`. */
export async function resolveExecutable(
  command: string,
  env: Env,
  fallbackDirEnvs: readonly string[] = [],
): Promise<string | null> {
  const found = await which(command, env.PATH);
  if (found || command.includes("/")) return found;
  for (const name of fallbackDirEnvs) {
    const dir = env[name];
    if (dir) {
      const candidate = await which(join(dir, command), env.PATH);
      if (candidate) return candidate;
    }
  }
  return null;
}

/** Signal the process group led by `pid`, ignoring a group that is already gone. */
export function signalProcessGroup(pid: number, signal: Deno.Signal): void {
  try {
    Deno.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

async function pump(
  stream: ReadableStream<Uint8Array>,
  onChunk: (text: string) => Promise<void>,
): Promise<void> {
  const reader = stream.pipeThrough(new TextDecoderStream()).getReader();
  while (true) {
    const { value, done } = await reader.read();
    if (done) return;
    await onChunk(value);
  }
}

/** Run `spec` to completion under the watchdog. */
export async function runProcess(spec: SpawnSpec): Promise<ProcessExit> {
  const [program, ...args] = spec.argv;
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command(program, {
      args,
      cwd: spec.cwd,
      env: spec.env,
      clearEnv: true,
      stdin: spec.stdin === undefined ? "null" : "piped",
      stdout: "piped",
      stderr: "piped",
      // Its own session and process group, so the watchdog can kill the tree.
      detached: true,
    }).spawn();
  } catch (error) {
    throw new SaseError("provider.spawn", `cannot start '${program}': ${String(error)}`, {
      hint: "check the provider's path variable and that the executable runs",
      kind: "unavailable",
    });
  }
  const pid = child.pid;
  const killGroup = (signal: Deno.Signal) =>
    Promise.resolve((spec.signalGroup ?? signalProcessGroup)(pid, signal)).catch(() => {});
  await spec.onSpawn?.(pid);

  const timers = spec.timers ?? GLOBAL_TIMERS;
  let stalled = false;
  let exited = false;
  let timer: TimerId | undefined;
  const arm = () => {
    timers.clear(timer);
    // Output still draining after the exit must not re-arm a (15-minute) timer.
    if (exited) return;
    timer = timers.set(() => {
      stalled = true;
      killGroup("SIGTERM");
      timer = timers.set(() => killGroup("SIGKILL"), spec.killGraceMs ?? 2000);
    }, spec.stallTimeoutMs);
  };
  arm();

  if (spec.stdin !== undefined) {
    const writer = child.stdin.getWriter();
    // A provider that exits without reading its prompt closes the pipe early.
    await writer.write(new TextEncoder().encode(spec.stdin)).catch(() => {});
    await writer.close().catch(() => {});
  }

  let stderr = "";
  let pending = "";
  const stdoutDone = pump(child.stdout, async (text) => {
    if (!stalled) arm();
    pending += text;
    let newline: number;
    while ((newline = pending.indexOf("\n")) !== -1) {
      const line = pending.slice(0, newline).replace(/\r$/, "");
      pending = pending.slice(newline + 1);
      await spec.onLine(line);
    }
  });
  const stderrDone = pump(child.stderr, (text) => {
    if (!stalled) arm();
    stderr = (stderr + text).slice(-STDERR_LIMIT);
    return Promise.resolve();
  });

  const status = await child.status;
  exited = true;
  timers.clear(timer);
  // Whatever the provider left running would hold our pipes open: end it.
  await killGroup("SIGKILL");
  await Promise.all([stdoutDone, stderrDone]);
  if (pending !== "") await spec.onLine(pending);
  return { pid, code: status.code, signal: status.signal, stalled, stderr };
}
