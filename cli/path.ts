/**
 * `sase path [NAME]`: print well-known paths.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import { JSON_FLAG, JSON_HELP, printJson } from "./shared/output.ts";
import { knownPaths } from "../core/config/known_paths.ts";
import { materializeSchema, SCHEMA_SOURCES } from "../core/config/schema_files.ts";
import { saseHome } from "../core/config/paths.ts";
import { SaseError } from "../core/errors.ts";

/** Every path name with a resolver; schemas are written only when asked for. */
function pathEntries(): { name: string; resolve: () => Promise<string> }[] {
  const home = saseHome();
  return [
    ...knownPaths().map((path) => ({ name: path.name, resolve: () => Promise.resolve(path.path) })),
    ...SCHEMA_SOURCES.map((source) => ({
      name: source.name,
      resolve: () => materializeSchema(source, home),
    })),
  ];
}

/** Register `sase path`. */
export function register(program: Command): void {
  program
    .command("path")
    .description("Print well-known paths (state root, config, xprompt dirs, schemas)")
    .argument("[name]", "one path name; omit to list them all")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (name, options) => {
      const entries = pathEntries();
      if (name) {
        const entry = entries.find((candidate) => candidate.name === name);
        if (!entry) {
          throw new SaseError("path.unknown", `unknown path name '${name}'`, {
            hint: `known names: ${entries.map((candidate) => candidate.name).join(", ")}`,
            kind: "invalid-input",
          });
        }
        const path = await entry.resolve();
        if (options.json) printJson({ name: entry.name, path });
        else console.log(path);
        return;
      }
      const paths = await Promise.all(
        entries.map(async (entry) => ({ name: entry.name, path: await entry.resolve() })),
      );
      if (options.json) {
        printJson(Object.fromEntries(paths.map((path) => [path.name, path.path])));
        return;
      }
      const width = Math.max(...paths.map((path) => path.name.length));
      for (const path of paths) console.log(`${path.name.padEnd(width)}  ${path.path}`);
    });
}
