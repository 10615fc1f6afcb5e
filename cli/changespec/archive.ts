/**
 * `sase changespec archive NAME`: save a ChangeSpec's diff, archive its
 * branch and mark it Archived. Destructive: asks first, or needs `-y`.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { archiveChangeSpec } from "../../core/changespec/ops/archive.ts";
import { archiveWire } from "../../core/changespec/ops/wire.ts";
import { type OpOptions, opTarget, say } from "../shared/changespec_ops.ts";
import { printJson } from "../shared/output.ts";

/** Run `sase changespec archive`. */
export async function runArchive(
  app: AppContext,
  name: string,
  options: OpOptions & { json?: boolean },
): Promise<void> {
  const result = await archiveChangeSpec(app, opTarget(name, options, true));
  if (options.json) return printJson(archiveWire(result));
  say(`archived ${result.name} (project ${result.project})`);
  say(`  diff saved to ${result.diffPath}`);
  say(`  branch ${result.revision} archived`);
  const moved = result.status.archived === "to" ? ` (moved to ${result.project}-archive.sase)` : "";
  say(`  STATUS: ${result.status.oldStatus} -> ${result.status.newStatus}${moved}`);
}
