import { assert, assertEquals } from "../../_helpers/assert.ts";
import { makeSandbox } from "../../_helpers/sandbox.ts";
import { sandboxContext } from "../../_helpers/app.ts";
import { writeAceFixture } from "../../_helpers/ace_fixtures.ts";
import { projectStore } from "../../../core/changespec/read.ts";
import { readSavedQueries } from "../../../core/query/persist/saved_queries.ts";
import { readLastQuery, writeLastQuery } from "../../../core/query/persist/last_query.ts";
import { readNotifications } from "../../../core/notify/store.ts";
import { notificationsPath } from "../../../core/config/paths.ts";
import { readDismissedAgents } from "../../../core/agent/index/dismissed.ts";
import { readPinnedIdle } from "../../../core/ace/pinned_idle.ts";
import { loadPrsInit } from "../../../tui/ace/loaders/prs.ts";
import { loadAgentItems } from "../../../tui/ace/loaders/agents.ts";
import {
  readAgentMeta,
  readReplyPhase,
  readToolRecords,
} from "../../../tui/ace/loaders/agent_detail.ts";
import { performEffects } from "../../../tui/ace/loaders/effects.ts";
import { loadChromeData } from "../../../tui/ace/loaders/chrome.ts";
import { AgentContentCache } from "../../../tui/ace/loaders/agent_content.ts";
import { createPrsState } from "../../../tui/ace/prs/context.ts";
import { prsKey, reducePrs } from "../../../tui/ace/prs/controller.ts";
import { createAgentsState, selectedAgent, withAgents } from "../../../tui/ace/agents/context.ts";
import { agentsKey, reduceAgents } from "../../../tui/ace/agents/controller.ts";
import { replyLines } from "../../../tui/ace/agents/reply.ts";
import { toolLines } from "../../../tui/ace/agents/tools.ts";
import { lineText } from "../../../tui/ace/segments.ts";

const NOW = new Date(2026, 2, 28, 15, 0, 0);

Deno.test("PRs loader: the start-up query falls back last → first saved → !!!; effects persist", async () => {
  await using box = await makeSandbox();
  await writeAceFixture(box.saseHome, { changeSpecs: 40, agents: 0, projects: 2, now: NOW });
  const app = sandboxContext(box);
  const store = projectStore(box.env);
  const fresh = await loadPrsInit(box.env, store, null, NOW);
  assertEquals(fresh.startup, { query: "!!!", source: "fallback" });
  assertEquals(fresh.init.specs.length, 40);
  let state = createPrsState(fresh.init);
  // Specs 0-19 of each project; k % 5 == 0 or k % 13 == 0 carry an error suffix: 5 per project.
  assertEquals(state.matches.length, 10);
  state = reducePrs(prsKey(state, "/")!.state, { type: "editorText", text: "#2 +proj1" }).state;
  const saved = reducePrs(state, { type: "editorSubmit" });
  const leftover = await performEffects(app, saved.effects);
  assertEquals(leftover.map((e) => e.kind), ["toast"]);
  assertEquals(await readSavedQueries(box.env), { "2": "project:proj1" });
  assertEquals(await readLastQuery(box.env), "project:proj1");
  assertEquals((await loadPrsInit(box.env, store, null, NOW)).startup, {
    query: "project:proj1",
    source: "last",
  });
  await writeLastQuery(box.env, "(broken");
  const fallback = await loadPrsInit(box.env, store, null, NOW);
  assertEquals(fallback.startup, { query: "project:proj1", source: "saved" });
  assertEquals(fallback.warnings, ["last query no longer parses: (broken"]);
  assertEquals((await loadPrsInit(box.env, store, "%w", NOW)).startup.source, "argument");
});

