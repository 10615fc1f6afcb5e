import { assertEquals, assertStringIncludes } from "../../_helpers/assert.ts";
import { NOOP_TELEMETRY, processTelemetry } from "../../../core/telemetry/telemetry.ts";
import { promTelemetry } from "../../../core/telemetry/prom.ts";
import { recordAgentRun } from "../../../core/telemetry/agent_run.ts";
import { telemetrySettings } from "../../../core/telemetry/settings.ts";
import { alertRules, monitoringStack } from "../../../core/telemetry/stack.ts";

Deno.test("telemetry off is the no-op: nothing recorded, nothing exposed", async () => {
  const telemetry = await processTelemetry({});
  assertEquals(telemetry, NOOP_TELEMETRY);
  telemetry.inc("sase_agent_runs_total", { status: "completed" });
  assertEquals(await telemetry.exposition(), "");
});

Deno.test("a recorded run: runs, spawns, invocations and the run's tokens", async () => {
  const telemetry = promTelemetry(telemetrySettings({ telemetry: { enabled: true } }));
  recordAgentRun(telemetry, {
    provider: "fakey",
    project: "home",
    status: "completed",
    workflow: "",
    durationSeconds: 2,
    retryCount: 0,
    usage: { input: 5, output: 13, cacheRead: 2 },
  });
  recordAgentRun(telemetry, {
    provider: "fakey",
    project: "home",
    status: "failed",
    workflow: "",
    durationSeconds: 1,
    retryCount: 2,
  });
  const text = await telemetry.exposition();
  for (
    const line of [
      'sase_agent_runs_total{llm_provider="fakey",status="completed",workflow=""} 1',
      'sase_agent_runs_total{llm_provider="fakey",status="failed",workflow=""} 1',
      'sase_agent_spawns_total{llm_provider="fakey",project="home"} 2',
      'sase_llm_invocations_total{provider="fakey",status="success"} 1',
      'sase_llm_errors_total{provider="fakey",error_type="run_failed"} 1',
      'sase_llm_retries_total{provider="fakey"} 2',
      'sase_llm_input_tokens_total{provider="fakey"} 5',
      'sase_llm_output_tokens_total{provider="fakey"} 13',
      'sase_llm_cache_read_tokens_total{provider="fakey"} 2',
      'sase_agent_run_duration_seconds_count{llm_provider="fakey",workflow=""} 2',
    ]
  ) assertStringIncludes(text, line);
});

Deno.test("the monitoring stack: 14 alert rules at the configured thresholds, both scrape jobs", () => {
  const settings = telemetrySettings({
    telemetry: { prometheus: { exposition_port: 9999 }, health_thresholds: { error_rate_warn: 7 } },
  });
  const rules = alertRules(settings);
  assertEquals(rules.length, 14);
  assertEquals(new Set(rules.map((r) => r.alert)).size, 14);
  assertEquals(rules.filter((r) => r.labels.severity === "critical").length, 7);
  assertStringIncludes(rules[0].expr, "> 7");
  const files = monitoringStack(settings);
  assertEquals(files.map((f) => f.path), [
    "docker-compose.yml",
    "prometheus/prometheus.yml",
    "prometheus/alerts.yml",
    "grafana/provisioning/datasources/prometheus.yml",
    "grafana/provisioning/dashboards/sase.yml",
    "grafana/dashboards/sase.json",
  ]);
  const prometheus = files[1].text;
  assertStringIncludes(prometheus, "job_name: sase_axe");
  assertStringIncludes(prometheus, "127.0.0.1:9999");
  assertStringIncludes(prometheus, "job_name: pushgateway");
  assertStringIncludes(prometheus, "scrape_interval: 15s");
  const dashboard = JSON.parse(files[5].text);
  assertEquals(
    dashboard.panels.filter((p: { type: string }) => p.type === "timeseries").length,
    37,
  );
});
