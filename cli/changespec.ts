/**
 * `sase changespec ...`: search ChangeSpecs with the query language, show
 * one, find the current workspace's spec, change a status, and migrate
 * legacy `.gp` filenames. Each command's body is in `changespec/` and loads
 * when it runs.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import type { AppContext } from "../core/context.ts";
import { JSON_FLAG, JSON_HELP } from "./shared/output.ts";
import { importOnDemand } from "../core/on_demand.ts";

/** Register `sase changespec`. */
export function register(program: Command, app: AppContext): void {
  const group = program
    .command("changespec")
    .description("Search and inspect ChangeSpecs (CL/PR review records)");

  group
    .command("search")
    .description("Search ChangeSpecs of active projects with the query language")
    .argument("<query>", "query, e.g. '%w +myproj', '\"fix bug\" OR refactor', '^base_cl !!'")
    .option("-f, --format <format>", "plain, rich or markdown", "rich")
    .option("-a, --include-archive", "also search <project>-archive.sase files")
    .option(JSON_FLAG, JSON_HELP)
    .addHelpText(
      "after",
      '\nQuery syntax: words or "quoted" strings (c"..." case-sensitive), AND/OR/NOT or !, parentheses,\n' +
        "status:X project:X name:X ancestor:X sibling:X origin:X, +proj ^anc ~sib &name,\n" +
        "%d %m %r %s %w %y (status), !!! errors, @@@ running agents, $$$ running processes, * any.",
    )
    .action(async (query, options) =>
      (await importOnDemand<typeof import("./changespec/search.ts")>(
        "./changespec/search.ts",
        import.meta.url,
      )).runSearch(app, query, options)
    );

  group
    .command("show")
    .description("Print one ChangeSpec as it is stored")
    .argument("<name>", "ChangeSpec NAME")
    .option("-p, --project <project>", "project holding the ChangeSpec")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (name, options) =>
      (await importOnDemand<typeof import("./changespec/show.ts")>(
        "./changespec/show.ts",
        import.meta.url,
      )).runShow(app, name, options)
    );

  group
    .command("current")
    .description("Render the ChangeSpec associated with the current workspace")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) =>
      (await importOnDemand<typeof import("./changespec/show.ts")>(
        "./changespec/show.ts",
        import.meta.url,
      )).runCurrent(app, options)
    );

  group
    .command("set-status")
    .description("Move a ChangeSpec to another status through the status state machine")
    .argument("<name>", "ChangeSpec NAME")
    .argument("<status>", "WIP, Draft, Ready, Mailed, Submitted, Reverted or Archived")
    .option("-p, --project <project>", "project holding the ChangeSpec")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (name, status, options) =>
      (await importOnDemand<typeof import("./changespec/set_status.ts")>(
        "./changespec/set_status.ts",
        import.meta.url,
      )).runSetStatus(app, name, status, options)
    );

  group
    .command("migrate-extension")
    .description("Rename legacy .gp ProjectSpec files to .sase")
    .option("--force", "replace an existing differing .sase sibling with the .gp file")
    .option("--projects-dir <path>", "project root to scan (default ~/.sase/projects)")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) =>
      (await importOnDemand<typeof import("./changespec/migrate.ts")>(
        "./changespec/migrate.ts",
        import.meta.url,
      )).runMigrate(app, options)
    );
}
