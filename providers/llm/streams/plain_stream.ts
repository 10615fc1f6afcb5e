/**
 * Parser for plain-stdout providers (`agy`): every line is reply text.
 * ANSI escapes and carriage-return overwrites are removed, since the text
 * lands in Markdown artifacts.
 *
 * @module
 */

import type { StreamParser } from "../../../core/provider_events.ts";

// CSI, OSC and two-character escapes.
// deno-lint-ignore no-control-regex
const ANSI = /\x1b(?:\[[0-9;?]*[A-Za-z@]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[()][0-9A-Za-z]|.)/g;

/** Remove terminal escapes and bare carriage returns. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, "").replace(/\r/g, "");
}

/** A parser that treats each line as a text delta. */
export function createPlainStreamParser(): StreamParser {
  return {
    expectsResult: false,
    push(line) {
      return [{ type: "text", text: stripAnsi(line) + "\n", delta: true }];
    },
    end: () => [],
  };
}
