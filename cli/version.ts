/**
 * `sase version`: the local runtime inventory (sase, Deno, V8, TypeScript,
 * build mode and packages). `-j` prints the stable JSON object.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import { formatTable, JSON_FLAG, printJson, style } from "./shared/output.ts";
import { collectVersionInventory, type VersionInventory } from "../core/version_inventory.ts";
import { versionInventoryWire } from "../core/version_wire.ts";

function printHuman(inventory: VersionInventory, verbose: boolean): void {
  const { runtime, install } = inventory;
  console.log(`${style("bold", "sase")} ${runtime.sase} (${runtime.buildMode})`);
  console.log(formatTable(["RUNTIME", "VERSION"], [
    ["deno", runtime.deno],
    ["v8", runtime.v8],
    ["typescript", runtime.typescript],
    ["target", runtime.target],
  ]));
  console.log("");
  console.log(formatTable(
    ["PACKAGE", "ROLE", "VERSION", "LOCATION"],
    inventory.packages.map((pkg) => [pkg.name, pkg.role, pkg.version, pkg.location]),
  ));
  if (!verbose) return;
  console.log("");
  const git = install.git ? `${install.git.commit}${install.git.dirty ? " (dirty)" : ""}` : "none";
  console.log(formatTable(["INSTALL", "VALUE"], [
    ["exec_path", install.execPath],
    ["main_module", install.mainModule],
    ["source_dir", install.sourceDir ?? "none"],
    ["git_commit", git],
  ]));
}

/** Register `sase version`. */
export function register(program: Command): void {
  program
    .command("version")
    .description("Show the sase, Deno, V8 and TypeScript versions and the build mode")
    .option(JSON_FLAG, "print the inventory as JSON (schema_version 1)")
    .option("-v, --verbose", "add install path, main module and git commit of a source checkout")
    .action(async (options) => {
      const inventory = await collectVersionInventory();
      if (options.json) printJson(versionInventoryWire(inventory));
      else printHuman(inventory, options.verbose === true);
    });
}
