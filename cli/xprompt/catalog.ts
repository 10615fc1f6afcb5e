/**
 * `sase xprompt catalog`: the structured catalog of every visible xprompt
 * and workflow as JSON — insertion text, reference prefix, kind, input
 * signature and typed inputs, source and definition path — the data a
 * picker (ACE, the gateway's mobile catalog, an editor) shows.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { homeDir } from "../../core/config/paths.ts";
import { xpromptCatalog } from "../../core/xprompt/service.ts";
import { structuredCatalogWire } from "../../core/xprompt/wire.ts";
import { printJson } from "../shared/output.ts";

/** Run `sase xprompt catalog`. */
export async function runCatalog(app: AppContext): Promise<void> {
  printJson(structuredCatalogWire(await xpromptCatalog(app), homeDir(app.env)));
}
