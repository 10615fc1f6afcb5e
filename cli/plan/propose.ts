/**
 * `sase plan propose FILE`: submit a plan for approval.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import type { SddTier } from "../../core/sdd/layout.ts";
import { proposePlan } from "../../core/sdd/proposals.ts";
import { inert } from "./inert.ts";

/** Run `sase plan propose`. */
export async function runPropose(
  app: AppContext,
  planFile: string,
  options: { promptFile?: string; tier?: SddTier },
): Promise<void> {
  const proposal = await proposePlan({
    env: app.env,
    cwd: app.cwd,
    planFile,
    promptFile: options.promptFile,
    tier: options.tier,
  });
  const id = proposal.notification.id;
  console.log(`Plan proposed: ${inert(proposal.request.title)} (${proposal.request.tier})`);
  console.log(`  id: ${id}`);
  console.log(`  archived: ${inert(proposal.request.plan_file)}`);
  console.log(`Approve with: sase plan approve ${id.slice(0, 8)} --kind ${proposal.request.tier}`);
}
