/**
 * `sase sdd links`: each prompt's and plan's link and its reverse link.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { sddLinks } from "../../core/sdd/service.ts";
import { sddLinksWire } from "../../core/sdd/wire.ts";
import { formatTable, printJson, style } from "../shared/output.ts";
import { inert } from "./text.ts";

/** Run `sase sdd links`. */
export async function runLinks(
  app: AppContext,
  options: { path?: string; json?: boolean },
): Promise<void> {
  const table = await sddLinks(app, options);
  if (options.json) return printJson(sddLinksWire(table));
  if (table.links.length === 0) {
    return console.log(`no prompt or plan files in ${inert(table.root)}`);
  }
  console.log(formatTable(
    ["PATH", "LINK", "STATUS"],
    table.links.map((row) => [
      inert(row.path),
      row.target === null ? "-" : inert(`${row.field}: ${row.target}`),
      row.target === null
        ? style("yellow", "unlinked")
        : !row.targetExists
        ? style("red", "missing target")
        : row.bidirectional
        ? style("green", "bidirectional")
        : style("red", "reverse link broken"),
    ]),
  ));
}
