/**
 * `sase prompt`: the prompt history store — list, show, search, stats and
 * doctor; delete, prune, save and export; run, edit and copy a stored
 * prompt. Each command's body is in `prompt/` and loads when it runs.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import type { AppContext } from "../core/context.ts";
import { JSON_FLAG, JSON_HELP } from "./shared/output.ts";
import { collect } from "./shared/options.ts";
import { count } from "./prompt/options.ts";
import { importOnDemand } from "../core/on_demand.ts";

const SELECTOR = "ph_<hash>, a hash prefix, or sha256:<full>";

function addReading(group: Command, app: AppContext): void {
  group
    .command("list")
    .description("List recent prompts (newest first; cancelled hidden unless -c/-a)")
    .option("-q, --query <text>", "case-insensitive substring filter")
    .option("-l, --limit <n>", "how many to show", count, 20)
    .option("-c, --cancelled", "only cancelled prompts")
    .option("-a, --all", "launched and cancelled prompts")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) =>
      (await importOnDemand<typeof import("./prompt/list.ts")>("./prompt/list.ts", import.meta.url))
        .runList(app, options)
    );
  group
    .command("show")
    .description("Print one prompt (raw bytes by default)")
    .argument("<selector>", SELECTOR)
    .option("-f, --format <format>", "raw, markdown or json", "raw")
    .action(async (selector, options) =>
      (await importOnDemand<typeof import("./prompt/show.ts")>("./prompt/show.ts", import.meta.url))
        .runShow(app, selector, options)
    );
  group
    .command("search")
    .description("Search repo SDD prompt snapshots and local history")
    .argument("<query>", "case-insensitive literal substring")
    .option("-s, --source <source>", "sdd, local or all", "all")
    .option(
      "-t, --tag <tag>",
      "keep prompts with this tag (repeatable, ORed)",
      collect,
      [] as string[],
    )
    .option("-x, --cancelled", "only cancelled local prompts")
    .option("-a, --after <date>", "on or after this date")
    .option("-b, --before <date>", "on or before this date")
    .option("-n, --limit <n>", "results to show (0 = all)", count, 20)
    .option("-f, --format <format>", "compact, json or full", "compact")
    .option("-c, --color <when>", "auto, always or never", "auto")
    .action(async (query, options) =>
      (await importOnDemand<typeof import("./prompt/search.ts")>(
        "./prompt/search.ts",
        import.meta.url,
      )).runSearch(app, query, options)
    );
  group
    .command("stats")
    .description("Counts, size, length percentiles, largest prompts, top chips")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) =>
      (await importOnDemand<typeof import("./prompt/report.ts")>(
        "./prompt/report.ts",
        import.meta.url,
      )).runStats(app, options)
    );
  group
    .command("doctor")
    .description("Read-only health report of the prompt history store")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) =>
      (await importOnDemand<typeof import("./prompt/report.ts")>(
        "./prompt/report.ts",
        import.meta.url,
      )).runDoctor(app, options)
    );
}

function addWriting(group: Command, app: AppContext): void {
  group
    .command("delete")
    .description("Remove exactly one prompt (every stored copy of its text)")
    .argument("<selector>", SELECTOR)
    .option("-y, --yes", "do not ask for confirmation")
    .action(async (selector, options) =>
      (await importOnDemand<typeof import("./prompt/delete.ts")>(
        "./prompt/delete.ts",
        import.meta.url,
      )).runDelete(app, selector, options)
    );
  group
    .command("prune")
    .description("Remove prompts by criteria (predicates intersect; --keep is a floor)")
    .option("-c, --cancelled", "only cancelled prompts")
    .option("-k, --keep <n>", "always keep the newest N prompts", count)
    .option("-b, --before <date>", "only prompts last used before this date")
    .option("--dry-run", "show what would be removed")
    .option("-y, --yes", "do not ask for confirmation")
    .action(async (options) =>
      (await importOnDemand<typeof import("./prompt/prune.ts")>(
        "./prompt/prune.ts",
        import.meta.url,
      )).runPrune(app, options)
    );
  group
    .command("save")
    .description("Save a prompt as a reusable xprompt file (default ./xprompts/)")
    .argument("<selector>", SELECTOR)
    .option("-n, --name <name>", "xprompt name (default: a slug of the prompt)")
    .option("-t, --tag <tag>", "tag to add (repeatable)", collect, [] as string[])
    .option("-g, --global", "write to ~/.xprompts/")
    .option("-p, --project <project>", "write to ~/.config/sase/xprompts/<project>/")
    .option("--force", "overwrite an existing file")
    .action(async (selector, options) =>
      (await importOnDemand<typeof import("./prompt/save.ts")>("./prompt/save.ts", import.meta.url))
        .runSave(app, selector, options)
    );
  group
    .command("export")
    .description("Export a prompt to stdout, a file, or an SDD snapshot")
    .argument("<selector>", SELECTOR)
    .option("-s, --sdd", "write sdd/prompts/YYYYMM/<slug>-<id>.md")
    .option("-o, --output <path>", "write to this file")
    .option("-m, --metadata", "wrap the text in provenance front matter")
    .option("--force", "overwrite an existing file")
    .option("-j, --json", "print where the file went as JSON")
    .action(async (selector, options) =>
      (await importOnDemand<typeof import("./prompt/export.ts")>(
        "./prompt/export.ts",
        import.meta.url,
      )).runExport(app, selector, options)
    );
}

function addReuse(group: Command, app: AppContext): void {
  group
    .command("run")
    .description("Replay a stored prompt exactly as `sase run` would launch it")
    .argument("<selector>", SELECTOR)
    .option("-d, --daemon", "launch detached (background agent)")
    .option("-e, --edit", "edit the text before launching")
    .option("-P, --prefix <ref>", "replace the workspace ref, e.g. '#gh:bob-cli'")
    .option("-n, --dry-run", "print the launch plan instead of launching")
    .option("-j, --json", "JSON output (the launch summary, or the plan with --dry-run)")
    .action(async (selector, options) =>
      (await importOnDemand<typeof import("./prompt/replay.ts")>(
        "./prompt/replay.ts",
        import.meta.url,
      )).runReplay(app, selector, options)
    );
  group
    .command("edit")
    .description("Edit a stored prompt in $EDITOR, then replay it")
    .argument("<selector>", SELECTOR)
    .option("-d, --daemon", "launch detached (background agent)")
    .option("-P, --prefix <ref>", "replace the workspace ref first")
    .option("-n, --dry-run", "print the launch plan instead of launching")
    .option("-j, --json", "JSON output (the launch summary, or the plan with --dry-run)")
    .action(async (selector, options) =>
      (await importOnDemand<typeof import("./prompt/replay.ts")>(
        "./prompt/replay.ts",
        import.meta.url,
      )).runReplay(app, selector, { ...options, edit: true })
    );
  group
    .command("copy")
    .description("Copy a prompt's exact text to the system clipboard")
    .argument("<selector>", SELECTOR)
    .action(async (selector) =>
      (await importOnDemand<typeof import("./prompt/copy.ts")>("./prompt/copy.ts", import.meta.url))
        .runCopy(app, selector)
    );
}

/** Register `sase prompt`. */
export function register(program: Command, app: AppContext): void {
  const group = program.command("prompt").description(
    "Prompt history: inspect, search, curate and replay",
  );
  addReading(group, app);
  addWriting(group, app);
  addReuse(group, app);
}
