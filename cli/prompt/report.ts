/**
 * `sase prompt stats` and `sase prompt doctor`: read-only summaries of the
 * store (never full prompt text).
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { promptDoctor, promptStats } from "../../core/xprompt/history/service.ts";
import { historyDoctorWire, historyStatsWire } from "../../core/xprompt/history/wire.ts";
import { plural } from "../../core/text/plural.ts";
import { printJson } from "../shared/output.ts";

/** Run `sase prompt stats`. */
export async function runStats(app: AppContext, options: { json?: boolean }): Promise<void> {
  const stats = await promptStats(app.env);
  if (options.json) return printJson(historyStatsWire(stats));
  console.log(`store:     ${stats.path} (${plural(stats.sizeBytes, "byte")})`);
  console.log(
    `prompts:   ${stats.total} (${stats.launched} launched, ${stats.cancelled} cancelled)`,
  );
  const l = stats.length;
  console.log(
    `length:    min ${l.min} · p50 ${l.p50} · p90 ${l.p90} · p99 ${l.p99} · max ${l.max}`,
  );
  for (const item of stats.largest) {
    console.log(`  ${item.id}  ${plural(item.chars, "char")}  ${item.preview}`);
  }
  if (stats.topChips.length) {
    console.log(`top chips: ${stats.topChips.map((c) => `${c.chip} (${c.count})`).join(", ")}`);
  }
}

/** Run `sase prompt doctor`. */
export async function runDoctor(app: AppContext, options: { json?: boolean }): Promise<void> {
  const report = await promptDoctor(app.env);
  if (options.json) return printJson(historyDoctorWire(report));
  const list = (ids: string[]) => ids.length ? ids.join(", ") : "none";
  console.log(
    `store:      ${report.path}${report.exists ? "" : " (missing)"} ${
      plural(report.sizeBytes, "byte")
    }`,
  );
  console.log(`parseable:  ${report.parseable ? "yes" : `no: ${report.error}`}`);
  console.log(
    `entries:    ${report.entries} (${report.cancelled} cancelled, ${report.invalidEntries} invalid)`,
  );
  console.log(`duplicates: ${list(report.duplicateIds)}`);
  console.log(`oversized:  ${list(report.oversized)}`);
  console.log(`very short: ${list(report.veryShort)}`);
  console.log(`fzf:        ${report.fzfAvailable ? "available" : "not found"}`);
  console.log(`clipboard:  ${report.clipboardCommand ?? "not found"}`);
  console.log(report.ok ? "ok" : "problems found");
}
