/**
 * The lexical grammar of `#name` references.
 *
 * A reference starts at the beginning of the text, after whitespace, or after
 * one of `( [ { " ' \``; so `# Heading` and `C#x` are not references. Names are
 * `[A-Za-z_]\w*` segments (inner `-` allowed, as in saved
 * prompts like `#fix-auth-review`) joined by `/` (`__` is an alternative spelling of
 * `/`). Arguments follow as `(…)`, `:value`, ``:`quoted` ``, `+`, or the
 * shorthand `: text` / `:: text` forms (see `shorthand.ts`).
 *
 * @module
 */

import {
  type ArgValue,
  findMatchingParen,
  parseArgList,
  parseColonArg,
  type ParsedArgs,
} from "./args.ts";

/** How the arguments of a reference were written. */
export type ArgKind = "none" | "paren" | "colon" | "plus";

/** One reference found in prompt text. */
export interface Reference {
  /** `#` (inline) or `#!` (standalone workflow). */
  marker: "#" | "#!";
  /** Normalised name (`__` → `/`). */
  name: string;
  /** Offsets of the whole reference in the text. */
  start: number;
  end: number;
  raw: string;
  argKind: ArgKind;
  /** The argument text after the name (`(a, b)`, `:x`, `+`, or ``). */
  argSource: string;
  /** `!!` → true, `??` → false, none → undefined. */
  hitl?: boolean;
}

const PATTERN = new RegExp(
  String
    .raw`(?<=^|[\s(\[{"'\x60])(#!|#)([A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*(?:\/[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*)*)(!!|\?\?)?` +
    String
      .raw`(?:(\()|:(\x60[^\x60]*\x60|\$\(|\{\{[^}]*\}\}|\{[^}]*\}|[A-Za-z0-9_.~,+\/@-]*[A-Za-z0-9_~+\/@-])|(\+))?`,
  "g",
);

/** Find every reference in `text`, in order (fences are not special here). */
export function findReferences(text: string): Reference[] {
  const references: Reference[] = [];
  PATTERN.lastIndex = 0;
  for (let match = PATTERN.exec(text); match; match = PATTERN.exec(text)) {
    const start = match.index;
    const nameEnd = start + match[1].length + match[2].length + (match[3]?.length ?? 0);
    let end = start + match[0].length;
    let argKind: ArgKind = "none";
    if (match[4] !== undefined) {
      const close = findMatchingParen(text, end - 1);
      if (close < 0) {
        end = nameEnd;
      } else {
        end = close + 1;
        argKind = "paren";
      }
    } else if (match[5] !== undefined) {
      argKind = "colon";
      if (match[5] === "$(") {
        const close = findMatchingParen(text, end - 1);
        end = close < 0 ? text.length : close + 1;
      }
    } else if (match[6] !== undefined) argKind = "plus";
    const hitl = match[3] === "!!" ? true : match[3] === "??" ? false : undefined;
    references.push({
      marker: match[1] as "#" | "#!",
      name: match[2].replaceAll("__", "/"),
      start,
      end,
      raw: text.slice(start, end),
      argKind,
      argSource: text.slice(nameEnd, end),
      hitl,
    });
    PATTERN.lastIndex = Math.max(end, start + 1);
  }
  return references;
}

/** The arguments of a reference, parsed (values still raw text; `$(…)` not run yet). */
export function referenceArgs(reference: Reference): ParsedArgs {
  const where = `reference '${reference.raw.split("\n")[0]}'`;
  const none = { positional: [], named: [] };
  switch (reference.argKind) {
    case "paren":
      return parseArgList(reference.argSource.slice(1, -1), where);
    case "colon": {
      const text = reference.argSource.slice(1);
      const positional = parseColonArg(text);
      // A backquoted value is quoted, so `#name:``` is an explicit empty value.
      const blank = text.startsWith("`")
        ? []
        : positional.flatMap((value, index) => value === "" ? [index] : []);
      return { positional, named: {}, blanks: { positional: blank, named: [] } };
    }
    case "plus":
      return { positional: ["true"], named: {}, blanks: none };
    default:
      return { positional: [], named: {}, blanks: none };
  }
}

/** Split `name!!(args)` style text into the name, its args and the HITL override. */
export function parseWorkflowReference(
  text: string,
): { name: string; positional: ArgValue[]; named: Record<string, ArgValue>; hitl?: boolean } {
  const refs = findReferences(`#${text.replace(/^#!?/, "")}`);
  const ref = refs[0];
  if (!ref) return { name: text, positional: [], named: {} };
  return { name: ref.name, ...referenceArgs(ref), hitl: ref.hitl };
}
