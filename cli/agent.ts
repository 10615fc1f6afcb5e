/**
 * `sase agent`: cross-project visibility into agent runs — list, show, kill,
 * tags — plus maintenance of the agent index, the dismissed-agent archive
 * and the permanent name registry. Bare `sase agent` (and `sase agent tag`)
 * run their `list`.
 *
 * Each action imports its implementation when it runs, so registering the
 * group stays cheap.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import { JSON_FLAG, JSON_HELP } from "./shared/output.ts";
import { nonNegativeInt } from "./shared/options.ts";
import { usageError } from "../core/errors.ts";
import type { AppContext } from "../core/context.ts";
import { importOnDemand } from "../core/on_demand.ts";

/** Collect a repeatable option whose values may also be comma-separated. */
function collectSeparated(value: string, previous: string[]): string[] {
  return [...previous, ...value.split(",").map((part) => part.trim()).filter(Boolean)];
}

/** The agent name from a positional argument or `-n/--name` (they must agree). */
export function pickName(positional: string | undefined, option: string | undefined): string {
  if (positional && option && positional !== option) {
    throw usageError(`two different names given: '${positional}' and --name '${option}'`);
  }
  const name = option ?? positional;
  if (!name) throw usageError("which agent? pass its name", "list names with `sase agent list -a`");
  return name;
}

function addList(group: Command, app: AppContext): void {
  group
    .command("list")
    .description("List active and recent (last 24 h) agents across projects")
    .option(
      "-a, --all",
      "include every finished agent (DONE, FAILED, KILLED), not just recent ones",
    )
    .option(JSON_FLAG, JSON_HELP)
    .option("-p, --project <project>", "only agents of this project")
    .option(
      "-s, --status <status>",
      "only these statuses (repeatable or comma-separated, e.g. running,failed)",
      collectSeparated,
      [] as string[],
    )
    .option("-n, --limit <n>", "show at most N agents", nonNegativeInt("--limit"))
    .option(
      "--per-project <n>",
      "finished agents per project with -a (default 50; 0 = all)",
      nonNegativeInt("--per-project"),
    )
    .option("--hidden", "include %hide agents")
    .option("--dismissed", "include dismissed agents")
    .action(async (options) => {
      const { runList } = await importOnDemand<typeof import("./agent/list.ts")>(
        "./agent/list.ts",
        import.meta.url,
      );
      await runList(app, options);
    });
}

function addShow(group: Command, app: AppContext): void {
  group
    .command("show")
    .description("Show one agent: status, model, workspace, variables, reply tail, artifacts")
    .argument("[name]", "agent name (same as --name)")
    .option("-n, --name <name>", "agent name")
    .option("-t, --tail <lines>", "reply lines to show (default 20)", nonNegativeInt("--tail"))
    .option(JSON_FLAG, JSON_HELP)
    .action(async (positional, options) => {
      const { runShow } = await importOnDemand<typeof import("./agent/show.ts")>(
        "./agent/show.ts",
        import.meta.url,
      );
      await runShow(app, pickName(positional, options.name), options);
    });
}

function addKill(group: Command, app: AppContext): void {
  group
    .command("kill")
    .description("Terminate a running agent (its provider process group and runner)")
    .argument("[name]", "agent name (same as --name)")
    .option("-n, --name <name>", "agent name")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (positional, options) => {
      const { runKill } = await importOnDemand<typeof import("./agent/kill.ts")>(
        "./agent/kill.ts",
        import.meta.url,
      );
      await runKill(app, pickName(positional, options.name), options);
    });
}

function addHitl(group: Command, app: AppContext): void {
  group
    .command("hitl")
    .description("Answer a workflow paused at a human checkpoint (no action: show it)")
    .argument("<name>", "the workflow run's agent name")
    .argument("[action]", "accept | edit | reject")
    .option("--output <json>", "edit: the new output as JSON")
    .option("--output-file <path>", "edit: read the new output (JSON) from a file")
    .option("--feedback <text>", "reject: why (kept with the decision)")
    .option(JSON_FLAG, JSON_HELP)
    .addHelpText(
      "after",
      [
        "",
        "accept continues (bash/python outputs get approved: true), edit replaces the step's",
        "output (--output JSON, --output-file PATH, or $EDITOR on a terminal), reject stops the",
        "workflow and runs its finally steps. A run whose runner died while waiting is resumed",
        "by its decision.",
      ].join("\n"),
    )
    .action(async (name, action, options) => {
      const { runHitl } = await importOnDemand<typeof import("./agent/hitl.ts")>(
        "./agent/hitl.ts",
        import.meta.url,
      );
      await runHitl(app, name, action, options);
    });
}

