/**
 * `sase config layers` and `sase config show [KEY]`.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import { stringify } from "yaml";
import { formatTable, JSON_FLAG, JSON_HELP, printJson } from "./shared/output.ts";
import { loadConfig } from "../core/config/load.ts";
import { getPath } from "../core/config/merge.ts";
import { SaseError } from "../core/errors.ts";
import { neutralizeControls } from "../core/text/control_chars.ts";

/** Register `sase config`. */
export function register(program: Command): void {
  const config = program
    .command("config")
    .description("Inspect the layered configuration");

  config
    .command("layers")
    .description("Show the configuration merge chain, lowest priority first")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) => {
      const { layers, warnings } = await loadConfig();
      const rows = layers.map((layer, index) => ({
        order: index + 1,
        name: layer.name,
        kind: layer.kind,
        path: layer.path,
        exists: layer.exists,
        list_strategy: layer.strategy,
        keys: layer.value ? Object.keys(layer.value).length : 0,
      }));
      if (options.json) {
        printJson({ schema_version: 1, layers: rows, warnings });
        return;
      }
      console.log(formatTable(
        ["#", "LAYER", "LISTS", "KEYS", "PATH"],
        rows.map((row) => [
          String(row.order),
          row.name,
          row.list_strategy,
          row.exists ? String(row.keys) : "-",
          neutralizeControls(row.exists ? row.path : `${row.path} (missing)`),
        ]),
      ));
      for (const warning of warnings) {
        const where = warning.line ? `${warning.path}:${warning.line}` : warning.path;
        console.error(neutralizeControls(`warning: ${where}: ${warning.message}`));
      }
    });

  config
    .command("show")
    .description("Print the final merged configuration, or one key of it")
    .argument("[key]", "dotted key path, e.g. axe.max_hook_runners")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (key, options) => {
      const { raw } = await loadConfig();
      const value = key ? getPath(raw, key) : raw;
      if (value === undefined) {
        throw new SaseError("config.unknown_key", `no configuration value at '${key}'`, {
          hint: "run `sase config show` to see every key",
        });
      }
      if (options.json) printJson(value);
      // YAML escapes control characters inside its quoted strings already.
      else if (typeof value === "object" && value !== null) console.log(stringify(value).trimEnd());
      else console.log(neutralizeControls(String(value)));
    });
}
