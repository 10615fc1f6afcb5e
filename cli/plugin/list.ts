/**
 * `sase plugin list` (and bare `sase plugin`): the plugin inventory.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { pluginInventory } from "../../core/plugin/inventory.ts";
import { pluginListWire } from "../../core/plugin/wire.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";
import { formatTable, printJson } from "../shared/output.ts";

const inert = (text: string) => neutralizeControls(text, { keepLayout: false });

/** Run `sase plugin list`. */
export async function runList(
  app: AppContext,
  options: { verbose?: boolean; json?: boolean },
): Promise<void> {
  const inventory = await pluginInventory(app);
  if (options.json) return printJson(pluginListWire(inventory));
  console.log(formatTable(
    ["PLUGIN", "VERSION", "SOURCE", "ENTRIES"],
    inventory.plugins.map((plugin) => [
      inert(plugin.name),
      inert(plugin.version ?? "-"),
      inert(plugin.source),
      options.verbose
        ? plugin.entries.map((entry) => `${entry.group}:${inert(entry.name)}`).join(" ") || "-"
        : `${plugin.entries.length}`,
    ]),
  ));
  for (const failure of inventory.failures) {
    console.log(`failed: ${inert(failure.source)}: ${inert(failure.message)}`);
  }
  if (options.verbose && inventory.chops.length) {
    console.log("\nConfigured chops:");
    console.log(formatTable(
      ["LUMBERJACK", "CHOP", "KIND", "PATH"],
      inventory.chops.map((chop) => [chop.lumberjack, chop.name, chop.kind, chop.path ?? "-"]),
    ));
  }
  if (inventory.availableScripts.length) {
    console.log("\nUnconfigured chop scripts:");
    for (const script of inventory.availableScripts) {
      console.log(`  ${script.name}  ${script.path}`);
    }
  }
}
