/**
 * `sase plugin`: the plugin inventory and its health checks (handbook
 * 20.4). Bare `sase plugin` runs `list`; flags go with the explicit
 * subcommand (`sase plugin --json` is not a valid form).
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import type { AppContext } from "../core/context.ts";
import { importOnDemand } from "../core/on_demand.ts";
import { JSON_FLAG, JSON_HELP } from "./shared/output.ts";

function load<T>(file: string): Promise<T> {
  return importOnDemand<T>(`./plugin/${file}.ts`, import.meta.url);
}

/** Register `sase plugin`. */
export function register(program: Command, app: AppContext): void {
  const plugin = program
    .command("plugin")
    .description(
      "Inventory plugins (plugins: in sase.yml) and axe chop scripts; check their health",
    );
  plugin.command("list")
    .description("List plugins and their entries, load failures, configured and unconfigured chops")
    .option("-v, --verbose", "also show each plugin's entries and every configured chop")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) =>
      (await load<typeof import("./plugin/list.ts")>("list")).runList(app, options)
    );
  plugin.command("doctor")
    .description(
      "Check plugins: ERROR for load failures and missing chop scripts, WARN for " +
        "unconfigured scripts and missing optional prerequisites (exit 1 on ERROR)",
    )
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) =>
      (await load<typeof import("./plugin/doctor.ts")>("doctor")).runDoctor(app, options)
    );
}
