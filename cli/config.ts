/**
 * `sase config layers`, `sase config show [KEY]` and `sase config mentor-match NAME`. Each command's body is
 * in `config/` and loads when it runs.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import type { AppContext } from "../core/context.ts";
import { JSON_FLAG, JSON_HELP } from "./shared/output.ts";
import { importOnDemand } from "../core/on_demand.ts";

/** Register `sase config`. */
export function register(program: Command, app: AppContext): void {
  const config = program
    .command("config")
    .description("Inspect the layered configuration");
  config
    .command("layers")
    .description("Show the configuration merge chain, lowest priority first")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) =>
      (await importOnDemand<typeof import("./config/layers.ts")>(
        "./config/layers.ts",
        import.meta.url,
      )).runLayers(app, options)
    );
  config
    .command("show")
    .description("Print the final merged configuration, or one key of it")
    .argument("[key]", "dotted key path, e.g. axe.max_hook_runners")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (key, options) =>
      (await importOnDemand<typeof import("./config/show.ts")>("./config/show.ts", import.meta.url))
        .runShow(app, key, options)
    );
  config
    .command("mentor-match")
    .description("Trace which mentor profiles match a ChangeSpec, criterion by criterion")
    .argument("<changespec>", "the ChangeSpec's NAME")
    .option("-p, --project <name>", "the project holding it (default: search every project)")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (name, options) =>
      (await importOnDemand<typeof import("./config/mentor_match.ts")>(
        "./config/mentor_match.ts",
        import.meta.url,
      )).runMentorMatch(app, name, options)
    );
}
