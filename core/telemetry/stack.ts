/**
 * The monitoring stack `sase telemetry export-config` writes (handbook
 * 18.7): Docker Compose with a Push Gateway (9091), Prometheus (9090,
 * scraping the Push Gateway and the axe exposition endpoint every 15 s,
 * with the 14 alert rules) and Grafana (3000) with a provisioned dashboard
 * holding a panel per metric, grouped by subsystem.
 *
 * @module
 */

import { stringify } from "../yaml/lib.ts";
import { METRICS, SUBSYSTEMS } from "./catalog.ts";
import type { TelemetrySettings } from "./settings.ts";

/** One file of the stack: its path relative to the output directory and its text. */
export interface StackFile {
  path: string;
  text: string;
}

interface AlertRule {
  alert: string;
  expr: string;
  for: string;
  labels: { severity: "warning" | "critical" };
  annotations: { summary: string };
}

function alert(
  name: string,
  expr: string,
  severity: "warning" | "critical",
  summary: string,
): AlertRule {
  return { alert: name, expr, for: "5m", labels: { severity }, annotations: { summary } };
}

/** The 14 alert rules, at `settings`' thresholds. */
export function alertRules(settings: TelemetrySettings): AlertRule[] {
  const t = settings.thresholds;
  const agentErrors =
    '100 * sum(rate(sase_agent_runs_total{status="failed"}[15m])) / sum(rate(sase_agent_runs_total[15m]))';
  const agentP95 =
    "histogram_quantile(0.95, sum by (le) (rate(sase_agent_run_duration_seconds_bucket[15m])))";
  const llmErrors =
    "100 * sum(rate(sase_llm_errors_total[15m])) / sum(rate(sase_llm_invocations_total[15m]))";
  const llmRetries =
    "100 * sum(rate(sase_llm_retries_total[15m])) / sum(rate(sase_llm_invocations_total[15m]))";
  const hookRetries =
    "100 * sum(rate(sase_hook_retries_total[15m])) / sum(rate(sase_hook_executions_total[15m]))";
  return [
    alert(
      "SaseAgentErrorRateWarning",
      `${agentErrors} > ${t.errorRateWarn}`,
      "warning",
      "Agent error rate is high",
    ),
    alert(
      "SaseAgentErrorRateCritical",
      `${agentErrors} > ${t.errorRateCritical}`,
      "critical",
      "Agent error rate is critical",
    ),
    alert(
      "SaseAgentLatencyWarning",
      `${agentP95} > ${t.p95LatencyWarn}`,
      "warning",
      "Agent p95 run time is high",
    ),
    alert(
      "SaseAgentLatencyCritical",
      `${agentP95} > ${t.p95LatencyCritical}`,
      "critical",
      "Agent p95 run time is critical",
    ),
    alert(
      "SaseLlmErrorRateWarning",
      `${llmErrors} > ${t.errorRateWarn}`,
      "warning",
      "LLM error rate is high",
    ),
    alert(
      "SaseLlmErrorRateCritical",
      `${llmErrors} > ${t.errorRateCritical}`,
      "critical",
      "LLM error rate is critical",
    ),
    alert(
      "SaseLlmRetryRateWarning",
      `${llmRetries} > ${t.retryRateWarn}`,
      "warning",
      "LLM retry rate is high",
    ),
    alert(
      "SaseLlmRetryRateCritical",
      `${llmRetries} > ${t.retryRateCritical}`,
      "critical",
      "LLM retry rate is critical",
    ),
    alert(
      "SaseAxeCycleErrors",
      "sum(increase(sase_axe_errors_total[15m])) > 0",
      "warning",
      "Axe cycles are failing",
    ),
    alert(
      "SaseAxeLumberjackRestarts",
      "sum(increase(sase_axe_lumberjack_restarts_total[15m])) > 3",
      "critical",
      "Lumberjacks keep restarting",
    ),
    alert(
      "SaseHookRetryRateWarning",
      `${hookRetries} > ${t.retryRateWarn}`,
      "warning",
      "Hook retry rate is high",
    ),
    alert(
      "SaseHookRetryRateCritical",
      `${hookRetries} > ${t.retryRateCritical}`,
      "critical",
      "Hook retry rate is critical",
    ),
    alert(
      "SaseZombieDetections",
      "sum(increase(sase_zombie_detections_total[1h])) > 0",
      "warning",
      "Zombie processes were detected",
    ),
    alert(
      "SasePushGatewayDown",
      'up{job="pushgateway"} == 0',
      "critical",
      "The Push Gateway is unreachable",
    ),
  ];
}