Deno.test("Agents loader: items from the index with unread from notifications; dismiss and ack persist", async () => {
  await using box = await makeSandbox();
  const fixture = await writeAceFixture(box.saseHome, {
    changeSpecs: 0,
    agents: 30,
    projects: 3,
    now: NOW,
  });
  const app = sandboxContext(box);
  const items = await loadAgentItems(box.env, NOW);
  assertEquals(items.length, 30);
  const finished = items.filter((item) =>
    item.row.status === "DONE" || item.row.status === "FAILED"
  );
  assertEquals(finished.length, fixture.finished);
  assert(
    finished.every((item) => item.completionIds.length === 1),
    "every finished run has its notification",
  );
  assertEquals(new Set(items.map((item) => item.row.tag)), new Set([null, "review", "pinned"]));
  let state = withAgents(createAgentsState({ now: NOW }), items, NOW);
  assertEquals(state.counts?.unread, fixture.finished);
  // Walk down to the first unread agent: its acknowledgement dismisses its notification.
  let effects: ReturnType<typeof reduceAgents>["effects"] = [];
  while (effects.length === 0) {
    const step = agentsKey(state, "j")!;
    if (step.state === state) break;
    state = step.state;
    effects = step.effects;
  }
  assertEquals(effects[0].kind, "dismissNotifications");
  await performEffects(app, effects);
  const inbox = await readNotifications(notificationsPath(box.env));
  assertEquals(inbox.records.filter((record) => record.dismissed).length, 1);
  const target = selectedAgent(state)!;
  state = agentsKey(state, "x")!.state;
  const dismissed = agentsKey(state, "y")!;
  await performEffects(app, dismissed.effects);
  assertEquals(readDismissedAgents(box.env).map((id) => [id.clName, id.rawSuffix]), [
    [target.row.project, target.row.timestamp],
  ]);
  const reloaded = await loadAgentItems(box.env, NOW);
  assertEquals(reloaded.length, 29);
  assertEquals(reloaded.some((item) => item.id === target.id), false);
  await performEffects(app, [{ kind: "writePinnedIdle", pinned: true }]);
  assertEquals(await readPinnedIdle(box.env), true);
  await performEffects(app, [{ kind: "writePinnedIdle", pinned: false }]);
  assertEquals(await readPinnedIdle(box.env), false);
});

Deno.test("detail loaders: a reply read only as far as asked, tool rows, agent meta", async () => {
  await using box = await makeSandbox();
  const fixture = await writeAceFixture(box.saseHome, {
    changeSpecs: 0,
    agents: 1,
    replyBytes: 100_000,
    now: NOW,
  });
  const dir = fixture.agentDirs[0];
  const head = await readReplyPhase(dir, "PLANNER", null, 1000);
  assertEquals([head.text.length, head.truncated, head.chunks.length], [1000, true, 1]);
  const view = replyLines([head], 5);
  assertEquals([view.lines.length, view.more], [5, true]);
  assertEquals(
    lineText(view.lines[0]),
    "Reply line for agent 0: working through the task step by step.",
  );
  const whole = await readReplyPhase(dir, "PLANNER", null, 200_000);
  assertEquals([whole.text.length, whole.truncated], [100_000, false]);
  const records = await readToolRecords(dir);
  assertEquals(
    toolLines({ records, loadedAt: NOW, refreshing: false }).map(lineText)[1],
    "ok    Read src/a.ts 12ms",
  );
  assertEquals(await readToolRecords(box.saseHome), null);
  assertEquals((await readAgentMeta(dir)).name, "agent0");
  assertEquals(await readAgentMeta(box.saseHome), {});
});

