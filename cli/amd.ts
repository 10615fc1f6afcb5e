/**
 * `sase amd`: agent markdown documents — the `AGENTS.md` inventory and the
 * initializer of `AGENTS.md` files and provider shims. Bare `sase amd` runs
 * `list`.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import type { AppContext } from "../core/context.ts";
import { importOnDemand } from "../core/on_demand.ts";
import { JSON_FLAG, JSON_HELP } from "./shared/output.ts";
import { addAmdInitCommand } from "./shared/amd_init.ts";

/** Register `sase amd`. */
export function register(program: Command, app: AppContext): void {
  const amd = program
    .command("amd")
    .description("Agent markdown documents: AGENTS.md files and provider shims");
  amd.command("list")
    .description(
      "Inventory project, subdirectory, home and chezmoi-source AGENTS.md files and their shims",
    )
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) =>
      (await importOnDemand<typeof import("./amd/list.ts")>("./amd/list.ts", import.meta.url))
        .runList(app, options)
    );
  addAmdInitCommand(
    amd,
    app,
    "init",
    "Create or refresh AGENTS.md and the provider shims of the selected root(s)",
  );
}
