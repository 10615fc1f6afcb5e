/**
 * Patch files handed to `apply_patch`: `~/` expanded, relative paths taken
 * from the checkout, and a missing one reported by name before any tool runs.
 *
 * @module
 */

import type { Env } from "../../core/env.ts";
import { SaseError } from "../../core/errors.ts";
import { exists } from "../../core/fs/access.ts";
import { isAbsolute, join } from "../../core/fs/path.ts";

/** `paths` resolved against `cwd`; a missing one is a `not-found` error naming it. */
export async function existingPatches(
  cwd: string,
  paths: readonly string[],
  env: Env,
): Promise<string[]> {
  const resolved: string[] = [];
  for (const path of paths) {
    const expanded = path.startsWith("~/") && env.HOME ? join(env.HOME, path.slice(2)) : path;
    const absolute = isAbsolute(expanded) ? expanded : join(cwd, expanded);
    if (!(await exists(absolute))) {
      throw new SaseError("vcs.patch_missing", `Diff file not found: ${path}`, {
        kind: "not-found",
      });
    }
    resolved.push(absolute);
  }
  return resolved;
}
