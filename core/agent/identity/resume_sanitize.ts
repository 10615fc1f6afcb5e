/**
 * Cleaning a prior user prompt before it is replayed as resume history
 * (handbook 7.16): sase directives, `#` / `#!` xprompt, workspace and fork
 * references, `%xprompts_enabled` markers and unrendered Jinja markers are
 * removed so the forked agent reads plain instructions. Fenced code and real
 * Markdown headings stay. Transcripts on disk are never rewritten.
 *
 * @module
 */

import { SaseError } from "../../errors.ts";
import { scanDirectives, stripSpans } from "../../xprompt/directives.ts";
import { protectFences, restore } from "../../xprompt/protect.ts";
import { findReferences } from "../../xprompt/reference.ts";

const JINJA = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|\{#[\s\S]*?#\}/g;
const REGION_MARKER = /%xprompts_enabled:(?:true|false)\b/g;

function matches(text: string, pattern: RegExp): { start: number; end: number }[] {
  return [...text.matchAll(pattern)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
  }));
}

// A private-use character marks removed Jinja so blank lines and doubled
// spaces it leaves behind can be told from ones the user wrote.
const GONE = "\uE000";
const GONE_LINE = new RegExp(`^[ \\t${GONE}]*${GONE}[ \\t${GONE}]*(?:\\n|$)`, "gm");
const GONE_INLINE = new RegExp(`([ \\t]?)${GONE}+([ \\t]?)`, "g");

function stripJinja(text: string): string {
  return text
    .replace(JINJA, GONE)
    .replace(GONE_LINE, "")
    .replace(GONE_INLINE, (match, before: string, after: string, offset: number, all: string) => {
      // "the {{ x }}." reads "the." and "a {{ x }} b" reads "a b".
      if (!after && /^[.,;:!?)\]]/.test(all.slice(offset + match.length))) return "";
      return before && after ? " " : before || after;
    });
}

function stripDirectives(text: string): string {
  try {
    return stripSpans(text, scanDirectives(text));
  } catch (error) {
    // A malformed directive argument list: keep the text rather than fail a launch.
    if (error instanceof SaseError) return text;
    throw error;
  }
}

/** `prompt` without sase control syntax (assistant text never goes through this). */
export function sanitizeResumePrompt(prompt: string): string {
  if (!prompt) return prompt;
  const saved: string[] = [];
  let text = protectFences(prompt, saved);
  text = stripJinja(text);
  text = stripDirectives(text);
  text = stripSpans(text, matches(text, REGION_MARKER));
  text = stripSpans(text, findReferences(text));
  text = text
    .replace(/[ \t]+$/gm, "")
    .replace(/\n{3,}/g, "\n\n");
  return restore(text, saved).trim();
}
