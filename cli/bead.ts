/**
 * `sase bead`: the git-portable issue graph. Bare `sase bead` lists. Each
 * command's body is in `bead/` (read, write, admin, work) and loads when it
 * runs.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import type { AppContext } from "../core/context.ts";
import { usageError } from "../core/errors.ts";
import { JSON_FLAG, JSON_HELP } from "./shared/output.ts";
import { collect } from "./shared/options.ts";

/**
 * Import one of the command bodies in `bead/`. The specifier is built at run
 * time on purpose: a literal `import("./bead/x.ts")` makes Deno load and
 * parse every body's whole module graph (bead work's reaches the agent
 * launch path) whenever this file loads. `deno task compile` includes `cli/`.
 */
function body<T>(file: string): Promise<T> {
  return import(new URL(`./bead/${file}.ts`, import.meta.url).href);
}

const read = () => body<typeof import("./bead/read.ts")>("read");
const write = () => body<typeof import("./bead/write.ts")>("write");
const admin = () => body<typeof import("./bead/admin.ts")>("admin");
const work = () => body<typeof import("./bead/work.ts")>("work");

/** A parser of an integer option, naming the flag on error. */
function intOption(flag: string): (value: string) => number {
  return (value) => {
    if (!/^-?\d+$/.test(value.trim())) {
      throw usageError(`${flag}: expected an integer, got '${value}'`);
    }
    return Number(value);
  };
}

function addRead(bead: Command, app: AppContext): void {
  bead
    .command("list")
    .description("List beads (default: open, claimed, in_progress and ready)")
    .option("-s, --status <status>", "filter by status (repeatable)", collect)
    .option("-t, --type <type>", "filter by type: plan, phase (repeatable)", collect)
    .option("--tier <tier>", "filter by plan tier: plan, epic, legend (repeatable)", collect)
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) => (await read()).runList(app, options));
  bead
    .command("ready")
    .description("Show beads ready to work on (no open dependencies)")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) => (await read()).runReady(app, options));
  bead
    .command("blocked")
    .description("Show beads with at least one active (non-closed) blocker")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) => (await read()).runBlocked(app, options));
  bead
    .command("show")
    .description("Show every detail of one bead")
    .argument("<id>", "bead id")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (id, options) => (await read()).runShow(app, id, options));
  bead
    .command("search")
    .description("Case-insensitive substring search over bead text fields (includes closed)")
    .argument("<query>", "literal text to find")
    .option("-c, --color <mode>", "colour for compact output: auto, always, never", "auto")
    .option("-f, --format <format>", "compact, json or full", "compact")
    .option("-n, --limit <n>", "maximum results (0 = unlimited)", "0")
    .option("-s, --status <status>", "filter by status (repeatable)", collect)
    .option("--tier <tier>", "filter by plan tier (repeatable)", collect)
    .option("-t, --type <type>", "filter by type (repeatable)", collect)
    .action(async (query, options) => (await read()).runSearch(app, query, options));
  bead
    .command("stats")
    .description("Counts by status and type")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) => (await read()).runStats(app, options));
}

function addWrite(bead: Command, app: AppContext): void {
  bead
    .command("create")
    .description("Create a plan or phase bead")
    .requiredOption("-t, --title <title>", "bead title")
    .requiredOption(
      "-T, --type <type>",
      "plan(<file>), plan(<file>,<parent>) or phase(<parent_id>)",
    )
    .option("-d, --description <text>", "description")
    .option("-a, --assignee <name>", "assignee")
    .option("--tier <tier>", "plan tier: plan, epic or legend")
    .option("-c, --changespec <name>", "attach a ChangeSpec name (plan beads only)")
    .option("-b, --bug-id <id>", "bug id of the attached ChangeSpec (requires --changespec)")
    .option("-E, --epic-count <n>", "number of epics a legend proposes", intOption("--epic-count"))
    .option("-m, --model <model>", "launch model, e.g. codex/gpt-5.5 or #pro")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) => (await write()).runCreate(app, options));
  bead
    .command("update")
    .description("Update fields of a bead")
    .argument("<id>", "bead id")
    .option("-s, --status <status>", "open, in_progress, ready or closed")
    .option("-t, --title <title>", "new title")
    .option("-d, --description <text>", "new description")
    .option("-n, --notes <text>", "new notes")
    .option("-D, --design <path>", "new plan path")
    .option("-a, --assignee <name>", "new assignee")
    .option("--tier <tier>", "new plan tier")
    .option("-E, --epic-count <n>", "new legend epic count", intOption("--epic-count"))
    .option("-m, --model <model>", "new launch model (empty string clears)")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (id, options) => (await write()).runUpdate(app, id, options));
  bead
    .command("open")
    .description("Reopen a bead (same as update --status=open)")
    .argument("<id>", "bead id")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (id, options) => (await write()).runOpen(app, id, options));
  bead
    .command("close")
    .description("Close beads; closing a plan closes its phases")
    .argument("<ids...>", "bead ids")
    .option("-r, --reason <text>", "close reason")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (ids, options) => (await write()).runClose(app, ids, options));
  bead
    .command("rm")
    .description("Remove a bead and all its children (irreversible)")
    .argument("<id>", "bead id")
    .option("-y, --yes", "remove without asking (required when stdin is not a terminal)")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (id, options) => (await write()).runRemove(app, id, options));
  bead
    .command("dep")
    .description("Manage dependencies")
    .command("add")
    .description("<issue> depends on <depends_on>")
    .argument("<issue>", "the bead that waits")
    .argument("<depends_on>", "the bead it waits for")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (issue, dependsOn, options) =>
      (await write()).runDependencyAdd(app, issue, dependsOn, options)
    );
}

function addAdmin(bead: Command, app: AppContext): void {
  bead
    .command("init")
    .description("Initialize the bead store for the current project")
    .option("--prefix <prefix>", "issue id prefix (default: the project directory name)")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) => (await admin()).runInit(app, options));
  bead
    .command("onboard")
    .description("Show a quick-start guide")
    .action(async () => (await admin()).runOnboard());
  bead
    .command("sync")
    .description("Regenerate issues.jsonl from the events and stage bead state in git")
    .option("-s, --status", "only check whether bead state has unstaged changes")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) => (await admin()).runSync(app, options));
  bead
    .command("doctor")
    .description("Run health checks on the bead store")
    .option("--fix", "repair id collisions, torn lines, projection, manifest and cache")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) => (await admin()).runDoctor(app, options));
}

function addWork(bead: Command, app: AppContext): void {
  bead
    .command("work")
    .description("Launch agents for an epic or legend plan bead")
    .argument("<id>", "epic or legend plan bead id")
    .option("-n, --dry-run", "print the wave plan and multi-prompt without changing anything")
    .option("-P, --no-push", "commit the launch record but skip git push")
    .option("-y, --yes", "launch without asking (required when stdin is not a terminal)")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (id, options) => (await work()).runWork(app, id, options));
}

/** Register `sase bead` and its subcommands. */
export function register(program: Command, app: AppContext): void {
  const bead = program
    .command("bead")
    .description("Bead issue tracking: plans, epics, legends and phases");
  addRead(bead, app);
  addWrite(bead, app);
  addAdmin(bead, app);
  addWork(bead, app);
}
