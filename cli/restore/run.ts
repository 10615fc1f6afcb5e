/**
 * `sase restore [NAME] [-l]`: the handler.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { usageError } from "../../core/errors.ts";
import { listRevertedChangeSpecs, restoreChangeSpec } from "../../core/changespec/ops/restore.ts";
import { restorableListWire, restoreWire } from "../../core/changespec/ops/wire.ts";
import { type OpOptions, opTarget, reportDeltas, say } from "../shared/changespec_ops.ts";
import { formatTable, printJson } from "../shared/output.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";

/** Run `sase restore`. */
export async function runRestore(
  app: AppContext,
  name: string | undefined,
  options: OpOptions & { list?: boolean; json?: boolean },
): Promise<void> {
  if (options.list) {
    if (name !== undefined) throw usageError("give a NAME or -l/--list, not both");
    const specs = await listRevertedChangeSpecs(app);
    if (options.json) return printJson(restorableListWire(specs));
    if (specs.length === 0) return console.log("no reverted ChangeSpecs");
    console.log(neutralizeControls(formatTable(
      ["NAME", "PROJECT", "SAVED DIFF"],
      specs.map((s) => [s.name, s.project, s.diffPath ?? "(none)"]),
    )));
    return;
  }
  if (name === undefined) {
    throw usageError("missing NAME", "pass the ChangeSpec to restore, or -l to list them");
  }
  const result = await restoreChangeSpec(app, opTarget(name, options));
  if (options.json) return printJson(restoreWire(result));
  say(`restored ${result.name} (project ${result.project})`);
  say(`  applied ${result.diffPath} on ${result.base}`);
  if (result.prUrl !== null) say(`  PR: ${result.prUrl}`);
  const moved = result.status.archived === "from" ? ` (moved back to ${result.project}.sase)` : "";
  say(`  STATUS: ${result.status.oldStatus} -> ${result.status.newStatus}${moved}`);
  reportDeltas(app, result.deltas);
}
