/**
 * `%directives`: found, parsed and stripped from prompt text.
 *
 * Directives use the reference argument grammar (`%d:v`, `%d(v)`,
 * ``%d:`v` ``). Multi-value directives (`%wait`, `%time`, `%model`) split
 * comma lists, except backtick-quoted values. A line holding only directives
 * disappears; an inline directive takes one adjacent space with it.
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import { findMatchingParen, parseArgList } from "./args.ts";
import { combineTimes, isTimeShaped, parseTimeValue, type TimeValue } from "./directive_time.ts";
import { protectFences, restore } from "./protect.ts";

/** Directive aliases → canonical names. */
export const DIRECTIVE_ALIASES: Readonly<Record<string, string>> = {
  model: "model",
  m: "model",
  name: "name",
  n: "name",
  wait: "wait",
  w: "wait",
  time: "time",
  t: "time",
  hide: "hide",
  h: "hide",
  approve: "approve",
  a: "approve",
  epic: "epic",
  edit: "edit",
  e: "edit",
  repeat: "repeat",
  r: "repeat",
  group: "group",
  g: "group",
  alt: "alt",
};

/** One directive occurrence. */
export interface DirectiveToken {
  name: string;
  /** As written (`m` for `%m`). */
  written: string;
  values: string[];
  /** `(…)` form (multi-model fan-out needs to know). */
  paren: boolean;
  start: number;
  end: number;
}

const START = /(?<=^|[\s(\[{])%([A-Za-z_]+)(?![A-Za-z_])/g;

/** Find directive tokens in `text` (fences must already be protected). */
export function scanDirectives(text: string): DirectiveToken[] {
  const tokens: DirectiveToken[] = [];
  START.lastIndex = 0;
  for (let match = START.exec(text); match; match = START.exec(text)) {
    const name = DIRECTIVE_ALIASES[match[1]];
    if (!name) continue;
    let end = match.index + match[0].length;
    let values: string[] = [];
    let paren = false;
    if (text[end] === "(") {
      const close = findMatchingParen(text, end);
      if (close < 0) continue;
      const parsed = parseArgList(text.slice(end + 1, close), `directive '%${match[1]}'`);
      values = parsed.positional.map(String);
      paren = true;
      end = close + 1;
    } else if (text[end] === ":") {
      const quoted = /^:`([^`]*)`/.exec(text.slice(end));
      if (quoted) {
        values = [quoted[1]];
        end += quoted[0].length;
      } else {
        const bare = /^:(\S*)/.exec(text.slice(end))!;
        values = bare[1] === ""
          ? []
          : ["wait", "time", "model"].includes(name)
          ? bare[1].split(",")
          : [bare[1]];
        end += bare[0].length;
      }
    }
    tokens.push({ name, written: match[1], values, paren, start: match.index, end });
    START.lastIndex = end;
  }
  return tokens;
}

/** Remove `[start, end)` spans; drop lines left blank and one adjacent space inline. */
export function stripSpans(text: string, spans: readonly { start: number; end: number }[]): string {
  let out = text;
  for (const span of [...spans].sort((a, b) => b.start - a.start)) {
    let { start, end } = span;
    const lineStart = out.lastIndexOf("\n", start - 1) + 1;
    const lineEndIndex = out.indexOf("\n", end);
    const lineEnd = lineEndIndex < 0 ? out.length : lineEndIndex;
    const before = out.slice(lineStart, start);
    const after = out.slice(end, lineEnd);
    if (before.trim() === "" && after.trim() === "") {
      start = lineStart;
      end = lineEndIndex < 0 ? lineEnd : lineEnd + 1;
      if (lineEndIndex < 0 && lineStart > 0) start = lineStart - 1;
    } else if (out[end] === " " || out[end] === "\t") end++;
    else if (start > 0 && (out[start - 1] === " " || out[start - 1] === "\t")) start--;
    out = out.slice(0, start) + out.slice(end);
  }
  return out;
}

/** The name directive, parsed. */
export type NameDirective =
  | { kind: "explicit"; value: string; forceReuse: boolean }
  | { kind: "auto" };

/** All directives of one prompt. */
export interface Directives {
  model?: string;
  name?: NameDirective;
  waits: string[];
  /** A bare `%wait`: wait on the most recently named agent. */
  waitPrevious: boolean;
  time?: TimeValue;
  hide: boolean;
  approve: boolean;
  epic: boolean;
  edit: boolean;
  repeat?: number;
  group?: string;
}

/** Prompt text with directives removed, and the directives. */
export interface Extracted {
  text: string;
  directives: Directives;
}

/** Extract and strip every directive (fenced code is left alone). */
export function extractDirectives(text: string, now: Date = new Date()): Extracted {
  const saved: string[] = [];
  const guarded = protectFences(text, saved);
  const tokens = scanDirectives(guarded).filter((token) => token.name !== "alt");
  const directives: Directives = {
    waits: [],
    waitPrevious: false,
    hide: false,
    approve: false,
    epic: false,
    edit: false,
  };
  const times: TimeValue[] = [];
  for (const token of tokens) {
    const value = token.values[0];
    switch (token.name) {
      case "model":
        if (!value) {
          throw new SaseError("directive.model", "%model needs a model name, e.g. %model:opus", {
            kind: "invalid-data",
          });
        }
        directives.model = value;
        break;
      case "name":
        directives.name = !value
          ? { kind: "auto" }
          : value.startsWith("!")
          ? { kind: "explicit", value: value.slice(1).trim(), forceReuse: true }
          : { kind: "explicit", value, forceReuse: false };
        break;
      case "wait":
        if (token.values.length === 0) directives.waitPrevious = true;
        for (const wait of token.values.map((v) => v.trim()).filter(Boolean)) {
          if (isTimeShaped(wait)) {
            throw new SaseError(
              "directive.wait",
              `%wait:${wait} looks like a time, not an agent name`,
              {
                hint: `use %time:${wait} to defer the launch`,
                kind: "invalid-data",
              },
            );
          }
          directives.waits.push(wait);
        }
        break;
      case "time":
        if (token.values.length === 0) {
          throw new SaseError("directive.time", "bare %time is invalid", {
            hint: "give a duration or time, e.g. %time:5m or %time:1430",
            kind: "invalid-data",
          });
        }
        for (const v of token.values) times.push(parseTimeValue(v.trim(), now));
        break;
      case "repeat": {
        if (!value || !/^\d+$/.test(value) || Number(value) < 1) {
          throw new SaseError(
            "directive.repeat",
            `%repeat needs a positive integer, got '${value ?? ""}'`,
            {
              hint: "e.g. %repeat:3",
              kind: "invalid-data",
            },
          );
        }
        directives.repeat = Number(value);
        break;
      }
      case "group":
        if (!value) {
          throw new SaseError("directive.group", "%group needs a tag, e.g. %group:review", {
            kind: "invalid-data",
          });
        }
        directives.group = value;
        break;
      default:
        (directives as unknown as Record<string, boolean>)[token.name] = true;
    }
  }
  directives.time = combineTimes(times);
  const stripped = stripSpans(guarded, tokens);
  return { text: restore(stripped, saved).trim(), directives };
}
