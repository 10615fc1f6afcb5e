/**
 * `sase project ...`: list and inspect projects, change their lifecycle
 * state and manage their aliases. Every mutation holds the ProjectSpec lock.
 * Each command's body is in `project/` and loads when it runs.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import type { AppContext } from "../core/context.ts";
import { JSON_FLAG, JSON_HELP } from "./shared/output.ts";
import { importOnDemand } from "../core/on_demand.ts";

const FORCE_FLAG = "-f, --force";
const FORCE_HELP = "deactivate even with live RUNNING claims or agent markers";

/** The lifecycle aliases of `set-state`: verb, state, hidden (deprecated). */
const STATE_VERBS = [
  ["activate", "active", false],
  ["deactivate", "inactive", false],
  ["archive", "inactive", true],
  ["close", "inactive", true],
] as const;

const lifecycle = () =>
  importOnDemand<typeof import("./project/lifecycle.ts")>(
    "./project/lifecycle.ts",
    import.meta.url,
  );
const aliases = () =>
  importOnDemand<typeof import("./project/alias.ts")>("./project/alias.ts", import.meta.url);

function addLifecycle(group: Command, app: AppContext): void {
  group
    .command("set-state")
    .description("Set PROJECT_STATE to active, inactive or sibling")
    .argument("<project>", "project name")
    .argument("<state>", "active, inactive or sibling")
    .option(FORCE_FLAG, FORCE_HELP)
    .option(JSON_FLAG, JSON_HELP)
    .action(async (name, state, options) =>
      (await lifecycle()).runSetState(app, name, state, options)
    );
  for (const [verb, state, hidden] of STATE_VERBS) {
    group
      .command(verb, { hidden })
      .description(`Alias for set-state <project> ${state}${hidden ? " (deprecated)" : ""}`)
      .argument("<project>", "project name")
      .option(FORCE_FLAG, FORCE_HELP)
      .option(JSON_FLAG, JSON_HELP)
      .action(async (name, options) => (await lifecycle()).runSetState(app, name, state, options));
  }
}

function addAlias(group: Command, app: AppContext): void {
  const alias = group.command("alias").description("List, add, remove or clear PROJECT_ALIASES");
  alias
    .command("list")
    .description("List aliases of one project or of all projects")
    .argument("[project]", "project name")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (project, options) => (await aliases()).runAliasList(app, project, options));
  alias
    .command("add")
    .description("Add an alias")
    .argument("<project>", "project name")
    .argument("<alias>", "alias (project-name syntax)")
    .action(async (project, name) => (await aliases()).runAliasAdd(app, project, name));
  alias
    .command("remove")
    .description("Remove an alias")
    .argument("<project>", "project name")
    .argument("<alias>", "alias to remove")
    .action(async (project, name) => (await aliases()).runAliasRemove(app, project, name));
  alias
    .command("clear")
    .description("Remove every alias")
    .argument("<project>", "project name")
    .action(async (project) => (await aliases()).runAliasClear(app, project));
}

/** Register `sase project`. */
export function register(program: Command, app: AppContext): void {
  const group = program.command("project").description(
    "List projects and manage their lifecycle and aliases",
  );
  group
    .command("list")
    .description("List projects (active by default)")
    .option("-s, --state <state>", "active, inactive, sibling or all", "active")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) =>
      (await importOnDemand<typeof import("./project/list.ts")>(
        "./project/list.ts",
        import.meta.url,
      )).runList(app, options)
    );
  group
    .command("show")
    .description("Show state, files, workspace, launchability and warnings of one project")
    .argument("<project>", "project name or alias")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (name, options) =>
      (await importOnDemand<typeof import("./project/show.ts")>(
        "./project/show.ts",
        import.meta.url,
      )).runShow(app, name, options)
    );
  addLifecycle(group, app);
  addAlias(group, app);
}
