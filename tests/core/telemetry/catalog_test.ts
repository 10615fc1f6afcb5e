import { assertEquals } from "../../_helpers/assert.ts";
import { METRICS, SUBSYSTEMS } from "../../../core/telemetry/catalog.ts";

Deno.test("the catalog holds the handbook's 37 metrics in 8 subsystems, each name once", () => {
  assertEquals(METRICS.length, 37);
  assertEquals(new Set(METRICS.map((m) => m.name)).size, 37);
  assertEquals(
    SUBSYSTEMS.map((s) => METRICS.filter((m) => m.subsystem === s).length),
    [5, 8, 5, 7, 3, 5, 1, 3],
  );
  assertEquals(
    ["counter", "gauge", "histogram"].map((t) => METRICS.filter((m) => m.type === t).length),
    [28, 4, 5],
  );
});

Deno.test("the catalog's names, types and labels as the handbook writes them (samples)", () => {
  const find = (name: string) => METRICS.find((m) => m.name === name);
  assertEquals(find("sase_agent_runs_total")?.labels, ["llm_provider", "status", "workflow"]);
  assertEquals(find("sase_agent_run_duration_seconds")?.type, "histogram");
  assertEquals(find("sase_bead_status_transitions_total")?.labels, ["from_status", "to_status"]);
  assertEquals(find("sase_vcs_operations_total")?.labels, ["provider", "operation", "status"]);
  assertEquals(find("sase_axe_lumberjacks_active")?.labels, []);
  assertEquals(find("sase_memory_proposals_approved_total")?.labels, ["edited"]);
  assertEquals(find("sase_workspace_active")?.type, "gauge");
});
