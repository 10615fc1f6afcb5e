/**
 * Finding executables on `PATH` without running them.
 *
 * @module
 */

import { delimiter, isAbsolute, join } from "./path.ts";

/**
 * Synchronous on purpose: a lookup is mostly misses (every `PATH` entry
 * without the command), and a refused asynchronous `stat` costs about ten
 * times a synchronous one (the rejected promise, the error object), which
 * added up to 5 ms of CPU in `sase doctor`'s few dozen lookups.
 */
function isExecutableFile(path: string): boolean {
  try {
    const info = Deno.statSync(path);
    if (!info.isFile) return false;
    if (Deno.build.os === "windows") return true;
    return info.mode !== null && (info.mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

function lookUp(command: string, searchPath: string | undefined): string | null {
  if (command.includes("/") || isAbsolute(command)) {
    return isExecutableFile(command) ? command : null;
  }
  for (const dir of (searchPath ?? "").split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, command);
    if (isExecutableFile(candidate)) return candidate;
  }
  return null;
}

/**
 * The absolute path of `command` on `searchPath` (a `PATH` value, entries
 * separated by the platform's delimiter), or `command` itself when it names a
 * path; `null` when it is not an executable file.
 */
export function which(command: string, searchPath: string | undefined): Promise<string | null> {
  return Promise.resolve(lookUp(command, searchPath));
}

/**
 * {@linkcode which} as a plain call: for a check that must not wait behind
 * whatever else the event loop is busy with (module loading at start-up).
 */
export function whichSync(command: string, searchPath: string | undefined): string | null {
  return lookUp(command, searchPath);
}
