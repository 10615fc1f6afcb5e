/**
 * Opening prompt history: the prompts come from `listPrompts`, the service
 * behind `sase prompt list`, cancelled ones included (the modal's toggle
 * decides whether they show).
 *
 * @module
 */

import type { AppContext } from "../../../../core/context.ts";
import { listPrompts } from "../../../../core/xprompt/history/service.ts";
import { lineInput } from "../../../widgets/line_input.ts";
import type { AceModal } from "../modal.ts";
import { type BarMaker, PromptHistoryModal } from "./controller.ts";

/** What the modal opens with. */
export interface HistoryOpenOptions {
  /** The search text it starts with. */
  filter?: string;
  /** Show cancelled prompts (`,>`). */
  showCancelled?: boolean;
  /** The modal `Esc` returns to (the prompt bar it was opened from). */
  back?: AceModal | null;
}

/** The prompt history modal over the stored prompts. */
export async function loadPromptHistory(
  app: AppContext,
  bar: BarMaker,
  options: HistoryOpenOptions = {},
): Promise<AceModal> {
  const entries = await listPrompts(app.env, { cancelled: "include" });
  return new PromptHistoryModal(
    {
      entries,
      filter: lineInput(options.filter ?? ""),
      showCancelled: options.showCancelled ?? false,
      selected: 0,
    },
    bar,
    options.back ?? null,
  );
}
