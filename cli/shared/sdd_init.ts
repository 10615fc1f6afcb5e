/**
 * The SDD initializer command, registered both as `sase sdd init` and as
 * `sase init sdd`.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import type { AppContext } from "../../core/context.ts";
import type { InitReport } from "../../core/sdd/init.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";
import { plural } from "../../core/text/plural.ts";
import { JSON_FLAG, JSON_HELP, printJson, style } from "./output.ts";
import { importOnDemand } from "../../core/on_demand.ts";

/** Text rendering of an init run or check (paths others chose are printed inert). */
export function renderInit(report: InitReport, check: boolean): string[] {
  const inert = (text: string) => neutralizeControls(text, { keepLayout: false });
  const lines: string[] = [];
  for (const item of report.items) {
    if (check) {
      if (item.state !== "current") {
        const what = item.role === "config" ? "sdd.version_controlled is not true in" : item.state;
        lines.push(`${style("yellow", "drift")} ${what} ${inert(item.path)}`);
      }
    } else if (report.written.includes(item.path)) {
      lines.push(`${style("green", "wrote")} ${inert(item.path)}`);
    }
  }
  if (check) {
    lines.push(
      report.drift
        ? `SDD init drift: ${plural(lines.length, "item")} ${
          lines.length === 1 ? "needs" : "need"
        } \`sase sdd init\``
        : "SDD init is current",
    );
  } else if (report.written.length === 0) lines.push("SDD init: everything is current");
  return lines;
}

/** Run the initializer (or, with `--check`, the drift check: exit 1 on drift). */
async function runInit(
  app: AppContext,
  options: { path?: string; check?: boolean; json?: boolean },
): Promise<void> {
  const { initSdd } = await importOnDemand<typeof import("../../core/sdd/service.ts")>(
    "../../core/sdd/service.ts",
    import.meta.url,
  );
  const check = options.check ?? false;
  const report = await initSdd(app, { path: options.path, check });
  if (check && report.drift) Deno.exitCode = 1;
  if (options.json) {
    const { sddInitWire } = await importOnDemand<typeof import("../../core/sdd/wire.ts")>(
      "../../core/sdd/wire.ts",
      import.meta.url,
    );
    return printJson(sddInitWire(report, check));
  }
  for (const line of renderInit(report, check)) console.log(line);
}

/** Register the SDD initializer on `parent` as `name`. */
export function addInitCommand(
  parent: Command,
  app: AppContext,
  name: string,
  description: string,
): void {
  parent
    .command(name)
    .description(description)
    .option("-p, --path <path>", "SDD root or project root (default: the current directory)")
    .option(
      "-c, --check",
      "report config and generated-file drift without writing; exit 1 on drift",
    )
    .option(JSON_FLAG, JSON_HELP)
    .action((options) => runInit(app, options));
}
