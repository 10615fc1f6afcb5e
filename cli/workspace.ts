/**
 * `sase workspace`: inspect numbered workspace paths and maintain the
 * per-project registry (handbook 11.10, 24.6.27). Every subcommand takes
 * `-p/--project`; without it the project is inferred from the current
 * directory (nearest checkout marker, then a `#cd` directory project, then
 * a registered primary or adjacent sibling). A directory project lists its
 * directory as `#0` and has no numbered workspaces. Bare `sase workspace`
 * runs `list`.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import { formatTable, JSON_FLAG, JSON_HELP, printJson, style } from "./shared/output.ts";
import { processEnv } from "../core/config/paths.ts";
import { loadConfig } from "../core/config/load.ts";
import { usageError } from "../core/errors.ts";
import { cleanupWorkspaces } from "../core/workspace/cleanup.ts";
import {
  DIRECTORY_POLICY,
  listWorkspaces,
  type WorkspaceInventory,
} from "../core/workspace/inventory.ts";
import { checkoutDir, workspaceLayout } from "../core/workspace/layout.ts";
import { isReservedWorkspace, parseWorkspaceNumber } from "../core/workspace/numbers.ts";
import { openWorkspace } from "../core/workspace/open.ts";
import { projectForCwd } from "../core/workspace/projects.ts";
import { type RepairReport, repairWorkspaces } from "../core/workspace/repair.ts";
import { assertNumbered, workspaceForProject } from "../core/workspace/resolve.ts";
import type { WorkspaceContext } from "../core/workspace/types.ts";
import { createWorkspaceProviderRegistry } from "../providers/workspace/registry.ts";

const PROJECT_FLAG = "-p, --project <name>";
const PROJECT_HELP = "project name (default: inferred from the current directory)";

async function context(): Promise<WorkspaceContext> {
  const env = processEnv();
  const cwd = Deno.cwd();
  const { config } = await loadConfig({ env, cwd });
  return {
    env,
    cwd,
    config,
    providers: createWorkspaceProviderRegistry(),
    warn: (message) => console.error(style("yellow", `warning: ${message}`)),
  };
}

async function projectName(ctx: WorkspaceContext, given: string | undefined): Promise<string> {
  return given ?? await projectForCwd(ctx.cwd, ctx.env, ctx);
}

function age(seconds: number | undefined): string {
  if (!seconds) return "-";
  const days = (Date.now() / 1000 - seconds) / 86400;
  if (days >= 1) return `${Math.round(days)}d`;
  return days * 24 < 1 ? "<1h" : `${Math.round(days * 24)}h`;
}

function printInventory(view: WorkspaceInventory): void {
  const rows: Array<[string, string]> = [
    ["project", `${view.project}${view.state ? ` (${view.state})` : ""}`],
    ["root policy", view.root_policy],
    ["project key", view.project_key],
    ["root", view.root_dir],
    [
      "registry",
      view.registry_path ??
        (view.root_policy === DIRECTORY_POLICY
          ? "- (a directory project has none)"
          : "- (adjacent roots keep none)"),
    ],
    ["primary #0", view.primary.checkout_dir],
  ];
  for (const [key, value] of rows) console.log(`${key.padEnd(12)} ${value}`);
  console.log("");
  console.log(formatTable(
    ["NUM", "PATH", "EXISTS", "ROLE", "LAST USED", "CLAIMS"],
    view.workspaces.map((row) => [
      `#${row.num}`,
      row.checkout_dir,
      row.exists ? "yes" : style("red", "no"),
      row.registered?.role ?? (row.num === 0 ? "primary" : "-"),
      age(row.registered?.last_used_at),
      row.claims.map((c) => `${c.name || c.workflow} pid ${c.pid}${c.alive ? "" : " (dead)"}`)
        .join(", ") || "-",
    ]),
  ));
}

function printRepair(report: RepairReport): void {
  const verb = report.dry_run ? "would " : "";
  let changes = 0;
  for (const project of report.projects) {
    for (const claim of project.released) {
      changes++;
      console.log(
        `${project.project}: ${verb}release #${claim.workspace} (dead pid ${claim.pid}, ${
          claim.changespec || claim.workflow
        })`,
      );
    }
    for (const num of project.dropped) {
      changes++;
      console.log(`${project.project}: ${verb}drop registry row #${num} (checkout is gone)`);
    }
    for (const num of project.rematerialized) {
      changes++;
      console.log(`${project.project}: ${verb}re-create checkout #${num} (live claim)`);
    }
  }
  if (changes === 0) console.log("Nothing to repair.");
}

function addList(group: Command): void {
  group
    .command("list")
    .description("List the registry view: root policy, project key, root path, #0 and checkouts")
    .option(PROJECT_FLAG, PROJECT_HELP)
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) => {
      const ctx = await context();
      const workspace = await workspaceForProject(await projectName(ctx, options.project), ctx);
      const view = await listWorkspaces(workspace, ctx, workspace.state);
      if (options.json) printJson(view);
      else printInventory(view);
    });
}

function addPath(group: Command): void {
  group
    .command("path")
    .description("Print the checkout path of a workspace number without cloning it")
    .argument("<workspace_num>", "0 is the primary checkout; claims start at 10")
    .option(PROJECT_FLAG, PROJECT_HELP)
    .action(async (text, options) => {
      const num = parseWorkspaceNumber(text);
      const ctx = await context();
      const workspace = await workspaceForProject(await projectName(ctx, options.project), ctx);
      if (num !== 0) assertNumbered(workspace);
      console.log(
        workspace.numbered
          ? checkoutDir(await workspaceLayout(workspace, ctx), num)
          : workspace.primaryDir,
      );
    });
}

function addOpen(group: Command): void {
  group
    .command("open")
    .description("Materialize a checkout, back up and clean local changes, sync it, print its path")
    .argument("<workspace_num>", "a claim-range number such as 10 (0 is the primary checkout)")
    .requiredOption("-r, --reason <text>", "why you open it (required, non-empty)")
    .option(PROJECT_FLAG, "project, or a configured linked repo name")
    .option("-P, --print", "print the prepared path (the default)")
    .option("-c, --clean", "compatibility flag: cleaning is the default")
    .action(async (text, options) => {
      const num = parseWorkspaceNumber(text);
      const ctx = await context();
      if (isReservedWorkspace(num)) {
        ctx.warn?.(`#${num} is reserved; prefer a claim-range number such as 10`);
      }
      const name = await projectName(ctx, options.project);
      const result = await openWorkspace(name, num, options.reason, ctx);
      console.log(result.dir);
    });
}

function addCleanup(group: Command): void {
  group
    .command("cleanup")
    .description("Remove unclaimed managed checkouts older than workspace.cleanup_ttl_days")
    .option(PROJECT_FLAG, PROJECT_HELP)
    .option("-s, --stale", "remove stale unclaimed checkouts (required)")
    .option("-i, --include-shares", "also consider workflow-share checkouts")
    .option("-n, --dry-run", "report what would be removed without removing it")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) => {
      if (!options.stale) {
        throw usageError(
          "sase workspace cleanup needs -s/--stale",
          "run `sase workspace cleanup --stale --dry-run` to preview",
        );
      }
      const ctx = await context();
      const workspace = await workspaceForProject(await projectName(ctx, options.project), ctx);
      const report = await cleanupWorkspaces(workspace, ctx, {
        dryRun: options.dryRun,
        includeShares: options.includeShares,
      });
      if (options.json) {
        printJson(report);
        return;
      }
      const verb = report.dry_run ? "would remove" : "removed";
      for (const entry of report.removed) {
        console.log(`${verb} #${entry.num} ${entry.checkout_dir}`);
      }
      if (report.removed.length === 0) {
        console.log(`Nothing to clean up (TTL ${report.ttl_days} days).`);
      }
    });
}

function addRepair(group: Command): void {
  group
    .command("repair")
    .description(
      "Release claims of dead processes and reconcile the registry with the filesystem " +
        "(every project when none is given or inferred)",
    )
    .option(PROJECT_FLAG, PROJECT_HELP)
    .option("-n, --dry-run", "report without writing")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) => {
      const ctx = await context();
      const project = options.project ??
        await projectForCwd(ctx.cwd, ctx.env, ctx).catch(() => undefined);
      const report = await repairWorkspaces(ctx, { project, dryRun: options.dryRun });
      if (options.project && report.projects.length === 0) {
        throw usageError(
          `no project named '${options.project}'`,
          "see `sase project list --state all`",
        );
      }
      if (options.json) printJson(report);
      else printRepair(report);
    });
}

/** Register `sase workspace`. */
export function register(program: Command): void {
  const group = program.command("workspace").description(
    "Numbered workspace paths, checkout registry, cleanup and repair",
  );
  addList(group);
  addPath(group);
  addOpen(group);
  addCleanup(group);
  addRepair(group);
}
