/**
 * `sase prompt save SELECTOR`: keep a prompt as a reusable xprompt.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { savePrompt } from "../../core/xprompt/history/service.ts";

/** Run `sase prompt save`. */
export async function runSave(
  app: AppContext,
  selector: string,
  options: { name?: string; tag: string[]; global?: boolean; project?: string; force?: boolean },
): Promise<void> {
  const saved = await savePrompt(app, selector, { ...options, tags: options.tag });
  console.log(`saved ${saved.id} as ${saved.reference}: ${saved.path}`);
}
