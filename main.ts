/**
 * The `sase` command-line entry point.
 *
 * @module
 */

import { runCli } from "./cli/app.ts";

if (import.meta.main) {
  Deno.exit(await runCli(Deno.args));
}
