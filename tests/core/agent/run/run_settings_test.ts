import { assertEquals, assertThrows } from "../../../_helpers/assert.ts";
import {
  DEFAULT_STALL_TIMEOUT_MS,
  isRetryable,
  mergeRetryPolicy,
  parseStallTimeout,
  retryWaitSeconds,
  withContinuation,
} from "../../../../core/agent/run/run_settings.ts";
import { CLAUDE_INFO } from "../../../../core/provider_catalog.ts";
import { SaseError } from "../../../../core/errors.ts";

Deno.test("stall timeout: default 15 min, seconds or durations, bad values rejected", () => {
  assertEquals(parseStallTimeout(undefined), DEFAULT_STALL_TIMEOUT_MS);
  assertEquals(parseStallTimeout(null), 900_000);
  assertEquals(parseStallTimeout(""), 900_000);
  assertEquals(DEFAULT_STALL_TIMEOUT_MS, 900_000);
  // Each unit on its own, in milliseconds written out (not derived from the parser).
  const cases: [unknown, number][] = [
    [30, 30_000],
    [0.5, 500],
    ["45", 45_000],
    ["90s", 90_000],
    ["15m", 900_000],
    ["1h", 3_600_000],
    ["2h", 7_200_000],
    ["1.5h", 5_400_000],
    ["500ms", 500],
    [" 10 m ", 600_000],
  ];
  for (const [value, ms] of cases) assertEquals(parseStallTimeout(value), ms, String(value));
  for (const bad of ["soon", "-1", "0", "0s", "1d", "h", "1 hour", "1h30m"]) {
    assertThrows(
      () => parseStallTimeout(bad),
      SaseError,
      `llm_provider.stall_timeout: '${bad}' is not a positive duration`,
    );
  }
  for (const bad of [-1, 0, Number.NaN, Infinity, true, {}]) {
    assertThrows(() => parseStallTimeout(bad), SaseError, "is not a positive duration");
  }
});

Deno.test("retry policy: configured keys override defaults by presence, patterns are a union", () => {
  const merged = mergeRetryPolicy(CLAUDE_INFO.retryDefaults, {
    error_patterns: ["API Error: 500", "API Error"],
    wait_times: [60, 300],
    fallback_model: "sonnet",
    continuation_prompt: "",
  });
  assertEquals(merged.max_retries, 3);
  assertEquals(merged.error_patterns, [
    "Prompt is too long",
    "socket connection was closed unexpectedly",
    "API Error",
    "API Error: 500",
  ]);
  assertEquals(merged.fallback_model, "sonnet");
  assertEquals(merged.continuation_prompt, "");
  assertEquals(mergeRetryPolicy(CLAUDE_INFO.retryDefaults, { max_retries: 0 }).max_retries, 0);
  const none = mergeRetryPolicy(undefined, undefined);
  assertEquals([none.max_retries, none.wait_times, none.fallback_model], [0, [30], null]);
  assertEquals(retryWaitSeconds(merged, 1), 60);
  assertEquals(retryWaitSeconds(merged, 5), 300);
  assertEquals(isRetryable(merged, "error: api error: 529 overloaded"), true);
  assertEquals(isRetryable(merged, "Invalid API key"), false);
});

Deno.test("the continuation nudge is prepended once", () => {
  const once = withContinuation("do it", "NUDGE\n");
  assertEquals(once, "NUDGE\ndo it");
  assertEquals(withContinuation(once, "NUDGE\n"), once);
  assertEquals(withContinuation("do it", ""), "do it");
});
