/**
 * `sase comments FILE`: preview a mentor output's comments with the code
 * around each (handbook 12.6.2). The body is in `comments/`.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import type { AppContext } from "../core/context.ts";
import { JSON_FLAG, JSON_HELP } from "./shared/output.ts";
import { nonNegativeInt } from "./shared/options.ts";
import { importOnDemand } from "../core/on_demand.ts";

/** Register `sase comments`. */
export function register(program: Command, app: AppContext): void {
  program
    .command("comments")
    .description("Preview mentor comments from a mentor output JSON with the code they point at")
    .argument("<file>", "a mentor output, e.g. ~/.sase/mentors/CL--PROFILE--MENTOR--TS.json")
    .option(
      "-C, --context <lines>",
      "lines of code shown around each line (default 3)",
      nonNegativeInt("--context"),
      3,
    )
    .option(JSON_FLAG, JSON_HELP)
    .action(async (file, options) =>
      (await importOnDemand<typeof import("./comments/preview.ts")>(
        "./comments/preview.ts",
        import.meta.url,
      )).runComments(app, file, options)
    );
}
