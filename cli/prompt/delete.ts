/**
 * `sase prompt delete SELECTOR`: remove one prompt, after confirmation.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { promptId } from "../../core/xprompt/history/model.ts";
import { deletePrompt, promptToDelete } from "../../core/xprompt/history/service.ts";
import { confirmOrRequireYes } from "../shared/confirm.ts";

/** Run `sase prompt delete`. */
export async function runDelete(
  app: AppContext,
  selector: string,
  options: { yes?: boolean },
): Promise<void> {
  const entry = await promptToDelete(app.env, selector);
  const id = promptId(entry.text);
  confirmOrRequireYes({
    yes: options.yes,
    question: `Delete ${id}?`,
    action: `deleting prompt ${id}`,
    declined: "aborted; nothing was deleted",
  });
  await deletePrompt(app.env, entry);
  console.log(`deleted ${id}`);
}
