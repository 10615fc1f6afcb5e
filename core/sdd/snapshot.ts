/**
 * Prompt snapshots: the prompt an agent was given, made self-contained for
 * the SDD record. The caller supplies the already expanded prompt (xprompt
 * expansion belongs to `core/xprompt`); this strips `%directives`, merges the
 * planning Q&A and adds the `plan:` link.
 *
 * @module
 */

import { extractDirectives } from "../xprompt/directives.ts";
import { applyQa, type QaRound } from "./qa.ts";
import { setFrontmatterFields, splitFrontmatter } from "./frontmatter.ts";

/** The snapshot body of an expanded prompt: directives stripped, Q&A merged in. */
export function snapshotBody(expandedPrompt: string, rounds: readonly QaRound[] = []): string {
  // A prompt may carry multi-agent YAML frontmatter; only the body is the prompt.
  const body = splitFrontmatter(expandedPrompt).body;
  const stripped = extractDirectives(body).text.replace(/^\s*\n/, "").trimEnd();
  return applyQa(stripped, rounds);
}

/** A complete snapshot document linking to its plan. */
export function snapshotDocument(body: string, planRef: string): string {
  return setFrontmatterFields(body, { plan: planRef });
}
