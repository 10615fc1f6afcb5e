/**
 * A fast reader for the most common YAML there is: a flat block of
 * `key: plain words` lines, like the front matter of most SDD documents.
 *
 * The general parser costs tens of microseconds per document, which adds up
 * over a tree of thousands of files. This reader answers only when it is sure
 * to give what the YAML 1.2 core schema (the `yaml` package's default) gives:
 * every line is blank or `key: value` with a plain key and a plain scalar
 * that cannot be anything but a string, `true`/`false` or `null`. Anything
 * else (quotes, comments, nesting, flow collections, anchors, tags, numbers,
 * duplicate keys, tabs, control characters, CR line ends) returns
 * `undefined`, and the caller parses the text in full.
 *
 * @module
 */

/** A plain key: letters, digits and `_`, starting with a letter or `_`. */
const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Keys the core schema reads as something other than their text. */
const RESERVED_KEYS = new Set([
  "null",
  "Null",
  "NULL",
  "true",
  "True",
  "TRUE",
  "false",
  "False",
  "FALSE",
  "__proto__",
]);

const NULLS = new Set(["", "~", "null", "Null", "NULL"]);
const TRUES = new Set(["true", "True", "TRUE"]);
const FALSES = new Set(["false", "False", "FALSE"]);

/** Characters that give a plain scalar's first character a YAML meaning. */
const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`.+0-9]/;

/**
 * Characters this reader leaves to the full parser anywhere in a value:
 * comments, flow brackets, tabs, control characters, Unicode line separators
 * and byte order marks.
 */
// deno-lint-ignore no-control-regex -- control characters are what it looks for
const UNSURE = /[#[\]{}\t\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/;

/** Whether `value` starting with a digit, sign or dot is a core-schema number (left to the parser). */
function looksNumeric(value: string): boolean {
  return /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(value) ||
    /^0o[0-7]+$/.test(value) || /^0x[0-9a-fA-F]+$/.test(value) ||
    /^[-+]?\.(inf|Inf|INF)$/.test(value) || /^\.(nan|NaN|NAN)$/.test(value);
}

/** The value of one plain scalar, or `undefined` when this reader is not sure of it. */
function plainValue(raw: string): string | boolean | null | undefined {
  const value = raw.replace(/ +$/, "");
  if (NULLS.has(value)) return null;
  if (TRUES.has(value)) return true;
  if (FALSES.has(value)) return false;
  if (UNSURE.test(value) || value.includes(": ") || value.endsWith(":")) return undefined;
  if (INDICATOR_START.test(value)) {
    // A digit may start a plain string (`2026-05-01 12:00:00`); anything else is left alone.
    if (!/^[0-9]/.test(value) || looksNumeric(value)) return undefined;
  }
  return value;
}

/**
 * The mapping of a flat block of `key: plain value` lines, or `undefined`
 * when `text` is anything else (then parse it with the full YAML parser,
 * which also reports problems with their lines). An empty block is `{}`.
 */
export function parseFlatMapping(
  text: string,
): Record<string, string | boolean | null> | undefined {
  const result: Record<string, string | boolean | null> = {};
  const seen = new Set<string>();
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const colon = line.indexOf(":");
    if (colon <= 0) return undefined;
    const key = line.slice(0, colon);
    if (!KEY.test(key) || RESERVED_KEYS.has(key) || seen.has(key)) return undefined;
    const rest = line.slice(colon + 1);
    if (rest !== "" && !rest.startsWith(" ")) return undefined;
    const value = plainValue(rest.replace(/^ +/, ""));
    if (value === undefined) return undefined;
    seen.add(key);
    result[key] = value;
  }
  return result;
}
