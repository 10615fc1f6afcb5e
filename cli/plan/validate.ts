/**
 * `sase plan validate FILE`: every problem of a plan, with its line; exit 1
 * on errors.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import type { SddTier } from "../../core/sdd/layout.ts";
import { checkPlanFile } from "../../core/sdd/plan_check.ts";
import { planCheckWire } from "../../core/sdd/wire.ts";
import { plural } from "../../core/text/plural.ts";
import { printJson, style } from "../shared/output.ts";
import { inert } from "./inert.ts";

/** Run `sase plan validate`. */
export async function runValidate(
  app: AppContext,
  planFile: string,
  options: { tier?: SddTier; json?: boolean },
): Promise<void> {
  const check = await checkPlanFile(planFile, { cwd: app.cwd, tier: options.tier });
  const { diagnostics, ok } = check.validation;
  if (!ok) Deno.exitCode = 1;
  if (options.json) return printJson(planCheckWire(check));
  for (const d of diagnostics) {
    const label = d.severity === "error" ? style("red", "error") : style("yellow", "warning");
    console.log(
      `${label} ${inert(planFile)}:${d.line ?? 1} [${d.code}] ${
        d.fieldPath ? `${d.fieldPath}: ` : ""
      }${inert(d.message)}`,
    );
  }
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  console.log(
    `${inert(planFile)}: ${ok ? "valid" : "invalid"} ${check.tier} (${plural(errors, "error")}, ${
      plural(diagnostics.length - errors, "warning")
    })`,
  );
}
