import { assert, assertEquals } from "../../../_helpers/assert.ts";
import {
  type AgentsState,
  createAgentsState,
  selectedAgent,
  selectedAgentRow,
  withAgents,
} from "../../../../tui/ace/agents/context.ts";
import { agentsKey, reduceAgents } from "../../../../tui/ace/agents/controller.ts";
import { metricStrip } from "../../../../tui/ace/agents/metrics.ts";
import { lineText } from "../../../../tui/ace/segments.ts";
import { agentRow, items } from "../_agents.ts";

const NOW = new Date("2026-03-28T12:01:05.000Z");

function rowsOf(state: AgentsState, panel = state.panel): string[] {
  return (state.panels[panel]?.rows ?? []).map((row) =>
    row.kind === "banner"
      ? `[${row.depth}] ${row.label}`
      : `${row.parentId ? "  " : ""}${row.item.displayName}`
  );
}

function load(rows = fleet(), completions: Record<string, string[]> = {}): AgentsState {
  return withAgents(createAgentsState({ now: NOW }), items(rows, completions), NOW);
}

function fleet() {
  return [
    agentRow({ name: "build-0", timestamp: "20260328120000" }),
    agentRow({
      name: "fix.cld",
      timestamp: "20260328110000",
      status: "DONE",
      finishedAt: "2026-03-28T11:30:00Z",
    }),
    agentRow({
      name: "fix.cdx",
      timestamp: "20260328110001",
      status: "FAILED",
      finishedAt: "2026-03-28T11:31:00Z",
    }),
    agentRow({ name: "plan-a", timestamp: "20260328100000", status: "PLAN" }),
    agentRow({
      name: "docs",
      project: "other",
      timestamp: "20260328090000",
      status: "WAITING",
      waitingFor: ["build-0"],
    }),
    agentRow({ name: "pinned-1", timestamp: "20260328080000", tag: "pinned" }),
  ];
}

Deno.test("the strip reads Agents: ... before the first load, then counts with zeros omitted", () => {
  assertEquals(lineText(metricStrip(createAgentsState({ now: NOW }).counts)), "Agents: ...");
  const state = load(fleet(), { "20260328110000": ["n1"] });
  assertEquals(
    lineText(metricStrip(state.counts)),
    "6 Agents [1 stopped · 2 running · 1 waiting · 1 failed · 1 unread]",
  );
  const unreadChip = metricStrip(state.counts).find((s) => s.text === "1 unread");
  assertEquals(unreadChip?.style, "metric.unread");
});

Deno.test("panels: (untagged) first, then #tags; project → name-root banners, singletons bare", () => {
  const state = load();
  assertEquals(state.panels.map((p) => lineText(p.title)), [
    "(untagged) 5 [H1 R1 W1 F1 D1]",
    "#pinned 1 [R1]",
  ]);
  assertEquals(rowsOf(state, 0), [
    "[0] proj",
    "build-0",
    "[1] fix",
    "fix.cld",
    "fix.cdx",
    "plan-a",
    "[0] other",
    "docs",
  ]);
  assertEquals(lineText(state.panels[0].rows[2].line), "│ ▶ fix  2 agents · 1 failed");
});

Deno.test("a ChangeSpec anywhere in a panel makes it 3-level with (no ChangeSpec) last", () => {
  const rows = [agentRow({ name: "a", timestamp: "1" }), agentRow({ name: "b", timestamp: "2" })];
  const withSpec = items(rows).map((item, i) => i === 1 ? { ...item, changeSpec: "feat_1" } : item);
  const state = withAgents(createAgentsState({ now: NOW }), withSpec, NOW);
  assertEquals(rowsOf(state), ["[0] proj", "[1] feat_1", "b", "[1] (no ChangeSpec)", "a"]);
  assertEquals(state.panels[0].levels, 3);
});

Deno.test("workflow steps sit under their run and fold with h / l at L3", () => {
  const rows = [
    agentRow({ name: "wf", timestamp: "20260328100000", isWorkflow: true, workflowName: "wf" }),
    agentRow({ name: "wf.s2", timestamp: "20260328100002", parentTimestamp: "20260328100000" }),
    agentRow({ name: "wf.s1", timestamp: "20260328100001", parentTimestamp: "20260328100000" }),
    agentRow({ name: "solo", timestamp: "20260328090000" }),
  ];
  let state = load(rows);
  assertEquals(rowsOf(state), ["[0] proj", "wf", "  wf.s1", "  wf.s2", "solo"]);
  assertEquals(lineText(state.panels[0].rows[2].line), "│ │ 1/2 ▶ wf.s1  CLAUDE(opus)");
  state = reduceAgents(state, { type: "move", step: 2 }).state; // wf.s1
  state = agentsKey(state, "h")!.state; // folds the workflow, focus to its run
  assertEquals(rowsOf(state), ["[0] proj", "wf", "solo"]);
  assertEquals(selectedAgent(state)?.displayName, "wf");
  state = agentsKey(state, "h")!.state; // workflow folded already: level 3 → 2
  assertEquals(state.levels.STANDARD, 2);
  assertEquals(rowsOf(state), ["[0] proj", "wf", "solo"]);
  state = agentsKey(state, "l")!.state; // 2 → 3
  state = agentsKey(state, "l")!.state; // at L3: unfold the focused workflow
  assertEquals(rowsOf(state), ["[0] proj", "wf", "  wf.s1", "  wf.s2", "solo"]);
});

