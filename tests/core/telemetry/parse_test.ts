import { assertEquals } from "../../_helpers/assert.ts";
import { parsePrometheusText } from "../../../core/telemetry/parse.ts";
import { snapshotSamples, snapshotText, subsystemNamed } from "../../../core/telemetry/snapshot.ts";
import { assertThrows } from "../../_helpers/assert.ts";
import { SaseError } from "../../../core/errors.ts";

const TEXT = [
  "# HELP sase_agent_runs_total Total agent runs",
  "# TYPE sase_agent_runs_total counter",
  'sase_agent_runs_total{llm_provider="fakey",status="completed",workflow=""} 1',
  'sase_agent_run_duration_seconds_bucket{le="+Inf",llm_provider="fakey",workflow=""} 1',
  'sase_agent_run_duration_seconds_count{llm_provider="fakey",workflow=""} 1',
  'sase_llm_input_tokens_total{provider="a\\"b\\\\c"} 5 1712345678000',
  'push_time_seconds{instance="x",job="sase_agent"} 1.7e9',
  "sase_axe_lumberjacks_active 3",
  "not a sample line",
  'sase_bead_active{project="p" 2',
  "",
].join("\n");

Deno.test("parsePrometheusText: names, labels (escapes unescaped), values, timestamps dropped", () => {
  assertEquals(parsePrometheusText(TEXT), [
    {
      name: "sase_agent_runs_total",
      labels: { llm_provider: "fakey", status: "completed", workflow: "" },
      value: 1,
    },
    {
      name: "sase_agent_run_duration_seconds_bucket",
      labels: { le: "+Inf", llm_provider: "fakey", workflow: "" },
      value: 1,
    },
    {
      name: "sase_agent_run_duration_seconds_count",
      labels: { llm_provider: "fakey", workflow: "" },
      value: 1,
    },
    { name: "sase_llm_input_tokens_total", labels: { provider: 'a"b\\c' }, value: 5 },
    { name: "push_time_seconds", labels: { instance: "x", job: "sase_agent" }, value: 1.7e9 },
    { name: "sase_axe_lumberjacks_active", labels: {}, value: 3 },
  ]);
});

Deno.test("snapshots keep sase's own series only, and one subsystem's when asked", () => {
  assertEquals(snapshotSamples(TEXT).map((s) => s.name), [
    "sase_agent_runs_total",
    "sase_agent_run_duration_seconds_bucket",
    "sase_agent_run_duration_seconds_count",
    "sase_llm_input_tokens_total",
    "sase_axe_lumberjacks_active",
  ]);
  assertEquals(snapshotSamples(TEXT, "LLM Provider").map((s) => s.name), [
    "sase_llm_input_tokens_total",
  ]);
  assertEquals(
    snapshotText(TEXT, "Agent Lifecycle"),
    TEXT.split("\n").slice(0, 5).join("\n") + "\n",
  );
});

Deno.test("subsystemNamed matches any case and refuses an unknown name", () => {
  assertEquals(subsystemNamed("llm provider"), "LLM Provider");
  assertThrows(() => subsystemNamed("LLM"), SaseError, "unknown subsystem 'LLM'");
});
