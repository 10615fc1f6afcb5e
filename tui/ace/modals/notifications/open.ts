/**
 * Opening the inbox (`i`): read the store through the inbox service `sase
 * notify list` uses and build the modal over the visible rows.
 *
 * @module
 */

import type { AppContext } from "../../../../core/context.ts";
import { listInbox } from "../../../../core/notify/inbox.ts";
import type { AceModal } from "../modal.ts";
import { type ActionOpener, InboxModal } from "./controller.ts";
import { createInbox } from "./context.ts";

/** The inbox over the store's current rows; `opener` answers `Enter` on plans, questions and HITL rows. */
export async function loadInbox(app: AppContext, opener: ActionOpener): Promise<AceModal> {
  const records = await listInbox(app);
  const now = app.now().getTime();
  return new InboxModal(createInbox(records, now), () => app.now().getTime(), opener);
}
