/**
 * `sase path [NAME]`: print well-known paths.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import { JSON_FLAG, JSON_HELP, printJson } from "./output.ts";
import { knownPaths } from "../core/config/known_paths.ts";
import { materializeSchema, SCHEMA_SOURCES } from "../core/config/schema_files.ts";
import { saseHome } from "../core/config/paths.ts";
import { SaseError } from "../core/errors.ts";

async function resolveAll(): Promise<{ name: string; path: string }[]> {
  const home = saseHome();
  const schemas = await Promise.all(
    SCHEMA_SOURCES.map(async (source) => ({
      name: source.name,
      path: await materializeSchema(source, home),
    })),
  );
  return [...knownPaths(), ...schemas];
}

/** Register `sase path`. */
export function register(program: Command): void {
  program
    .command("path")
    .description("Print well-known paths (state root, config, xprompt dirs, schemas)")
    .argument("[name]", "one path name; omit to list them all")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (name, options) => {
      const paths = await resolveAll();
      if (name) {
        const entry = paths.find((path) => path.name === name);
        if (!entry) {
          throw new SaseError("path.unknown", `unknown path name '${name}'`, {
            hint: `known names: ${paths.map((path) => path.name).join(", ")}`,
            exitCode: 2,
          });
        }
        if (options.json) printJson({ name: entry.name, path: entry.path });
        else console.log(entry.path);
        return;
      }
      if (options.json) {
        printJson(Object.fromEntries(paths.map((path) => [path.name, path.path])));
        return;
      }
      const width = Math.max(...paths.map((path) => path.name.length));
      for (const path of paths) console.log(`${path.name.padEnd(width)}  ${path.path}`);
    });
}
