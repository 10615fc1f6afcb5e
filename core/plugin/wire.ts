/**
 * The JSON shapes of `sase plugin list -j` and `sase plugin doctor -j`.
 *
 * @module
 */

import type { PluginDoctorReport } from "./doctor.ts";
import type { PluginInventory } from "./inventory.ts";

/** `sase plugin list -j`. */
export interface PluginListWire {
  plugins: {
    name: string;
    version: string | null;
    description: string | null;
    source: string;
    entries: { group: string; name: string }[];
  }[];
  failures: { plugin: string; source: string; group: string | null; message: string }[];
  chops: { lumberjack: string; name: string; kind: string; path: string | null }[];
  available_scripts: { name: string; path: string }[];
}

/** `sase plugin doctor -j`. */
export interface PluginDoctorWire {
  status: string;
  findings: { status: string; check: string; message: string; hint: string | null }[];
  inventory: PluginListWire;
}

/** The inventory as JSON. */
export function pluginListWire(inventory: PluginInventory): PluginListWire {
  return {
    plugins: inventory.plugins.map((plugin) => ({
      name: plugin.name,
      version: plugin.version ?? null,
      description: plugin.description ?? null,
      source: plugin.source,
      entries: plugin.entries,
    })),
    failures: inventory.failures.map((failure) => ({
      plugin: failure.plugin,
      source: failure.source,
      group: failure.group ?? null,
      message: failure.message,
    })),
    chops: inventory.chops.map((chop) => ({
      lumberjack: chop.lumberjack,
      name: chop.name,
      kind: chop.kind,
      path: chop.path ?? null,
    })),
    available_scripts: inventory.availableScripts,
  };
}

/** The doctor's report as JSON. */
export function pluginDoctorWire(report: PluginDoctorReport): PluginDoctorWire {
  return {
    status: report.status,
    findings: report.findings.map((finding) => ({
      status: finding.status,
      check: finding.check,
      message: finding.message,
      hint: finding.hint ?? null,
    })),
    inventory: pluginListWire(report.inventory),
  };
}
