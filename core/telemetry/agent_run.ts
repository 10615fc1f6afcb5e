/**
 * What one finished agent run records (handbook 18.8, Agent and LLM
 * Provider): the spawn, the run by provider and status, its duration, the provider
 * invocation, its retries and errors, and the tokens it used.
 *
 * @module
 */

import type { Telemetry } from "./model.ts";

/** A finished run, as telemetry sees it. */
export interface RunTelemetry {
  provider: string;
  project: string;
  /** `completed`, `failed` or `killed`. */
  status: string;
  /** The workflow that ran it (`""` for a plain agent). */
  workflow: string;
  durationSeconds: number;
  retryCount: number;
  /** Tokens from the run's `usage.json`, when it has one. */
  usage?: { input: number; output: number; cacheRead: number };
}

/** Record `run` in `telemetry`. */
export function recordAgentRun(telemetry: Telemetry, run: RunTelemetry): void {
  const provider = run.provider;
  telemetry.inc("sase_agent_spawns_total", { llm_provider: provider, project: run.project });
  telemetry.inc("sase_agent_runs_total", {
    llm_provider: provider,
    status: run.status,
    workflow: run.workflow,
  });
  telemetry.observe(
    "sase_agent_run_duration_seconds",
    { llm_provider: provider, workflow: run.workflow },
    run.durationSeconds,
  );
  telemetry.inc("sase_llm_invocations_total", {
    provider,
    status: run.status === "completed" ? "success" : run.status,
  });
  telemetry.observe("sase_llm_invocation_duration_seconds", { provider }, run.durationSeconds);
  if (run.status === "failed") {
    telemetry.inc("sase_llm_errors_total", { provider, error_type: "run_failed" });
  }
  if (run.retryCount > 0) telemetry.inc("sase_llm_retries_total", { provider }, run.retryCount);
  if (run.usage) {
    telemetry.inc("sase_llm_input_tokens_total", { provider }, run.usage.input);
    telemetry.inc("sase_llm_output_tokens_total", { provider }, run.usage.output);
    telemetry.inc("sase_llm_cache_read_tokens_total", { provider }, run.usage.cacheRead);
  }
}
