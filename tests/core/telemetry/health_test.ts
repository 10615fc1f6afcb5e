import { assertEquals } from "../../_helpers/assert.ts";
import { assessHealth, healthExitCode } from "../../../core/telemetry/health.ts";
import { telemetrySettings } from "../../../core/telemetry/settings.ts";
import type { Sample } from "../../../core/telemetry/parse.ts";

const thresholds = telemetrySettings({}).thresholds;
const runs = (completed: number, failed: number): Sample[] => [
  { name: "sase_agent_runs_total", labels: { status: "completed" }, value: completed },
  { name: "sase_agent_runs_total", labels: { status: "failed" }, value: failed },
];

Deno.test("agent error rate: below warn OK, at warn WARN, at critical CRITICAL", () => {
  const status = (completed: number, failed: number) =>
    assessHealth(runs(completed, failed), thresholds).status;
  assertEquals(status(91, 9), "OK");
  assertEquals(status(90, 10), "WARN");
  assertEquals(status(76, 24), "WARN");
  assertEquals(status(75, 25), "CRITICAL");
});

Deno.test("health: subsystems without data are left out; the worst status wins", () => {
  assertEquals(assessHealth([], thresholds), { status: "OK", checks: [] });
  const report = assessHealth([
    ...runs(99, 1),
    { name: "sase_hook_executions_total", labels: {}, value: 10 },
    { name: "sase_hook_retries_total", labels: {}, value: 3 },
  ], thresholds);
  assertEquals(report.checks.map((c) => [c.check, c.value, c.status, c.detail]), [
    ["agent_error_rate", 1, "OK", "1 of 100"],
    ["hook_retry_rate", 30, "CRITICAL", "3 of 10"],
  ]);
  assertEquals(report.status, "CRITICAL");
});

Deno.test("health exit codes: 0 OK, 1 WARN, 2 CRITICAL", () => {
  assertEquals([healthExitCode("OK"), healthExitCode("WARN"), healthExitCode("CRITICAL")], [
    0,
    1,
    2,
  ]);
});
