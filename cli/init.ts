/**
 * `sase init`: initializers that create or refresh durable project files.
 * Only the SDD initializer exists so far; the AMD, memory and skill
 * initializers and the bare `sase init` coordinator are not implemented yet.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import type { AppContext } from "../core/context.ts";
import { addInitCommand } from "./shared/sdd_init.ts";

/** Register `sase init` with its `sdd` subcommand. */
export function register(program: Command, app: AppContext): void {
  const init = program
    .command("init")
    .description("Initializers for project files (only `sase init sdd` is available so far)")
    .addHelpText(
      "after",
      "\nThe bare `sase init` coordinator and the amd, memory and skills initializers are not" +
        "\nimplemented yet; run `sase init sdd` (an alias of `sase sdd init`).",
    );
  addInitCommand(
    init,
    app,
    "sdd",
    "Alias for `sase sdd init`: enable version-controlled SDD and refresh its guides",
  );
}