Deno.test("chrome loader: unread per section, active overrides of both lanes, pinned idle", async () => {
  await using box = await makeSandbox();
  await writeAceFixture(box.saseHome, { changeSpecs: 0, agents: 10, projects: 1, now: NOW });
  const seconds = NOW.getTime() / 1000;
  await Deno.writeTextFile(
    `${box.saseHome}/llm_override.json`,
    JSON.stringify({ provider: "claude", model: "opus", expires_at: seconds + 3600 }),
  );
  await Deno.writeTextFile(
    `${box.saseHome}/llm_worker_override.json`,
    JSON.stringify({ provider: "codex", model: "gpt-5", expires_at: seconds - 1 }),
  );
  const data = await loadChromeData(box.env, NOW);
  // Agents 4 and 7 of the fixture finished: their two completion notifications are INBOX rows.
  assertEquals(data.unread, { priority: 0, errors: 0, inbox: 2, muted: 0 });
  assertEquals([data.primaryOverride, data.workerOverride, data.pinnedIdle], [
    "claude/opus",
    null,
    false,
  ]);
  assertEquals(await Deno.stat(`${box.saseHome}/llm_worker_override.json`).catch(() => null), null);
});

Deno.test("agent content: bare words find prompt and reply text, capped and cached by mtime", async () => {
  await using box = await makeSandbox();
  const fixture = await writeAceFixture(box.saseHome, {
    changeSpecs: 0,
    agents: 3,
    projects: 1,
    now: NOW,
  });
  const cache = new AgentContentCache();
  const all = await loadAgentItems(box.env, NOW);
  const state = withAgents(
    createAgentsState({ now: NOW, content: (item) => cache.textOf(item) }),
    all,
    NOW,
  );
  const search = (text: string) => {
    const opened = reduceAgents(agentsKey(state, "/")!.state, { type: "editorText", text }).state;
    return reduceAgents(opened, { type: "editorSubmit" }).state.items.map((item) => item.row.name);
  };
  // The fixture's prompts read "Please do task <i> in proj0"; run 1 is named task0--plan.
  assertEquals(search('"do task 1 in"'), ["task0--plan"]);
  assertEquals(cache.size, 6);
  const reply = `${fixture.agentDirs[2]}/live_reply.md`;
  await Deno.writeTextFile(reply, "x".repeat(600 * 1024) + " needle");
  const later = new Date(Date.now() + 5000);
  await Deno.utime(reply, later, later);
  assertEquals(search("needle"), [], "text past the 512 KiB cap is not searched");
  await Deno.writeTextFile(reply, "a needle here");
  const latest = new Date(Date.now() + 10_000);
  await Deno.utime(reply, latest, latest);
  assertEquals(search("needle"), ["agent2"]);
});

Deno.test("Agents loader: a run's ChangeSpec comes from the index, so banners and cl: have real data", async () => {
  await using box = await makeSandbox();
  const fixture = await writeAceFixture(box.saseHome, {
    changeSpecs: 6,
    agents: 12,
    projects: 2,
    now: NOW,
  });
  const items = await loadAgentItems(box.env, NOW);
  // The fixture names a ChangeSpec of the run's project in every third run (i % 3 == 2).
  const named = items.filter((item) => item.changeSpec !== null);
  assertEquals(named.length, 4);
  for (const item of named) {
    assert(fixture.specNames.includes(item.changeSpec!), `${item.changeSpec} is a real spec`);
    assert(item.changeSpec!.startsWith(`${item.row.project}_`), "of its own project");
  }
  const state = withAgents(createAgentsState({ now: NOW }), items, NOW);
  assertEquals(state.panels.map((panel) => panel.levels).includes(3), true);
  const banners = state.panels.flatMap((panel) =>
    panel.rows.filter((row) => row.kind === "banner").map((row) => row.label)
  );
  assert(banners.includes(named[0].changeSpec!), "the ChangeSpec banner shows");
  assert(banners.includes("(no ChangeSpec)"), "runs without one sit under (no ChangeSpec)");
  let query = agentsKey(state, "/")!.state;
  query = reduceAgents(query, { type: "editorText", text: `cl:${named[0].changeSpec}` }).state;
  query = reduceAgents(query, { type: "editorSubmit" }).state;
  assertEquals(
    query.items.map((item) => item.id).sort(),
    named.filter((item) => item.changeSpec === named[0].changeSpec).map((item) => item.id).sort(),
  );
});
