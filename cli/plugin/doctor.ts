/**
 * `sase plugin doctor`: the plugin inventory plus its health checks; exits
 * 1 when a check is an ERROR.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { diagnosePlugins } from "../../core/plugin/doctor.ts";
import { pluginInventory } from "../../core/plugin/inventory.ts";
import { pluginDoctorWire } from "../../core/plugin/wire.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";
import { printJson } from "../shared/output.ts";

/** Run `sase plugin doctor`. */
export async function runDoctor(app: AppContext, options: { json?: boolean }): Promise<void> {
  const report = diagnosePlugins(await pluginInventory(app, { loadAll: true }), app.env);
  if (options.json) printJson(pluginDoctorWire(report));
  else {
    const inert = (text: string) => neutralizeControls(text, { keepLayout: false });
    for (const finding of report.findings) {
      console.log(`${finding.status.padEnd(5)} ${finding.check}: ${inert(finding.message)}`);
      if (finding.hint) console.log(`      hint: ${inert(finding.hint)}`);
    }
    const plugins = report.inventory.plugins.length;
    console.log(`${report.status}: ${plugins} plugins, ${report.findings.length} findings`);
  }
  if (report.status === "ERROR") Deno.exitCode = 1;
}
