/**
 * `sase axe chop list|run`.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { createAppContext } from "../../core/context.ts";
import { lumberjackViews } from "../../core/axe/status.ts";
import { chopWire } from "../../core/axe/wire.ts";
import { runChopManually } from "../../core/axe/manual.ts";
import { chopPaths } from "../../core/axe/paths.ts";
import { SaseError } from "../../core/errors.ts";
import { formatTable, printJson } from "../shared/output.ts";
import { axeEnv, loadSettings } from "./settings.ts";

/** Run `sase axe chop list`. */
export async function runChopList(app: AppContext, options: { json?: boolean }): Promise<void> {
  const views = await lumberjackViews(app.env, await loadSettings(app), app.now());
  const wires = views.flatMap((view) => view.chops.map(chopWire));
  if (options.json) return printJson(wires);
  console.log(formatTable(
    ["CHOP", "LUMBERJACK", "KIND", "LAST RUN", "DESCRIPTION"],
    wires.map((chop) => [
      chop.name,
      chop.lumberjack,
      chop.kind,
      chop.last_run ? `${chop.last_run.status} ${chop.last_run.started_at}` : "never",
      chop.description,
    ]),
  ));
}

/** Run `sase axe chop run NAME [-L LJ]`; a run that did not succeed exits non-zero. */
export async function runChopRun(
  app: AppContext,
  name: string,
  options: { lumberjack?: string; json?: boolean },
  vcsProvider: string | undefined,
): Promise<void> {
  const settings = await loadSettings(app);
  const env = axeEnv(app, vcsProvider);
  const runApp = env === app.env
    ? app
    : createAppContext({ env, cwd: app.cwd, providers: app.providers, now: () => app.now() });
  const run = await runChopManually(runApp, settings, name, options.lumberjack);
  if (options.json) printJson(run);
  else {
    console.log(
      `${run.lumberjack_name}/${run.chop_name}: ${run.status} (${run.duration_ms}ms, run ${run.run_id})`,
    );
    console.log(
      `log: ${chopPaths(app.env, run.lumberjack_name, run.chop_name).runLog(run.run_id)}`,
    );
  }
  if (run.status !== "success" && run.status !== "agent_launched") {
    throw new SaseError(
      "axe.chop_failed",
      `chop '${name}' ended ${run.status}: ${run.error ?? ""}`,
      {
        kind: "failed",
      },
    );
  }
}
