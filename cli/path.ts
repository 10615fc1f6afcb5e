/**
 * `sase path [NAME]`: print well-known paths.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import type { AppContext } from "../core/context.ts";
import { JSON_FLAG, JSON_HELP, printJson } from "./shared/output.ts";
import { importOnDemand } from "../core/on_demand.ts";

/** Run `sase path [NAME]`: one path, or every path (`-j`: a name → path object). */
async function runPath(
  app: AppContext,
  name: string | undefined,
  options: { json?: boolean },
): Promise<void> {
  const [{ allNamedPaths, namedPath }, { namedPathsWire, namedPathWire }] = await Promise.all([
    importOnDemand<typeof import("../core/config/named_paths.ts")>(
      "../core/config/named_paths.ts",
      import.meta.url,
    ),
    importOnDemand<typeof import("../core/config/wire.ts")>(
      "../core/config/wire.ts",
      import.meta.url,
    ),
  ]);
  if (name) {
    const path = await namedPath(app.env, name);
    if (options.json) printJson(namedPathWire(path));
    else console.log(path.path);
    return;
  }
  const paths = await allNamedPaths(app.env);
  if (options.json) {
    printJson(namedPathsWire(paths));
    return;
  }
  const width = Math.max(...paths.map((path) => path.name.length));
  for (const path of paths) console.log(`${path.name.padEnd(width)}  ${path.path}`);
}

/** Register `sase path`. */
export function register(program: Command, app: AppContext): void {
  program
    .command("path")
    .description("Print well-known paths (state root, config, xprompt dirs, schemas)")
    .argument("[name]", "one path name; omit to list them all")
    .option(JSON_FLAG, JSON_HELP)
    .action((name, options) => runPath(app, name, options));
}
