/**
 * The `sase` command-line entry point.
 *
 * @module
 */

import { fastPathOutput } from "./cli/root_help.ts";

if (import.meta.main) {
  const fast = fastPathOutput(Deno.args);
  if (fast !== null) {
    console.log(fast);
    Deno.exit(0);
  }
  const { runCli } = await import("./cli/app.ts");
  Deno.exit(await runCli(Deno.args));
}
