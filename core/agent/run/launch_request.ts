/**
 * The seam between prompt expansion and agent launch: one entry of a launch
 * plan as the run service consumes it (`core/agent/launch.ts` converts the
 * XPrompt launch plan's entries into these).
 *
 * @module
 */

import type { ModelTier } from "../../provider.ts";
import type { WorkspaceRefInput } from "../../workspace/resolve.ts";
import type { WorkspaceClaim } from "../../workspace/types.ts";
import type { RunOutcome } from "./run_state.ts";

/** One agent to launch. */
export interface LaunchRequest {
  /** The final prompt text sent to the provider. */
  prompt: string;
  /** The prompt as the user wrote it (saved as `raw_xprompt.md`); default `prompt`. */
  rawPrompt?: string;
  /** Explicit agent name (`%name`); auto-named when absent. */
  name?: string;
  /** `%name:!x`: take the name over, wiping its previous owner. */
  forceReuseName?: boolean;
  /** The raw `%model` value (`claude/opus`, `opus`, `fakey/reply`, an alias). */
  model?: string;
  /** An explicit provider name (wins over `model`'s provider). */
  provider?: string;
  tier?: ModelTier;
  /** `%wait` dependencies: start only after each has completed. */
  waits?: string[];
  /** `%time` floor (ISO time): start no earlier. */
  waitUntil?: string;
  /** `%hide`: kept out of default agent listings. */
  hidden?: boolean;
  /**
   * The workspace reference (`#cd:`, `#git:`...; the default `#git:home`
   * when absent). Ignored when `cwd` is given.
   */
  workspace?: WorkspaceRefInput;
  /** Run exactly here, without workspace resolution or claims (tests, benches). */
  cwd?: string;
  /** The project the run belongs to (default: its workspace's, else the `cwd`'s repository). */
  project?: string;
  /** Spawn-on-retry: the parent's workspace claim, handed over to this run. */
  claim?: WorkspaceClaim;
  /** `%repeat` slot (`{{ n }}` of `{{ N }}`); the previous slot is its last wait. */
  repeat?: { iteration: number; total: number };
  /** Other directive values, recorded in `agent_meta.json` as `flags`. */
  flags?: Record<string, unknown>;
  /** Spawn-on-retry: what the parent run hands to this retry child. */
  retryOf?: RetryLink;
  /** A workflow step's agent: the workflow run it belongs to. */
  parent?: WorkflowParent;
}

/** The workflow run an agent step belongs to (its row is a child of that run's row). */
export interface WorkflowParent {
  /** The workflow name (the child's `workflow_name`). */
  workflow: string;
  /** The workflow run's timestamp and artifact directory. */
  timestamp: string;
  dir: string;
  /** The step that launched the agent, and the loop iteration (1-based) when it loops. */
  step: string;
  iteration?: number;
}

/** Spawn-on-retry linkage (handbook 21.18.8). */
export interface RetryLink {
  /** The parent run's timestamp. */
  timestamp: string;
  /** The first run of the chain. */
  rootTimestamp: string;
  /** Depth in the chain, 1-based (the first retry child is 1). */
  attempt: number;
  /** Retries already spent on the chain (counts toward `max_retries`). */
  retryCount: number;
  usedFallback: boolean;
  retryErrors: string[];
}

/** What a finished run reports. */
export interface RunResult {
  name: string;
  /** 14-digit run timestamp. */
  timestamp: string;
  project: string;
  /** The artifact directory. */
  dir: string;
  outcome: RunOutcome;
  error?: string;
  reply: string;
  provider: string;
  model: string;
  sessionId?: string;
  chatPath: string;
  retryCount: number;
  usedFallback: boolean;
  /** Spawn-on-retry: the retry child's timestamp, when this run handed over. */
  retriedAs?: string;
}
