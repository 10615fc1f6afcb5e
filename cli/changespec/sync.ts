/**
 * `sase changespec sync NAME`: sync a ChangeSpec's branch with its remote.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { syncChangeSpec } from "../../core/changespec/ops/sync.ts";
import { syncWire } from "../../core/changespec/ops/wire.ts";
import { type OpOptions, opTarget, reportDeltas, say } from "../shared/changespec_ops.ts";
import { printJson } from "../shared/output.ts";

/** Run `sase changespec sync`. */
export async function runSync(
  app: AppContext,
  name: string,
  options: OpOptions & { json?: boolean },
): Promise<void> {
  const result = await syncChangeSpec(app, opTarget(name, options));
  if (options.json) return printJson(syncWire(result));
  say(`synced ${result.name} (${result.revision}) with the remote`);
  reportDeltas(app, result.deltas);
}
