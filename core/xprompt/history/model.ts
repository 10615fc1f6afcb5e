/**
 * Prompt history entries and their content-addressed ids.
 *
 * The store is `~/.sase/prompt_history.json`: `{"prompts": [...]}` with one
 * entry per distinct text. Ids are `ph_<sha256[:12]>` of the exact text, so
 * adding prompts never changes an existing id.
 *
 * @module
 */

import { sha256Hex } from "../../text/sha256.ts";
import { z } from "zod";

/** A stored prompt (field names match the original JSON store). */
export interface PromptEntry {
  text: string;
  /** First use, `YYMMDD_HHMMSS`. */
  timestamp: string;
  last_used: string;
  branch_or_workspace: string;
  workspace: string;
  cancelled: boolean;
  use_count: number;
  [extra: string]: unknown;
}

/** Schema of one stored entry; unknown fields are kept. */
export const PromptEntrySchema: z.ZodType<PromptEntry, unknown> = z.object({
  text: z.string(),
  timestamp: z.string(),
  last_used: z.string(),
  branch_or_workspace: z.string().default("unknown"),
  workspace: z.string().default("unknown"),
  cancelled: z.boolean().default(false),
  use_count: z.number().int().nonnegative().default(1),
}).passthrough();

/** Full SHA-256 hex digest of the exact prompt text. */
export function promptHash(text: string): string {
  return sha256Hex(text);
}

/** The stable id `ph_<sha256[:12]>`. */
export function promptId(text: string): string {
  return `ph_${promptHash(text).slice(0, 12)}`;
}

/** Prompts shorter than two words are not worth keeping. */
export function isRecordable(text: string): boolean {
  return text.trim().split(/\s+/).filter(Boolean).length >= 2;
}
