/**
 * Text others wrote (plan titles, paths, bodies, messages), as the plan
 * commands print it.
 *
 * @module
 */

import { neutralizeControls } from "../../core/text/control_chars.ts";

/** One line of text others wrote, printed inert. */
export function inert(text: string): string {
  return neutralizeControls(text, { keepLayout: false });
}

/** A block of text others wrote (plan bodies), printed inert but keeping its lines. */
export function inertBlock(text: string): string {
  return neutralizeControls(text);
}