Deno.test("fold levels in a 2-level panel: L0 projects, L1 + name-roots, L2 and L3 all rows", () => {
  let state = agentsKey(load(), "H")!.state;
  assertEquals(state.levels.STANDARD, 0);
  assertEquals(rowsOf(state, 0), ["[0] proj", "[0] other"]);
  assertEquals(selectedAgentRow(state)?.kind, "banner");
  state = agentsKey(state, "l")!.state;
  assertEquals(rowsOf(state, 0), ["[0] proj", "[1] fix", "[0] other"]);
  state = agentsKey(state, "l")!.state;
  assertEquals(rowsOf(state, 0), rowsOf(load(), 0));
  state = agentsKey(agentsKey(state, "H")!.state, "L")!.state;
  assertEquals(rowsOf(state, 0), rowsOf(load(), 0));
});

Deno.test("j/k keep the rows; landing on an unread finished agent acknowledges it once", () => {
  const state = load(fleet(), { "20260328110000": ["n1", "n2"] });
  const down = agentsKey(state, "j")!;
  assert(down.state.panels === state.panels, "a plain move keeps the built rows");
  assertEquals(down.effects, []);
  const onUnread = agentsKey(agentsKey(down.state, "j")!.state, "j")!;
  assertEquals(selectedAgent(onUnread.state)?.displayName, "fix.cld");
  assertEquals(onUnread.effects, [{ kind: "dismissNotifications", ids: ["n1", "n2"] }]);
  assertEquals(onUnread.state.counts?.unread, 0);
  const again = agentsKey(agentsKey(onUnread.state, "k")!.state, "j")!;
  assertEquals(again.effects, []);
});

Deno.test("a refresh keeps focus and does not consume unread; U toggles the marker", () => {
  let state = agentsKey(agentsKey(agentsKey(load(), "j")!.state, "j")!.state, "j")!.state; // fix.cld, read
  state = withAgents(state, items(fleet(), { "20260328110000": ["n9"] }), NOW);
  assertEquals(selectedAgent(state)?.displayName, "fix.cld");
  assertEquals(state.counts?.unread, 1);
  const read = agentsKey(state, "U")!;
  assertEquals(read.effects, [{ kind: "dismissNotifications", ids: ["n9"] }]);
  const marked = agentsKey(read.state, "U")!;
  assertEquals([marked.state.counts?.unread, marked.effects], [1, []]);
});

Deno.test("J/K cycle panels: J lands on the first row, K on the last", () => {
  const state = load();
  const next = agentsKey(state, "J")!.state;
  assertEquals([next.panel, selectedAgentRow(next)?.id], [1, "STANDARD/proj"]);
  const back = agentsKey(next, "K")!.state;
  assertEquals([back.panel, selectedAgent(back)?.displayName], [0, "docs"]);
});

Deno.test("x asks once: kill for running, dismiss for finished; focus moves to the next row", () => {
  let state =
    reduceAgents(load(fleet(), { "20260328110000": ["n1"] }), { type: "move", step: 3 }).state;
  assertEquals(selectedAgent(state)?.displayName, "fix.cld");
  state = agentsKey(state, "x")!.state;
  assertEquals(state.confirm?.message, "Dismiss 1 finished agent fix.cld?");
  assertEquals(agentsKey(state, "j"), null, "only y/n while confirming");
  const no = agentsKey(state, "n")!;
  assertEquals([no.state.confirm, no.effects], [null, []]);
  const yes = agentsKey(state, "y")!;
  assertEquals(yes.effects, [
    { kind: "dismissAgents", runs: [{ project: "proj", timestamp: "20260328110000" }] },
    { kind: "dismissNotifications", ids: ["n1"] },
  ]);
  assertEquals(selectedAgent(yes.state)?.displayName, "fix.cdx");
  assertEquals(rowsOf(yes.state).includes("fix.cld"), false);
});

Deno.test("x on a banner acts on every top-level agent of the group", () => {
  let state = reduceAgents(load(), { type: "move", step: 2 }).state; // [1] fix
  state = agentsKey(state, "x")!.state;
  assertEquals(state.confirm?.message, "Dismiss 2 finished agents?");
  state = agentsKey(load(), "x")!.state; // [0] proj banner
  assertEquals(state.confirm?.message, "Kill 2 running agents and dismiss 2 finished agents?");
  const yes = agentsKey(state, "y")!;
  assertEquals(yes.effects[0], {
    kind: "killAgents",
    runs: [
      { dir: "/runs/proj/20260328120000", project: "proj" },
      { dir: "/runs/proj/20260328100000", project: "proj" },
    ],
  });
});

