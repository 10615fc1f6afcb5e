/**
 * The `%edit` (`%e`) directive (handbook "Prompt directives"): a prompt
 * composed in `$EDITOR` that carries it goes back to ACE's prompt bar for
 * review instead of launching. This finds and strips it (fenced code is
 * left alone, as for every directive).
 *
 * @module
 */

import { scanDirectives, stripSpans } from "./directives.ts";
import { protectFences, restore } from "./protect.ts";

/** `text` without its `%edit` directives, and whether it had one. */
export function takeEditDirective(text: string): { edit: boolean; text: string } {
  const saved: string[] = [];
  const guarded = protectFences(text, saved);
  const edits = scanDirectives(guarded).filter((token) => token.name === "edit");
  if (edits.length === 0) return { edit: false, text };
  return { edit: true, text: restore(stripSpans(guarded, edits), saved) };
}
