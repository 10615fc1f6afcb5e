/**
 * Where a script chop's executable is (handbook 5.5.3): an executable named
 * like the chop in one of `axe.chop_script_dirs`, else `sase_chop_<name>`
 * beside the running sase binary, else sase's own built-in chop of that
 * name (the original shipped its chops as `sase_chop_*` scripts beside its
 * interpreter; here they run inside the lumberjack), else
 * `sase_chop_<name>` on `PATH`.
 *
 * @module
 */

import { dirname, join } from "../fs/path.ts";
import { whichSync } from "../fs/which.ts";
import type { Env } from "../config/paths.ts";

/** What runs a chop. */
export type ChopExecutable =
  | { kind: "script"; path: string; foundIn: "chop_script_dirs" | "beside_binary" | "path" }
  | { kind: "builtin"; name: string }
  | { kind: "missing" };

/** Resolve the executable of the script chop `name`. */
export function resolveChopScript(
  name: string,
  scriptDirs: readonly string[],
  builtins: ReadonlySet<string>,
  env: Env,
): ChopExecutable {
  for (const dir of scriptDirs) {
    const path = whichSync(join(dir, name), undefined);
    if (path) return { kind: "script", path, foundIn: "chop_script_dirs" };
  }
  const beside = whichSync(join(dirname(Deno.execPath()), `sase_chop_${name}`), undefined);
  if (beside) return { kind: "script", path: beside, foundIn: "beside_binary" };
  if (builtins.has(name)) return { kind: "builtin", name };
  const onPath = whichSync(`sase_chop_${name}`, env.PATH);
  if (onPath) return { kind: "script", path: onPath, foundIn: "path" };
  return { kind: "missing" };
}
