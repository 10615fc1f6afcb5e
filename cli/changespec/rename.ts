/**
 * `sase changespec rename NAME NEW_NAME`: rename a ChangeSpec and its
 * branch.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { renameChangeSpec } from "../../core/changespec/ops/rename.ts";
import { renameWire } from "../../core/changespec/ops/wire.ts";
import { type OpOptions, opTarget, say } from "../shared/changespec_ops.ts";
import { printJson } from "../shared/output.ts";

/** Run `sase changespec rename`. */
export async function runRename(
  app: AppContext,
  name: string,
  newName: string,
  options: OpOptions & { json?: boolean },
): Promise<void> {
  const result = await renameChangeSpec(app, opTarget(name, options), newName);
  if (options.json) return printJson(renameWire(result));
  say(`renamed ${result.oldName} -> ${result.newName} (project ${result.project})`);
  if (result.branchAction === "renamed") say(`  branch renamed to ${result.branch}`);
  else if (result.branchAction === "aliased") {
    say(`  the branch keeps its name: ${result.newName} now maps to ${result.branch}`);
  } else say("  no branch to rename");
}
