/**
 * `sase revert NAME`: the handler.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { revertChangeSpec } from "../../core/changespec/ops/revert.ts";
import { revertWire } from "../../core/changespec/ops/wire.ts";
import { type OpOptions, opTarget, say } from "../shared/changespec_ops.ts";
import { printJson } from "../shared/output.ts";

/** Run `sase revert`. */
export async function runRevert(
  app: AppContext,
  name: string,
  options: OpOptions & { json?: boolean },
): Promise<void> {
  const result = await revertChangeSpec(app, opTarget(name, options, true));
  if (options.json) return printJson(revertWire(result));
  say(`reverted ${result.name} (project ${result.project})`);
  say(`  diff saved to ${result.diffPath}`);
  if (result.leftFor !== null) say(`  checked out ${result.leftFor} to leave ${result.revision}`);
  say(`  deleted branch ${result.revision}`);
  const moved = result.status.archived === "to" ? ` (moved to ${result.project}-archive.sase)` : "";
  say(`  STATUS: ${result.status.oldStatus} -> ${result.status.newStatus}${moved}`);
}
