import { assertEquals } from "../../../_helpers/assert.ts";
import { parseDismissedAgents } from "../../../../core/agent/index/dismissed.ts";

Deno.test("dismissed_agents.json: [agent_type, cl_name, raw_suffix] triples; anything else is skipped", () => {
  const text = JSON.stringify([
    ["run", "proj", "20260101120000"],
    ["crs", "my_cl", null],
    ["run", "proj"],
    ["run", "proj", "x", "extra"],
    ["run", 7, "x"],
    [null, "proj", "x"],
    ["run", "proj", 42],
    { id: ["run", "proj", "x"] },
    "run",
  ]);
  assertEquals(parseDismissedAgents(text), [
    { agentType: "run", clName: "proj", rawSuffix: "20260101120000" },
    { agentType: "crs", clName: "my_cl", rawSuffix: null },
  ]);
  assertEquals(parseDismissedAgents("{not json"), []);
  assertEquals(parseDismissedAgents('{"run": 1}'), []);
});
