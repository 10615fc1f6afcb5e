/**
 * `sase config layers`: the merge chain as a table (its warnings on stderr).
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { configLayersWire } from "../../core/config/wire.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";
import { formatTable, printJson } from "../shared/output.ts";

/** Run `sase config layers`. */
export async function runLayers(app: AppContext, options: { json?: boolean }): Promise<void> {
  const loaded = await app.config();
  const chain = configLayersWire(loaded);
  if (options.json) return printJson(chain);
  console.log(formatTable(
    ["#", "LAYER", "LISTS", "KEYS", "PATH"],
    chain.layers.map((row) => [
      String(row.order),
      row.name,
      row.list_strategy,
      row.exists ? String(row.keys) : "-",
      neutralizeControls(row.exists ? row.path : `${row.path} (missing)`),
    ]),
  ));
  for (const warning of loaded.warnings) {
    const where = warning.line ? `${warning.path}:${warning.line}` : warning.path;
    app.warn(neutralizeControls(`${where}: ${warning.message}`));
  }
}
