/**
 * Text from ProjectSpecs, as the project commands print it.
 *
 * @module
 */

import { neutralizeControls } from "../../core/text/control_chars.ts";

/** One line of text from a ProjectSpec (agents write these files), inert. */
export function inert(text: string): string {
  return neutralizeControls(text, { keepLayout: false });
}
