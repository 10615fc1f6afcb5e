/**
 * `sase sdd validate`: the tree's frontmatter links; exit 1 on errors.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { validateSdd } from "../../core/sdd/service.ts";
import type { SddValidation } from "../../core/sdd/validate.ts";
import { sddValidationWire } from "../../core/sdd/wire.ts";
import { plural } from "../../core/text/plural.ts";
import { printJson, style } from "../shared/output.ts";
import { issueLine } from "./text.ts";

/** Text rendering of a validation; warnings only when `showWarnings`. */
function renderValidation(
  result: SddValidation,
  options: { showWarnings: boolean; quiet: boolean },
): string[] {
  const lines: string[] = [];
  for (const issue of result.issues) {
    if (issue.severity === "warning" && !options.showWarnings) continue;
    lines.push(issueLine(issue));
  }
  if (options.quiet) return lines;
  const hidden = result.warningCount > 0 && !options.showWarnings
    ? " (use --show-warnings to display)"
    : "";
  const verdict = result.ok
    ? style("green", "SDD validation passed")
    : style("red", "SDD validation failed");
  lines.push(
    `${verdict}: ${plural(result.fileCount, "file")}, ${plural(result.errorCount, "error")}, ${
      plural(result.warningCount, "warning")
    }${hidden}`,
  );
  return lines;
}

/** Run `sase sdd validate`. */
export async function runValidate(
  app: AppContext,
  options: {
    path?: string;
    json?: boolean;
    quiet?: boolean;
    strict?: boolean;
    showWarnings?: boolean;
  },
): Promise<void> {
  const result = await validateSdd(app, options);
  if (options.json) printJson(sddValidationWire(result));
  else {
    const lines = renderValidation(result, {
      showWarnings: options.showWarnings ?? false,
      quiet: options.quiet ?? false,
    });
    for (const line of lines) console.log(line);
  }
  if (!result.ok) Deno.exitCode = 1;
}
