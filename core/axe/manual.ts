/**
 * Manual runs (handbook 5.5.4): `sase axe chop run NAME [-L LJ]` runs one
 * chop in the foreground through the same path as a scheduled tick,
 * recorded with `source: manual` under its lumberjack; `run_every` does not
 * hold it back, but a run of the same chop still in flight does.
 *
 * @module
 */

import type { AppContext } from "../context.ts";
import { SaseError } from "../errors.ts";
import { projectStore } from "../changespec/read.ts";
import { BoundedLog } from "./bounded_log.ts";
import { lumberjackPaths } from "./paths.ts";
import type { AxeSettings } from "./settings.ts";
import { resolveChop } from "./settings.ts";
import { runChops, stillRunning, type TickHost } from "./tick.ts";
import type { ChopRunEntry } from "./history.ts";

/** Run the chop `name` once, now; resolves to its finished run. */
export async function runChopManually(
  app: AppContext,
  settings: AxeSettings,
  name: string,
  lumberjack?: string,
): Promise<ChopRunEntry> {
  const target = resolveChop(settings, name, lumberjack);
  const notes: string[] = [];
  const output = new BoundedLog(
    lumberjackPaths(app.env, target.lumberjack.name).outputLog,
    settings.logMaxBytes,
    target.lumberjack.name,
  );
  const host: TickHost = {
    app,
    settings,
    lumberjack: target.lumberjack,
    store: projectStore(app.env),
    log: async (message) => {
      notes.push(message);
      await output.line(message, app.now());
    },
  };
  if (await stillRunning(host, target.chop)) {
    throw new SaseError(
      "axe.chop_running",
      `chop '${name}' of lumberjack '${target.lumberjack.name}' is already running`,
      { hint: "wait for that run to finish", kind: "conflict" },
    );
  }
  const [run] = await runChops(host, [target.chop], "manual", `cli:${Deno.pid}`);
  if (run) return run;
  throw new SaseError("axe.chop_not_launched", `chop '${name}' launched nothing: ${notes.at(-1)}`, {
    kind: "conflict",
  });
}