/** A Grafana panel query per metric (rates for counters, p95 for histograms). */
function panelQuery(name: string, type: string): string {
  if (type === "counter") return `sum(rate(${name}[5m]))`;
  if (type === "histogram") {
    return `histogram_quantile(0.95, sum by (le) (rate(${name}_bucket[5m])))`;
  }
  return `sum(${name})`;
}

function dashboard(): unknown {
  let id = 0;
  let y = 0;
  const panels: unknown[] = [];
  for (const subsystem of SUBSYSTEMS) {
    panels.push({
      id: ++id,
      type: "row",
      title: subsystem,
      gridPos: { x: 0, y: y++, w: 24, h: 1 },
    });
    METRICS.filter((m) => m.subsystem === subsystem).forEach((metric, index) => {
      panels.push({
        id: ++id,
        type: "timeseries",
        title: metric.help,
        datasource: { type: "prometheus", uid: "prometheus" },
        gridPos: { x: (index % 3) * 8, y: y + Math.floor(index / 3) * 8, w: 8, h: 8 },
        targets: [{ refId: "A", expr: panelQuery(metric.name, metric.type) }],
      });
    });
    y += Math.ceil(METRICS.filter((m) => m.subsystem === subsystem).length / 3) * 8;
  }
  return { uid: "sase", title: "sase", schemaVersion: 39, refresh: "15s", panels };
}

/** Every file of the stack for `settings`. */
export function monitoringStack(settings: TelemetrySettings): StackFile[] {
  const compose = {
    services: {
      pushgateway: {
        image: "prom/pushgateway:latest",
        ports: ["9091:9091"],
        restart: "unless-stopped",
      },
      prometheus: {
        image: "prom/prometheus:latest",
        // The host network: the axe exposition endpoint listens on the host's 127.0.0.1.
        network_mode: "host",
        volumes: ["./prometheus:/etc/prometheus:ro"],
        command: ["--config.file=/etc/prometheus/prometheus.yml"],
        restart: "unless-stopped",
      },
      grafana: {
        image: "grafana/grafana:latest",
        network_mode: "host",
        environment: ["GF_AUTH_ANONYMOUS_ENABLED=true", "GF_AUTH_ANONYMOUS_ORG_ROLE=Viewer"],
        volumes: [
          "./grafana/provisioning:/etc/grafana/provisioning:ro",
          "./grafana/dashboards:/var/lib/grafana/dashboards:ro",
        ],
        restart: "unless-stopped",
      },
    },
  };
  const prometheus = {
    global: { scrape_interval: "15s", evaluation_interval: "15s" },
    rule_files: ["alerts.yml"],
    scrape_configs: [
      {
        job_name: "sase_axe",
        static_configs: [{ targets: [`127.0.0.1:${settings.expositionPort}`] }],
      },
      {
        job_name: "pushgateway",
        honor_labels: true,
        static_configs: [{ targets: ["127.0.0.1:9091"] }],
      },
    ],
  };
  const datasource = {
    apiVersion: 1,
    datasources: [{
      name: "Prometheus",
      uid: "prometheus",
      type: "prometheus",
      url: "http://127.0.0.1:9090",
      isDefault: true,
    }],
  };
  const provider = {
    apiVersion: 1,
    providers: [{ name: "sase", type: "file", options: { path: "/var/lib/grafana/dashboards" } }],
  };
  return [
    { path: "docker-compose.yml", text: stringify(compose) },
    { path: "prometheus/prometheus.yml", text: stringify(prometheus) },
    {
      path: "prometheus/alerts.yml",
      text: stringify({ groups: [{ name: "sase", rules: alertRules(settings) }] }),
    },
    { path: "grafana/provisioning/datasources/prometheus.yml", text: stringify(datasource) },
    { path: "grafana/provisioning/dashboards/sase.yml", text: stringify(provider) },
    { path: "grafana/dashboards/sase.json", text: JSON.stringify(dashboard(), null, 2) + "\n" },
  ];
}
