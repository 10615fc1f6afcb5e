/**
 * The seam between prompt expansion and agent launch: one entry of a launch
 * plan as the run service consumes it. The XPrompt launch plan produces
 * these; until it does, `sase run` builds one from the raw prompt.
 *
 * @module
 */

import type { ModelTier } from "../provider.ts";

/** One agent to launch. */
export interface LaunchRequest {
  /** The final prompt text sent to the provider. */
  prompt: string;
  /** The prompt as the user wrote it (saved as `raw_xprompt.md`); default `prompt`. */
  rawPrompt?: string;
  /** Explicit agent name (`%name`); auto-named when absent. */
  name?: string;
  /** The raw `%model` value (`claude/opus`, `opus`, `fakey/reply`, an alias). */
  model?: string;
  /** An explicit provider name (wins over `model`'s provider). */
  provider?: string;
  tier?: ModelTier;
  /** `%wait` dependencies (not yet supported by the foreground runner). */
  waits?: string[];
  /** Other directive values, recorded in `agent_meta.json` as `flags`. */
  flags?: Record<string, unknown>;
}

/** What a finished run reports. */
export interface RunResult {
  name: string;
  /** 14-digit run timestamp. */
  timestamp: string;
  project: string;
  /** The artifact directory. */
  dir: string;
  outcome: "completed" | "failed";
  error?: string;
  reply: string;
  provider: string;
  model: string;
  sessionId?: string;
  chatPath: string;
  retryCount: number;
  usedFallback: boolean;
}
