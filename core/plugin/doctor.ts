/**
 * `sase plugin doctor`'s rules (handbook 20.4): ERROR for a plugin or entry
 * that failed to load and for a configured script chop whose script is
 * missing; WARN for installed chop scripts no lumberjack runs and for the
 * optional prerequisites of an integration (Telegram chops need `pass`).
 *
 * @module
 */

import { aggregateStatus, type CheckStatus } from "../doctor/model.ts";
import { whichSync } from "../fs/which.ts";
import type { Env } from "../env.ts";
import type { PluginInventory } from "./inventory.ts";

/** One finding of the plugin doctor. */
export interface PluginFinding {
  status: Exclude<CheckStatus, "SKIP">;
  /** What was checked: `plugin_load`, `chop_missing`, `chop_unconfigured`, `telegram_pass`. */
  check: string;
  message: string;
  hint?: string;
}

/** The doctor's report: its findings (OK only when there are none) and their worst status. */
export interface PluginDoctorReport {
  status: CheckStatus;
  findings: PluginFinding[];
  inventory: PluginInventory;
}

/** Apply the doctor's rules to `inventory`. */
export function diagnosePlugins(inventory: PluginInventory, env: Env): PluginDoctorReport {
  const findings: PluginFinding[] = [];
  for (const failure of inventory.failures) {
    findings.push({
      status: "ERROR",
      check: "plugin_load",
      message: failure.group
        ? `plugin '${failure.plugin}' (${failure.source}): its ${failure.group} entry failed to load: ${failure.message}`
        : `plugin '${failure.source}' failed to load: ${failure.message}`,
      hint: "fix or remove the module under plugins: in your sase.yml",
    });
  }
  for (const chop of inventory.chops.filter((chop) => chop.kind === "missing")) {
    findings.push({
      status: "ERROR",
      check: "chop_missing",
      message:
        `lumberjack '${chop.lumberjack}' runs chop '${chop.name}', but no script for it is installed`,
      hint:
        `put an executable '${chop.name}' in axe.chop_script_dirs or sase_chop_${chop.name} on PATH`,
    });
  }
  for (const script of inventory.availableScripts) {
    findings.push({
      status: "WARN",
      check: "chop_unconfigured",
      message:
        `chop script '${script.name}' (${script.path}) is installed but no lumberjack runs it`,
      hint: "add it to a lumberjack's chops: under axe: in sase.yml, or remove it",
    });
  }
  const telegram = [...inventory.chops, ...inventory.availableScripts]
    .some((chop) => chop.name.startsWith("tg_"));
  if (telegram && !whichSync("pass", env.PATH)) {
    findings.push({
      status: "WARN",
      check: "telegram_pass",
      message:
        "Telegram chop scripts are present but `pass` (which holds their token) is not on PATH",
      hint: "install pass and store the bot token in it",
    });
  }
  return {
    status: aggregateStatus(findings.length ? findings : [{ status: "OK" }]),
    findings,
    inventory,
  };
}
