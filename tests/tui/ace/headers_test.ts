import { assertEquals } from "../../_helpers/assert.ts";
import { createPrsState, cycleMode } from "../../../tui/ace/prs/context.ts";
import { prsHeader } from "../../../tui/ace/prs/header.ts";
import { createAgentsState, withAgents, withQuery } from "../../../tui/ace/agents/context.ts";
import { agentsHeader } from "../../../tui/ace/agents/header.ts";
import { parseAgentQuery } from "../../../core/query/agent/parse.ts";
import { lineText } from "../../../tui/ace/segments.ts";
import { scenarioSpecs } from "./_specs.ts";
import { agentRow, items } from "./_agents.ts";

const NOW = new Date(2026, 2, 28, 15, 0, 0);

Deno.test("PRs header: query, count, group badge, refresh countdown (none when off)", () => {
  const state = createPrsState({ specs: scenarioSpecs(), query: "+my_project", now: NOW });
  assertEquals(
    lineText(prsHeader(state, 7.2)),
    "project:my_project  3 PRs  [group: by project]  ↻ 8s",
  );
  assertEquals(
    lineText(prsHeader(cycleMode(state, 1), null)),
    "project:my_project  3 PRs  [group: by date]",
  );
  const none = createPrsState({ specs: scenarioSpecs(), query: "!!!", now: NOW });
  assertEquals(lineText(prsHeader(none, null)), "!!!  0 PRs  [group: by project]");
});

Deno.test("Agents header: strip, group badge with (o), the query", () => {
  const before = createAgentsState({ now: NOW });
  assertEquals(lineText(agentsHeader(before)), "Agents: ...  [group: by project (o)]");
  const loaded = withAgents(before, items([agentRow({ name: "a" })]), NOW);
  const queried = withQuery(loaded, {
    text: "status:running",
    expr: parseAgentQuery("status:running"),
  });
  assertEquals(
    lineText(agentsHeader(queried)),
    "1 Agent [1 running]  [group: by project (o)]  / status:running",
  );
});
