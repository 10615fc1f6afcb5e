/**
 * The diffs revert and archive keep so a ChangeSpec can be restored
 * (handbook 22.6.1): `SASE_HOME/reverted/<name>.diff` for reverted specs,
 * `SASE_HOME/archived/<name>.diff` for archived ones. A saved diff is the
 * only copy of the work once its branch is gone, so one is never
 * overwritten.
 *
 * @module
 */

import { type Env, saseHome } from "../../config/paths.ts";
import { SaseError } from "../../errors.ts";
import { exists } from "../../fs/access.ts";
import { atomicWriteTextFile } from "../../fs/atomic_write.ts";
import { join } from "../../fs/path.ts";

/** Which operation saved a diff. */
export type SavedDiffKind = "reverted" | "archived";

/** `SASE_HOME/<kind>/<name>.diff`. */
export function savedDiffPath(kind: SavedDiffKind, name: string, env: Env): string {
  return join(saseHome(env), kind, `${name}.diff`);
}

/** Refuse when `name` already has a saved diff of `kind` (it would be lost). */
export async function requireNoSavedDiff(
  kind: SavedDiffKind,
  name: string,
  env: Env,
): Promise<string> {
  const path = savedDiffPath(kind, name, env);
  if (await exists(path)) {
    throw new SaseError(
      "changespec.saved_diff_exists",
      `${path} already exists; refusing to overwrite the saved diff of an earlier ${
        kind === "reverted" ? "revert" : "archive"
      } of '${name}'`,
      { hint: `move ${path} aside, then retry`, kind: "conflict" },
    );
  }
  return path;
}

/** Write `diff` as `name`'s saved diff of `kind` (atomically, never over an existing one). */
export async function saveDiff(
  kind: SavedDiffKind,
  name: string,
  diff: string,
  env: Env,
): Promise<string> {
  const path = await requireNoSavedDiff(kind, name, env);
  await atomicWriteTextFile(path, diff);
  return path;
}

/** `name`'s saved diff: the reverted one first, then the archived one; null when neither exists. */
export async function findSavedDiff(
  name: string,
  env: Env,
): Promise<{ kind: SavedDiffKind; path: string } | null> {
  for (const kind of ["reverted", "archived"] as const) {
    const path = savedDiffPath(kind, name, env);
    if (await exists(path)) return { kind, path };
  }
  return null;
}
