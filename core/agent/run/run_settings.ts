/**
 * Run settings read from `llm_provider`: the watchdog's stall timeout and
 * the retry policy (handbook 21.18): provider defaults merged with
 * `llm_provider.retry.<provider>` by key presence (explicit falsy values
 * win), with error patterns as a de-duplicated union.
 *
 * @module
 */

import type { LlmProviderConfig, RetryConfig } from "../../config/types.ts";
import { SaseError } from "../../errors.ts";
import type { ProviderRetryDefaults } from "../../provider.ts";

/** Default stall timeout: 15 minutes without any output. */
export const DEFAULT_STALL_TIMEOUT_MS = 15 * 60 * 1000;

/** The merged retry policy of one provider. */
export interface RetryPolicy {
  max_retries: number;
  error_patterns: string[];
  wait_times: number[];
  fallback_model: string | null;
  continuation_prompt: string;
  preserve_workspace: boolean;
  spawn_new_agent: boolean;
}

/**
 * Parse a stall timeout: a number of seconds or a duration such as `90s`,
 * `15m`, `1h`, `500ms`. Returns milliseconds.
 */
export function parseStallTimeout(value: unknown): number {
  if (value === undefined || value === null || value === "") return DEFAULT_STALL_TIMEOUT_MS;
  if (typeof value === "number" && Number.isFinite(value) && value > 0) return value * 1000;
  const match = typeof value === "string"
    ? /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(value)
    : null;
  if (!match || Number(match[1]) <= 0) {
    throw new SaseError(
      "config.stall_timeout",
      `llm_provider.stall_timeout: '${String(value)}' is not a positive duration`,
      { hint: "use seconds (e.g. 900) or a duration such as 90s, 15m or 1h", kind: "invalid-data" },
    );
  }
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] ?? "s"]!;
  return Number(match[1]) * unit;
}

/** The configured stall timeout in milliseconds. */
export function stallTimeoutMs(config: LlmProviderConfig | undefined): number {
  return parseStallTimeout(config?.stall_timeout);
}

/** Merge provider defaults and configured retry settings. */
export function mergeRetryPolicy(
  defaults: ProviderRetryDefaults | undefined,
  configured: RetryConfig | undefined,
): RetryPolicy {
  const has = (key: keyof RetryConfig) =>
    configured !== undefined && Object.hasOwn(configured, key);
  const patterns = [...(defaults?.error_patterns ?? []), ...(configured?.error_patterns ?? [])];
  return {
    max_retries: has("max_retries") ? Number(configured!.max_retries) : defaults?.max_retries ?? 0,
    error_patterns: [...new Set(patterns)],
    wait_times: has("wait_times") && configured!.wait_times!.length > 0
      ? [...configured!.wait_times!]
      : [...(defaults?.wait_times ?? [30])],
    fallback_model: configured?.fallback_model ?? null,
    continuation_prompt: has("continuation_prompt")
      ? configured!.continuation_prompt ?? ""
      : defaults?.continuation_prompt ?? "",
    preserve_workspace: configured?.preserve_workspace ?? defaults?.preserve_workspace ?? false,
    spawn_new_agent: configured?.spawn_new_agent ?? false,
  };
}

/** True when `errorText` matches one of the policy's patterns (case-insensitive). */
export function isRetryable(policy: RetryPolicy, errorText: string): boolean {
  const haystack = errorText.toLowerCase();
  return policy.error_patterns.some((pattern) =>
    pattern !== "" && haystack.includes(pattern.toLowerCase())
  );
}

/** Seconds to wait before retry number `retry` (1-based); the last wait repeats. */
export function retryWaitSeconds(policy: RetryPolicy, retry: number): number {
  const waits = policy.wait_times.length > 0 ? policy.wait_times : [30];
  return waits[Math.min(retry - 1, waits.length - 1)];
}

/** Prepend the continuation nudge once (idempotent across retries). */
export function withContinuation(prompt: string, nudge: string): string {
  return nudge === "" || prompt.startsWith(nudge) ? prompt : nudge + prompt;
}
