/**
 * Suffix markers: the `- (<prefix>: message)` tails on entry and drawer
 * lines that tell ACE and the query language what state a line is in.
 *
 * @module
 */

import type { SuffixType } from "./types.ts";

/** A suffix split into its message and its kind. */
export interface ParsedSuffix {
  value: string;
  type: SuffixType | null;
}

/** Longer prefixes first, so `~!:` is never read as `!:`. */
const PREFIXES: ReadonlyArray<readonly [string, SuffixType | null]> = [
  ["~!:", "rejected_proposal"],
  ["~@:", "killed_agent"],
  ["~$:", "killed_process"],
  ["?$:", "pending_dead_process"],
  ["!:", "error"],
  ["@:", "running_agent"],
  ["$:", "running_process"],
  ["%:", "summarize_complete"],
  ["^:", "metahook_complete"],
  // Legacy `~:` carried no meaning beyond "plain text".
  ["~:", null],
];

const STANDALONE: Readonly<Record<string, SuffixType>> = {
  "@": "running_agent",
  "%": "summarize_complete",
  "^": "metahook_complete",
};

/** Split the text inside `(...)` into message and kind. */
export function parseSuffix(raw: string): ParsedSuffix {
  for (const [prefix, type] of PREFIXES) {
    if (!raw.startsWith(prefix)) continue;
    const rest = raw.slice(prefix.length);
    if (prefix === "!:") {
      // A finished metahook reuses the error prefix; only a left-trimmed exact
      // match counts, so "metahook " (trailing space) stays an error.
      const left = rest.replace(/^[ \t]+/, "");
      if (left === "metahook") return { value: "", type: "metahook_complete" };
      if (left.startsWith("metahook |")) {
        return { value: left.slice("metahook |".length).trim(), type: "metahook_complete" };
      }
    }
    return { value: rest.trim(), type };
  }
  const standalone = STANDALONE[raw];
  if (standalone) return { value: "", type: standalone };
  return { value: raw, type: null };
}

/** True for commit entry references such as `1`, `12`, `1a`. */
export function isEntryRefSuffix(raw: string | null): boolean {
  return raw !== null && /^\d+[a-z]?$/.test(raw);
}

/** Render a suffix back to the text that goes inside `(...)`. */
export function formatSuffix(value: string, type: SuffixType | null): string {
  switch (type) {
    case "error":
      return `!: ${value}`;
    case "running_agent":
      return value === "" ? "@" : `@: ${value}`;
    case "running_process":
      return `$: ${value}`;
    case "killed_agent":
      return `~@: ${value}`;
    case "killed_process":
      return `~$: ${value}`;
    case "pending_dead_process":
      return `?$: ${value}`;
    case "rejected_proposal":
      return `~!: ${value}`;
    case "summarize_complete":
      return value === "" ? "%" : `%: ${value}`;
    case "metahook_complete":
      return value === "" ? "^" : `^: ${value}`;
    default:
      return value;
  }
}