Deno.test("/ applies an agent query; a bad one stays open with its error; empty clears", () => {
  let state = agentsKey(load(), "/")!.state;
  state = reduceAgents(state, { type: "editorText", text: "(status:running" }).state;
  state = reduceAgents(state, { type: "editorSubmit" }).state;
  assertEquals(state.editor.open, true);
  assertEquals(state.editor.error, "Expected ')', got end of query (at position 15)");
  state = reduceAgents(state, { type: "editorText", text: "status:running" }).state;
  state = reduceAgents(state, { type: "editorSubmit" }).state;
  assertEquals(state.editor.open, false);
  assertEquals(state.items.map((i) => i.displayName), ["build-0", "pinned-1"]);
  state =
    reduceAgents(agentsKey(state, "/")!.state, { type: "editorText", text: "pinned:true" }).state;
  state = reduceAgents(state, { type: "editorSubmit" }).state;
  assertEquals(state.panels.map((p) => p.tag), ["pinned"]);
  state = reduceAgents(agentsKey(state, "/")!.state, { type: "editorText", text: "  " }).state;
  assertEquals(reduceAgents(state, { type: "editorSubmit" }).state.items.length, 6);
});

Deno.test("] and [ cycle file → tools → metadata; p toggles the prompt layout; o toasts the mode", () => {
  const state = load();
  const modes = [state.detailMode];
  let next = state;
  for (let i = 0; i < 3; i++) {
    next = agentsKey(next, "]")!.state;
    modes.push(next.detailMode);
  }
  assertEquals(modes, ["file", "tools", "metadata", "file"]);
  assertEquals(agentsKey(state, "[")!.state.detailMode, "metadata");
  assertEquals(agentsKey(state, "p")!.state.promptLayout, true);
  const grouped = agentsKey(state, "o")!;
  assertEquals(grouped.state.mode, "BY_DATE");
  assertEquals(grouped.effects, [{ kind: "toast", severity: "info", text: "Grouping: by date" }]);
});

Deno.test("BY_STATUS buckets in fixed order with their glyphs; hidden agents need .", () => {
  const rows = [...fleet(), agentRow({ name: "ghost", timestamp: "20260328070000", hidden: true })];
  let state = agentsKey(agentsKey(load(rows), "o")!.state, "o")!.state;
  assertEquals(state.mode, "BY_STATUS");
  assertEquals(rowsOf(state, 0).filter((r) => r.startsWith("[0]")), [
    "[0] Stopped",
    "[0] Failed",
    "[0] Running",
    "[0] Waiting",
    "[0] Done",
  ]);
  assertEquals(lineText(state.panels[0].rows[0].line), "■ ▲ Stopped  1 agent");
  assertEquals(state.items.some((i) => i.displayName === "ghost"), false);
  state = agentsKey(state, ".")!.state;
  assertEquals(state.items.some((i) => i.displayName === "ghost"), true);
});

Deno.test("BY_DATE: finished agents by stop time, others by start; hours, days, weeks; (no time) last", () => {
  const at = (d: number, h: number, m = 0) => new Date(2026, 2, d, h, m).toISOString();
  const now = new Date(2026, 2, 28, 15, 0, 0); // Saturday
  const rows = [
    agentRow({ name: "run-today", timestamp: "1", startedAt: at(28, 9, 10) }),
    agentRow({
      name: "done-today",
      timestamp: "2",
      status: "DONE",
      startedAt: at(27, 23),
      finishedAt: at(28, 9, 40),
    }),
    agentRow({ name: "late-today", timestamp: "3", startedAt: at(28, 14) }),
    agentRow({ name: "yday", timestamp: "4", startedAt: at(27, 8) }),
    agentRow({ name: "tue", timestamp: "5", startedAt: at(24, 8) }),
    agentRow({ name: "old", timestamp: "6", startedAt: at(17, 8) }),
    agentRow({
      name: "never",
      timestamp: "7",
      status: "WAITING",
      startedAt: null,
      waitingFor: ["x"],
    }),
  ];
  const state = agentsKey(withAgents(createAgentsState({ now }), items(rows), now), "o")!.state;
  assertEquals(rowsOf(state), [
    "[0] Today",
    "[1] 14:00",
    "late-today",
    "[1] 09:00",
    "done-today",
    "run-today",
    "[0] Yesterday",
    "[1] 08:00",
    "yday",
    "[0] This Week",
    "[1] Tue Mar 24",
    "tue",
    "[0] Earlier",
    "[1] Mar 16 - Mar 22",
    "old",
    "[1] (no time)",
    "never",
  ]);
});
