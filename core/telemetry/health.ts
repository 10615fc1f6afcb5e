/**
 * `sase telemetry health` (handbook 18.4.5): a traffic light per subsystem
 * with data. Agent and LLM error rates and the hook retry rate are
 * percentages checked against the configured thresholds (at or above
 * `*_critical` is CRITICAL, at or above `*_warn` WARN); a series nobody
 * recorded yet is left out. Exit codes: 0 healthy, 1 WARN, 2 CRITICAL.
 *
 * @module
 */

import type { Sample } from "./parse.ts";
import type { HealthThresholds } from "./settings.ts";

/** A traffic-light status. */
export type HealthStatus = "OK" | "WARN" | "CRITICAL";

/** One assessed rate. */
export interface HealthCheck {
  subsystem: string;
  check: string;
  /** The rate in percent. */
  value: number;
  status: HealthStatus;
  detail: string;
}

/** The assessment: its checks and their worst status. */
export interface HealthReport {
  status: HealthStatus;
  checks: HealthCheck[];
}

function total(samples: readonly Sample[], name: string, match: Record<string, string> = {}) {
  return samples
    .filter((s) => s.name === name && Object.entries(match).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
}

function rated(value: number, warn: number, critical: number): HealthStatus {
  return value >= critical ? "CRITICAL" : value >= warn ? "WARN" : "OK";
}

/** Assess `samples` against `thresholds`. */
export function assessHealth(
  samples: readonly Sample[],
  thresholds: HealthThresholds,
): HealthReport {
  const checks: HealthCheck[] = [];
  const rate = (
    subsystem: string,
    check: string,
    part: number,
    whole: number,
    warn: number,
    critical: number,
  ) => {
    if (whole <= 0) return;
    const value = Math.round((part / whole) * 10000) / 100;
    checks.push({
      subsystem,
      check,
      value,
      status: rated(value, warn, critical),
      detail: `${part} of ${whole}`,
    });
  };
  const runs = total(samples, "sase_agent_runs_total");
  rate(
    "Agent Lifecycle",
    "agent_error_rate",
    total(samples, "sase_agent_runs_total", { status: "failed" }),
    runs,
    thresholds.errorRateWarn,
    thresholds.errorRateCritical,
  );
  rate(
    "LLM Provider",
    "llm_error_rate",
    total(samples, "sase_llm_errors_total"),
    total(samples, "sase_llm_invocations_total"),
    thresholds.errorRateWarn,
    thresholds.errorRateCritical,
  );
  rate(
    "Hooks / Mentors / Workflows",
    "hook_retry_rate",
    total(samples, "sase_hook_retries_total"),
    total(samples, "sase_hook_executions_total"),
    thresholds.retryRateWarn,
    thresholds.retryRateCritical,
  );
  const worst = checks.some((c) => c.status === "CRITICAL")
    ? "CRITICAL"
    : checks.some((c) => c.status === "WARN")
    ? "WARN"
    : "OK";
  return { status: worst, checks };
}

/** The exit code of `status`: 0, 1 (WARN) or 2 (CRITICAL). */
export function healthExitCode(status: HealthStatus): number {
  return status === "CRITICAL" ? 2 : status === "WARN" ? 1 : 0;
}
