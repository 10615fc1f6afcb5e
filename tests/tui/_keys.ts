/**
 * Terminal bytes as the events a widget's reducer receives: decoded by the
 * real input decoder, a waiting escape resolved.
 *
 * @module
 */

import { InputDecoder } from "../../tui/engine/input.ts";
import type { InputEvent } from "../../tui/engine/keys.ts";

/** The events `bytes` decode to, sent in one chunk (a lone trailing ESC counts as Escape). */
export function decodeAll(bytes: string): InputEvent[] {
  const decoder = new InputDecoder();
  return [...decoder.feed(bytes, 0), ...decoder.flush(Infinity)];
}
