/**
 * `sase axe`: the background scheduler (handbook 5, 24.6.2-24.6.6) —
 * start/stop/status of the orchestrator, its lumberjacks and chops, and
 * maintenance mode. `-v/--vcs-provider` on the group sets the VCS provider
 * for everything axe runs. Each command's body is in `axe/`.
 *
 * @module
 */

import type { Command, OptionValues } from "@commander-js/extra-typings";
import type { AppContext } from "../core/context.ts";
import { JSON_FLAG, JSON_HELP } from "./shared/output.ts";
import { nonNegativeInt } from "./shared/options.ts";
import { importOnDemand } from "../core/on_demand.ts";

type Lifecycle = typeof import("./axe/lifecycle.ts");
type Lumberjacks = typeof import("./axe/lumberjack.ts");
type Chops = typeof import("./axe/chop.ts");
type Maintenance = typeof import("./axe/maintenance.ts");

const lifecycle = () => importOnDemand<Lifecycle>("./axe/lifecycle.ts", import.meta.url);
const lumberjacks = () => importOnDemand<Lumberjacks>("./axe/lumberjack.ts", import.meta.url);
const chops = () => importOnDemand<Chops>("./axe/chop.ts", import.meta.url);
const maintenanceModule = () =>
  importOnDemand<Maintenance>("./axe/maintenance.ts", import.meta.url);

/** The override flags of `start` and `lumberjack run` (flag > `axe:` config > defaults). */
function addOverrides<A extends unknown[], O extends OptionValues, G extends OptionValues>(
  command: Command<A, O, G>,
) {
  return command
    .option("-q, --query <query>", "only ChangeSpecs matching this query (overrides axe.query)")
    .option(
      "-H, --max-hook-runners <n>",
      "concurrent hook runners (overrides axe.max_hook_runners)",
      nonNegativeInt("--max-hook-runners"),
    )
    .option(
      "-A, --max-agent-runners <n>",
      "concurrent agent runners (overrides axe.max_agent_runners)",
      nonNegativeInt("--max-agent-runners"),
    )
    .option(
      "-z, --zombie-timeout <secs>",
      "seconds before a running hook counts as a zombie (overrides axe.zombie_timeout_seconds)",
      nonNegativeInt("--zombie-timeout"),
    );
}

/** Register `sase axe`. */
export function register(program: Command, app: AppContext): void {
  const axe = program.command("axe").description(
    "The background scheduler: orchestrator, lumberjacks, chops and maintenance mode",
  ).option("-v, --vcs-provider <name>", "VCS provider for what axe runs (git, hg, auto, ...)");
  const vcs = () => axe.opts().vcsProvider;

  addOverrides(
    axe.command("start").description(
      "Start the orchestrator in the background (a no-op printing its PID when it runs)",
    ),
  ).option(JSON_FLAG, JSON_HELP)
    .action(async (options) => (await lifecycle()).runStart(app, options, vcs()));
  axe.command("stop").description(
    "Stop the orchestrator: SIGTERM, SIGKILL after 10 s; clears stale PID files",
  ).option(JSON_FLAG, JSON_HELP)
    .action(async (options) => (await lifecycle()).runStop(app, options));
  axe.command("status").description("Show the orchestrator, maintenance and each lumberjack")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) => (await lifecycle()).runStatus(app, options));

  const lumberjack = axe.command("lumberjack").description(
    "Configured lumberjacks: list, run one in the foreground, status",
  );
  lumberjack.command("list").description("List lumberjacks, their intervals and chops")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) => (await lumberjacks()).runLumberjackList(app, options));
  lumberjack.command("status").description("Show each lumberjack's state, cycles and errors")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) => (await lumberjacks()).runLumberjackList(app, options));
  addOverrides(
    lumberjack.command("run").description(
      "Run one lumberjack's tick loop in the foreground until interrupted",
    ).argument("<name>", "the lumberjack"),
  ).action(async (name, options) =>
    (await lumberjacks()).runLumberjackRun(app, name, options, vcs())
  );

  const chop = axe.command("chop").description("Configured chops: list, run one now");
  chop.command("list").description("List chops with their lumberjack and last run")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) => (await chops()).runChopList(app, options));
  chop.command("run").description(
    "Run one chop now in the foreground (recorded with source: manual)",
  ).argument("<name>", "the chop")
    .option("-L, --lumberjack <name>", "the lumberjack, when several have this chop")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (name, options) => (await chops()).runChopRun(app, name, options, vcs()));

  const maintenance = axe.command("maintenance").description(
    "Pause lumberjack ticks: enter -r REASON, exit, status (exit 0 active, 1 inactive)",
  );
  maintenance.command("enter").description(
    "Pause chops until `exit` (or until the calling shell ends)",
  ).requiredOption("-r, --reason <text>", "why (required)")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) => (await maintenanceModule()).runMaintenanceEnter(app, options));
  maintenance.command("exit").description("Remove the maintenance marker")
    .action(async () => (await maintenanceModule()).runMaintenanceExit(app));
  maintenance.command("status").description(
    "Show maintenance; exit 0 when active, 1 when inactive",
  ).option(JSON_FLAG, JSON_HELP)
    .action(async (options) => (await maintenanceModule()).runMaintenanceStatus(app, options));
}
