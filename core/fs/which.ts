/**
 * Finding executables on `PATH` without running them.
 *
 * @module
 */

import { delimiter, isAbsolute, join } from "node:path";
import type { Env } from "../config/paths.ts";

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

/** The absolute path of `command` on `env.PATH` (or itself if absolute), or `null`. */
export async function which(command: string, env: Env): Promise<string | null> {
  if (command.includes("/") || isAbsolute(command)) {
    return (await isExecutableFile(command)) ? command : null;
  }
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, command);
    if (await isExecutableFile(candidate)) return candidate;
  }
  return null;
}
