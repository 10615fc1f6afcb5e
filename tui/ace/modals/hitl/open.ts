/**
 * Opening the HITL modal for an agent (from an `HITL` notification's
 * `action_data.agent_name`, or a WAITING INPUT row): the pending request
 * comes from `pendingCheckpoint`, which refuses a run that waits at none.
 *
 * @module
 */

import type { AppContext } from "../../../../core/context.ts";
import { pendingCheckpoint } from "../../../../core/workflow/hitl_service.ts";
import type { AceModal } from "../modal.ts";
import { HitlModal } from "./controller.ts";

/** The HITL modal of the checkpoint agent `agent` waits at. */
export async function loadHitl(app: AppContext, agent: string): Promise<AceModal> {
  const pending = await pendingCheckpoint(app, agent);
  return new HitlModal({ agent: pending.name, request: pending.request, feedback: null });
}