function addTag(group: Command, app: AppContext): void {
  const tag = group
    .command("tag")
    .description("Set, clear or list the user-defined tag of agents (ACE grouping)");
  tag
    .command("set")
    .description("Set an agent's tag, replacing any prior one")
    .argument("[name]", "agent name (same as --name)")
    .argument("[tag]", "tag (same as --tag)")
    .option("-n, --name <name>", "agent name")
    .option("-t, --tag <tag>", "tag: letters, digits, '_', '.', '-' (no '@')")
    .action(async (name, value, options) => {
      const { runTagSet } = await importOnDemand<typeof import("./agent/tag.ts")>(
        "./agent/tag.ts",
        import.meta.url,
      );
      await runTagSet(app, pickName(name, options.name), options.tag ?? value);
    });
  tag
    .command("unset")
    .alias("clear")
    .description("Clear an agent's tag")
    .argument("[name]", "agent name (same as --name)")
    .option("-n, --name <name>", "agent name")
    .action(async (name, options) => {
      const { runTagUnset } = await importOnDemand<typeof import("./agent/tag.ts")>(
        "./agent/tag.ts",
        import.meta.url,
      );
      await runTagUnset(app, pickName(name, options.name));
    });
  tag
    .command("list")
    .description("List agent tags (one agent's with NAME or -n)")
    .argument("[name]", "agent name (same as --name)")
    .option("-n, --name <name>", "agent name")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (name, options) => {
      const { runTagList } = await importOnDemand<typeof import("./agent/tag.ts")>(
        "./agent/tag.ts",
        import.meta.url,
      );
      await runTagList(
        app,
        name || options.name ? pickName(name, options.name) : undefined,
        options,
      );
    });
}

function addIndex(group: Command, app: AppContext): void {
  const index = group
    .command("index")
    .description("Maintain the persistent agent artifact index (SQLite)");
  const common = (command: Command) =>
    command
      .option(
        "-i, --index-path <path>",
        "index file (default SASE_HOME/agent_artifact_index.sqlite)",
      )
      .option("-p, --projects-root <path>", "projects root (default SASE_HOME/projects)")
      .option(JSON_FLAG, JSON_HELP);
  common(index.command("status").description("Lightweight health check (no source scan)"))
    .action(async (options) =>
      (await importOnDemand<typeof import("./agent/maintenance.ts")>(
        "./agent/maintenance.ts",
        import.meta.url,
      )).runIndexStatus(app, options)
    );
  common(index.command("rebuild").description("Rebuild the index from the run directories"))
    .action(async (options) =>
      (await importOnDemand<typeof import("./agent/maintenance.ts")>(
        "./agent/maintenance.ts",
        import.meta.url,
      )).runIndexRebuild(app, options)
    );
  common(
    index.command("verify").description(
      "Compare the index with the run directories (exit 1 on drift)",
    ),
  ).action(async (options) =>
    (await importOnDemand<typeof import("./agent/maintenance.ts")>(
      "./agent/maintenance.ts",
      import.meta.url,
    )).runIndexVerify(app, options)
  );
  common(index.command("gc").description("Rebuild the index and the dismissed projection"))
    .option(
      "-r, --purge-revived-bundles",
      "first delete dismissed bundles whose agents are no longer dismissed",
    )
    .action(async (options) =>
      (await importOnDemand<typeof import("./agent/maintenance.ts")>(
        "./agent/maintenance.ts",
        import.meta.url,
      )).runIndexGc(app, options)
    );
}

function addArchive(group: Command, app: AppContext): void {
  const archive = group
    .command("archive")
    .description("Maintain the dismissed-agent bundle summary index");
  archive
    .command("rebuild-index")
    .description("Rebuild SASE_HOME/dismissed_bundles/index.sqlite from the bundle files")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) =>
      (await importOnDemand<typeof import("./agent/maintenance.ts")>(
        "./agent/maintenance.ts",
        import.meta.url,
      )).runArchiveRebuild(app, options)
    );
  archive
    .command("verify")
    .description("Check the summary index against the bundles (exit 1 if stale or missing)")
    .action(async () =>
      (await importOnDemand<typeof import("./agent/maintenance.ts")>(
        "./agent/maintenance.ts",
        import.meta.url,
      )).runArchiveVerify(app)
    );
}

function addNames(group: Command, app: AppContext): void {
  group
    .command("names")
    .description("Maintain the permanent agent-name registry")
    .command("migrate-auto")
    .description("Reserve every agent name found on disk that the registry lacks (runs once)")
    .option("-f, --force", "run again even though the migration marker exists")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) =>
      (await importOnDemand<typeof import("./agent/maintenance.ts")>(
        "./agent/maintenance.ts",
        import.meta.url,
      )).runNamesMigrate(app, options)
    );
}

/** Register `sase agent` and its subcommands. */
export function register(program: Command, app: AppContext): void {
  const group = program
    .command("agent")
    .description("Agents across projects: list, show, kill, hitl, tag, index, archive, names");
  addList(group, app);
  addShow(group, app);
  addKill(group, app);
  addHitl(group, app);
  addTag(group, app);
  addIndex(group, app);
  addArchive(group, app);
  addNames(group, app);
}
