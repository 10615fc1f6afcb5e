/**
 * `sase validate`: the top-level validation command. It runs the SDD init
 * drift check (for projects in version-controlled mode) and SDD link
 * validation, prints one status line per check (or, with `-j`, both results
 * as JSON) and exits 1 if any fails.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import type { AppContext } from "../core/context.ts";
import type { ProjectCheck } from "../core/sdd/service.ts";
import { neutralizeControls } from "../core/text/control_chars.ts";
import { JSON_FLAG, JSON_HELP, printJson, style } from "./shared/output.ts";
import { importOnDemand } from "../core/on_demand.ts";

function statusLine(check: ProjectCheck): string {
  const label = check.status === "skip"
    ? style("dim", "SKIP")
    : check.status === "ok"
    ? style("green", "OK  ")
    : style("red", "FAIL");
  return `${label} ${check.name}: ${neutralizeControls(check.detail, { keepLayout: false })}`;
}

/** Run `sase validate`. */
async function runValidate(
  app: AppContext,
  options: { path?: string; json?: boolean },
): Promise<void> {
  const { validateProject } = await importOnDemand<typeof import("../core/sdd/service.ts")>(
    "../core/sdd/service.ts",
    import.meta.url,
  );
  const result = await validateProject(app, options);
  if (!result.ok) Deno.exitCode = 1;
  if (options.json) {
    const { projectValidationWire } = await importOnDemand<typeof import("../core/sdd/wire.ts")>(
      "../core/sdd/wire.ts",
      import.meta.url,
    );
    return printJson(projectValidationWire(result));
  }
  for (const check of result.checks) console.log(statusLine(check));
}

/** Register `sase validate`. */
export function register(program: Command, app: AppContext): void {
  program
    .command("validate")
    .description("Run the SDD init drift check and SDD validation; exit 1 if any check fails")
    .option("-p, --path <path>", "SDD root or project root (default: the current project)")
    .option(JSON_FLAG, JSON_HELP)
    .action((options) => runValidate(app, options));
}
