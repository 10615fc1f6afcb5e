/**
 * Is a recorded pid still the process that was recorded? On Linux `/proc`
 * answers three questions a plain `kill -0` cannot: a zombie (exited, not yet
 * reaped — common for orphans in containers whose PID 1 never reaps) is dead,
 * a pid that was reused by a newer process is not our runner, and a process
 * group's live members can be listed even after its leader exited.
 *
 * @module
 */

import { isProcessAlive } from "../../process_liveness.ts";

/** What `/proc/<pid>/stat` says about a live process. */
export interface ProcessInfo {
  pid: number;
  /** Its process group. */
  pgid: number;
  /** When it started (epoch ms); `null` where the platform does not say. */
  startedAtMs: number | null;
}

/** Clock ticks per second of `/proc` start times (USER_HZ, 100 on every mainstream kernel). */
const USER_HZ = 100;

let bootTimeMs: number | null | undefined;

function bootTime(): number | null {
  if (bootTimeMs !== undefined) return bootTimeMs;
  try {
    const match = /^btime (\d+)$/m.exec(Deno.readTextFileSync("/proc/stat"));
    bootTimeMs = match ? Number(match[1]) * 1000 : null;
  } catch {
    bootTimeMs = null;
  }
  return bootTimeMs;
}

/** Parse one `/proc/<pid>/stat` line; `null` for a zombie or dead process. */
export function parseProcStat(
  pid: number,
  text: string,
  bootMs: number | null,
): ProcessInfo | null {
  // The command name is parenthesised and may itself contain spaces or ')'.
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  const state = fields[0];
  if (state === "Z" || state === "X" || state === "x") return null;
  const ticks = Number(fields[19]);
  return {
    pid,
    pgid: Number(fields[2]),
    startedAtMs: bootMs !== null && Number.isFinite(ticks) ? bootMs + ticks * 1000 / USER_HZ : null,
  };
}

/** The live process `pid`, or `null` when it is gone or a zombie. */
export function processInfo(pid: number): ProcessInfo | null {
  if (!Number.isInteger(pid) || pid <= 0) return null;
  if (Deno.build.os !== "linux") {
    return isProcessAlive(pid) ? { pid, pgid: pid, startedAtMs: null } : null;
  }
  try {
    return parseProcStat(pid, Deno.readTextFileSync(`/proc/${pid}/stat`), bootTime());
  } catch {
    return null;
  }
}

/**
 * Slack for comparing a process start time with a file time: `/proc` start
 * times have tick precision and the boot time whole seconds.
 */
const START_SLACK_MS = 2000;

/**
 * The live process `pid` if it can be the one recorded in a file last
 * modified at `recordedAtMs`: whoever wrote the pid was running by then, so
 * a process that started later is an unrelated one that reused the number.
 */
export function recordedProcess(pid: number, recordedAtMs?: number | null): ProcessInfo | null {
  const info = processInfo(pid);
  if (!info) return null;
  if (
    recordedAtMs != null && info.startedAtMs !== null &&
    info.startedAtMs > recordedAtMs + START_SLACK_MS
  ) {
    return null;
  }
  return info;
}

/** Live (non-zombie) members of process group `pgid`. */
export function processGroupMembers(pgid: number): number[] {
  if (!Number.isInteger(pgid) || pgid <= 1) return [];
  if (Deno.build.os !== "linux") {
    const alive = new Deno.Command("kill", { args: ["-0", "--", `-${pgid}`], stderr: "null" })
      .outputSync().success;
    return alive ? [pgid] : [];
  }
  const members: number[] = [];
  const boot = bootTime();
  for (const entry of Deno.readDirSync("/proc")) {
    if (!/^\d+$/.test(entry.name)) continue;
    const pid = Number(entry.name);
    try {
      const info = parseProcStat(pid, Deno.readTextFileSync(`/proc/${pid}/stat`), boot);
      if (info?.pgid === pgid) members.push(pid);
    } catch {
      // Exited while we looked.
    }
  }
  return members;
}
