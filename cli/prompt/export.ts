/**
 * `sase prompt export SELECTOR`: a prompt to stdout, a file or an SDD
 * snapshot.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { exportPrompt } from "../../core/xprompt/history/service.ts";
import { promptExportWire } from "../../core/xprompt/history/wire.ts";
import { printJson } from "../shared/output.ts";

/** Run `sase prompt export`; without a file the text goes to stdout byte for byte. */
export async function runExport(
  app: AppContext,
  selector: string,
  options: { sdd?: boolean; output?: string; metadata?: boolean; force?: boolean; json?: boolean },
): Promise<void> {
  const exported = await exportPrompt(app, selector, options);
  if (!exported.path) {
    await Deno.stdout.write(new TextEncoder().encode(exported.text));
    return;
  }
  if (options.json) printJson(promptExportWire(exported.id, exported.path));
  else console.log(exported.path);
}
