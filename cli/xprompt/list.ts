/**
 * `sase xprompt list`: the catalog as a JSON array.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { xpromptCatalog } from "../../core/xprompt/service.ts";
import { catalogWire } from "../../core/xprompt/wire.ts";
import { printJson } from "../shared/output.ts";

/** Run `sase xprompt list`. */
export async function runList(app: AppContext): Promise<void> {
  printJson(catalogWire(await xpromptCatalog(app)));
}
