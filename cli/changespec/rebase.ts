/**
 * `sase changespec rebase NAME [NEW_PARENT] [--root]`: move a ChangeSpec
 * onto a new parent.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { usageError } from "../../core/errors.ts";
import { rebaseChangeSpec } from "../../core/changespec/ops/rebase.ts";
import { rebaseWire } from "../../core/changespec/ops/wire.ts";
import { type OpOptions, opTarget, reportDeltas, say } from "../shared/changespec_ops.ts";
import { printJson } from "../shared/output.ts";

/** Run `sase changespec rebase`. */
export async function runRebase(
  app: AppContext,
  name: string,
  newParent: string | undefined,
  options: OpOptions & { root?: boolean; json?: boolean },
): Promise<void> {
  if ((newParent === undefined) === !options.root) {
    throw usageError(
      "give the new parent's NAME or --root (no parent), exactly one of them",
      "PARENT is a ChangeSpec name, never a VCS ref",
    );
  }
  const result = await rebaseChangeSpec(app, opTarget(name, options), newParent ?? null);
  if (options.json) return printJson(rebaseWire(result));
  const from = result.oldParent ?? "(no parent)";
  const to = result.newParent ?? "(no parent)";
  say(`rebased ${result.name} onto ${result.onto}; PARENT: ${from} -> ${to}`);
  reportDeltas(app, result.deltas);
}
