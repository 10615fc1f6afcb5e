/**
 * `sase changespec sync-deltas -c NAME [-p FILE] [-w DIR]`: recompute one
 * ChangeSpec's DELTAS from the VCS state.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { syncDeltas } from "../../core/changespec/ops/deltas.ts";
import { syncDeltasWire } from "../../core/changespec/ops/wire.ts";
import { say } from "../shared/changespec_ops.ts";
import { printJson } from "../shared/output.ts";

/** Run `sase changespec sync-deltas`. */
export async function runSyncDeltas(
  app: AppContext,
  options: { clName: string; projectFile?: string; workspaceDir?: string; json?: boolean },
): Promise<void> {
  const result = await syncDeltas(app, {
    name: options.clName,
    projectFile: options.projectFile,
    workspaceDir: options.workspaceDir,
  });
  if (options.json) return printJson(syncDeltasWire(result));
  const count = result.deltas.length;
  say(
    `DELTAS refreshed for ${result.name} in ${result.projectFile}: ${
      count === 0 ? "no changed files (section removed)" : `${count} file(s)`
    }`,
  );
}
