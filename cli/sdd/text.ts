/**
 * How the `sase sdd` commands print what agents wrote (file names,
 * messages) and validation issues.
 *
 * @module
 */

import { neutralizeControls } from "../../core/text/control_chars.ts";
import type { SddIssue } from "../../core/sdd/validate.ts";
import { style } from "../shared/output.ts";

/** File names and messages quote what agents wrote: print them inert. */
export function inert(text: string): string {
  return neutralizeControls(text, { keepLayout: false });
}

/** One issue as a text line: `error path:line [code] message`. */
export function issueLine(issue: SddIssue): string {
  const where = issue.line === undefined ? issue.path : `${issue.path}:${issue.line}`;
  const label = issue.severity === "error" ? style("red", "error") : style("yellow", "warning");
  return `${label} ${inert(where)} [${issue.code}] ${inert(issue.message)}`;
}
