/**
 * Finding executables on `PATH` without running them.
 *
 * @module
 */

import { delimiter, isAbsolute, join } from "./path.ts";

async function isExecutableFile(path: string): Promise<boolean> {
  try {
    const info = await Deno.stat(path);
    if (!info.isFile) return false;
    if (Deno.build.os === "windows") return true;
    return info.mode !== null && (info.mode & 0o111) !== 0;
  } catch {
    return false;
  }
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
  if (command.includes("/") || isAbsolute(command)) {
    return (await isExecutableFile(command)) ? command : null;
  }
  for (const dir of (searchPath ?? "").split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, command);
    if (await isExecutableFile(candidate)) return candidate;
  }
  return null;
}
