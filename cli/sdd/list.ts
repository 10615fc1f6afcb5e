/**
 * `sase sdd list`: the tree's prompt and plan files.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { sddFiles } from "../../core/sdd/service.ts";
import { sddListingWire } from "../../core/sdd/wire.ts";
import { formatTable, printJson } from "../shared/output.ts";
import { inert } from "./text.ts";

/** Run `sase sdd list`. */
export async function runList(
  app: AppContext,
  options: { path?: string; kind: string; json?: boolean },
): Promise<void> {
  const listing = await sddFiles(app, options);
  if (options.json) return printJson(sddListingWire(listing));
  if (listing.files.length === 0) return console.log(`no SDD files in ${inert(listing.root)}`);
  console.log(
    formatTable(
      ["KIND", "PATH"],
      listing.files.map((row) => [row.tier ?? row.kind, inert(row.path)]),
    ),
  );
}
