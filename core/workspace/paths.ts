/**
 * Path text as users and ProjectSpecs write it: `~`, `$VAR`/`${VAR}` and
 * paths relative to the launching directory.
 *
 * @module
 */

import { isAbsolute, resolve } from "../fs/path.ts";
import { type Env, homeDir } from "../config/paths.ts";

/** Expand `~` and environment variables, then resolve `raw` against `cwd`. */
export function expandPath(raw: string, env: Env, cwd: string): string {
  let text = raw.trim();
  if (text === "~" || text.startsWith("~/")) text = homeDir(env) + text.slice(1);
  text = text.replace(
    /\$(?:\{(\w+)\}|(\w+))/g,
    (match, braced: string | undefined, bare: string | undefined) =>
      env[braced ?? bare ?? ""] ?? match,
  );
  return isAbsolute(text) ? resolve(text) : resolve(cwd, text);
}
