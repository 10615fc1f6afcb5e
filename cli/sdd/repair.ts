/**
 * `sase sdd repair-links`: infer missing prompt/plan links (`-w` writes them).
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { repairSddLinks } from "../../core/sdd/service.ts";
import { sddRepairWire } from "../../core/sdd/wire.ts";
import { plural } from "../../core/text/plural.ts";
import { printJson } from "../shared/output.ts";
import { inert, issueLine } from "./text.ts";

/** Run `sase sdd repair-links`; exit 1 when a pair had to be left alone for an error. */
export async function runRepair(
  app: AppContext,
  options: { path?: string; write?: boolean; json?: boolean },
): Promise<void> {
  const repair = await repairSddLinks(app, options);
  if (repair.failed) Deno.exitCode = 1;
  if (options.json) return printJson(sddRepairWire(repair));
  for (const issue of repair.issues) console.log(issueLine(issue));
  const skipped = new Set(repair.issues.map((issue) => issue.path));
  for (const fix of repair.fixes) {
    const verb = !repair.write ? "would set" : skipped.has(fix.path) ? "skipped" : "set";
    console.log(`${verb} ${fix.field}: ${inert(fix.value)} in ${inert(fix.path)}`);
  }
  const count = plural(repair.write ? repair.written.length : repair.fixes.length, "link");
  console.log(
    repair.write
      ? `repaired ${count}`
      : `${count} to repair${repair.fixes.length ? " (rerun with -w/--write to apply)" : ""}`,
  );
}
