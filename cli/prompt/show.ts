/**
 * `sase prompt show SELECTOR`: one prompt, raw, as Markdown or as JSON.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { usageError } from "../../core/errors.ts";
import { findPrompt } from "../../core/xprompt/history/service.ts";
import { markdownView } from "../../core/xprompt/history/snapshot.ts";
import { promptDocumentWire } from "../../core/xprompt/history/wire.ts";
import { printJson } from "../shared/output.ts";

/** Run `sase prompt show`; `raw` writes the prompt's exact bytes. */
export async function runShow(
  app: AppContext,
  selector: string,
  options: { format: string },
): Promise<void> {
  const entry = await findPrompt(app.env, selector, { readable: true });
  if (options.format === "raw") await Deno.stdout.write(new TextEncoder().encode(entry.text));
  else if (options.format === "markdown") console.log(markdownView(entry));
  else if (options.format === "json") printJson(promptDocumentWire(entry));
  else throw usageError(`unknown format '${options.format}'`, "use raw, markdown or json");
}
