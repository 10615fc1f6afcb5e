/**
 * `sase workspace`: inspect numbered workspace paths and maintain the
 * per-project registry (handbook 11.10, 24.6.27). Every subcommand takes
 * `-p/--project`; without it the project is inferred from the current
 * directory (nearest checkout marker, then a `#cd` directory project, then
 * a registered primary or adjacent sibling). A directory project lists its
 * directory as `#0` and has no numbered workspaces. Bare `sase workspace`
 * runs `list`. Each command's body is in `workspace/` and loads when it runs.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import type { AppContext } from "../core/context.ts";
import { JSON_FLAG, JSON_HELP } from "./shared/output.ts";
import { importOnDemand } from "../core/on_demand.ts";

const PROJECT_FLAG = "-p, --project <name>";
const PROJECT_HELP = "project name (default: inferred from the current directory)";

function addList(group: Command, app: AppContext): void {
  group
    .command("list")
    .description("List the registry view: root policy, project key, root path, #0 and checkouts")
    .option(PROJECT_FLAG, PROJECT_HELP)
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) =>
      (await importOnDemand<typeof import("./workspace/list.ts")>(
        "./workspace/list.ts",
        import.meta.url,
      )).runList(app, options)
    );
}

function addPath(group: Command, app: AppContext): void {
  group
    .command("path")
    .description("Print the checkout path of a workspace number without cloning it")
    .argument("<workspace_num>", "0 is the primary checkout; claims start at 10")
    .option(PROJECT_FLAG, PROJECT_HELP)
    .action(async (num, options) =>
      (await importOnDemand<typeof import("./workspace/path.ts")>(
        "./workspace/path.ts",
        import.meta.url,
      )).runPath(app, num, options)
    );
}

function addOpen(group: Command, app: AppContext): void {
  group
    .command("open")
    .description("Materialize a checkout, back up and clean local changes, sync it, print its path")
    .argument("<workspace_num>", "a claim-range number such as 10 (0 is the primary checkout)")
    .requiredOption("-r, --reason <text>", "why you open it (required, non-empty)")
    .option(PROJECT_FLAG, "project, or a configured linked repo name")
    .option("-P, --print", "print the prepared path (the default)")
    .option("-c, --clean", "compatibility flag: cleaning is the default")
    .action(async (num, options) =>
      (await importOnDemand<typeof import("./workspace/open.ts")>(
        "./workspace/open.ts",
        import.meta.url,
      )).runOpen(app, num, options)
    );
}

function addCleanup(group: Command, app: AppContext): void {
  group
    .command("cleanup")
    .description("Remove unclaimed managed checkouts older than workspace.cleanup_ttl_days")
    .option(PROJECT_FLAG, PROJECT_HELP)
    .option("-s, --stale", "remove stale unclaimed checkouts (required)")
    .option("-i, --include-shares", "also consider workflow-share checkouts")
    .option("-n, --dry-run", "report what would be removed without removing it")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) =>
      (await importOnDemand<typeof import("./workspace/cleanup.ts")>(
        "./workspace/cleanup.ts",
        import.meta.url,
      )).runCleanup(app, options)
    );
}

function addRepair(group: Command, app: AppContext): void {
  group
    .command("repair")
    .description(
      "Release claims of dead processes and reconcile the registry with the filesystem " +
        "(every project when none is given or inferred)",
    )
    .option(PROJECT_FLAG, PROJECT_HELP)
    .option("-n, --dry-run", "report without writing")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) =>
      (await importOnDemand<typeof import("./workspace/repair.ts")>(
        "./workspace/repair.ts",
        import.meta.url,
      )).runRepair(app, options)
    );
}

/** Register `sase workspace`. */
export function register(program: Command, app: AppContext): void {
  const group = program.command("workspace").description(
    "Numbered workspace paths, checkout registry, cleanup and repair",
  );
  addList(group, app);
  addPath(group, app);
  addOpen(group, app);
  addCleanup(group, app);
  addRepair(group, app);
}
