/**
 * Finding executables on `PATH` without running them.
 *
 * @module
 */

import { delimiter, isAbsolute, join } from "./path.ts";

function isExecutable(info: Deno.FileInfo): boolean {
  if (!info.isFile) return false;
  if (Deno.build.os === "windows") return true;
  return info.mode !== null && (info.mode & 0o111) !== 0;
}

/** The paths `command` may be found at on `searchPath`, in order. */
function candidates(command: string, searchPath: string | undefined): string[] {
  if (command.includes("/") || isAbsolute(command)) return [command];
  return (searchPath ?? "").split(delimiter).filter((dir) => dir !== "")
    .map((dir) => join(dir, command));
}

/**
 * The absolute path of `command` on `searchPath` (a `PATH` value, entries
 * separated by the platform's delimiter), or `command` itself when it names a
 * path; `null` when it is not an executable file.
 */
export async function which(
  command: string,
  searchPath: string | undefined,
): Promise<string | null> {
  for (const candidate of candidates(command, searchPath)) {
    const info = await Deno.stat(candidate).catch(() => undefined);
    if (info && isExecutable(info)) return candidate;
  }
  return null;
}

/**
 * {@linkcode which} without yielding: for a check that must not wait behind
 * whatever else the event loop is busy with (module loading at start-up).
 */
export function whichSync(command: string, searchPath: string | undefined): string | null {
  for (const candidate of candidates(command, searchPath)) {
    let info: Deno.FileInfo;
    try {
      info = Deno.statSync(candidate);
    } catch {
      continue;
    }
    if (isExecutable(info)) return candidate;
  }
  return null;
}
