/**
 * `sase changespec mail NAME`: push a ChangeSpec's branch for review.
 * Publishes the branch: asks first, or needs `-y`.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { mailChangeSpec } from "../../core/changespec/ops/mail.ts";
import { mailWire } from "../../core/changespec/ops/wire.ts";
import { type OpOptions, opTarget, say } from "../shared/changespec_ops.ts";
import { printJson } from "../shared/output.ts";

/** Run `sase changespec mail`. */
export async function runMail(
  app: AppContext,
  name: string,
  options: OpOptions & { json?: boolean },
): Promise<void> {
  const result = await mailChangeSpec(app, opTarget(name, options, true));
  if (options.json) return printJson(mailWire(result));
  say(`mailed ${result.name} (${result.revision})`);
  if (result.prUrl !== null) say(`  PR: ${result.prUrl}${result.prStored ? " (stored)" : ""}`);
  if (result.status !== null) {
    say(`  STATUS: ${result.status.oldStatus} -> ${result.status.newStatus}`);
  }
}
