/**
 * The ACE app's services and recorders: which file events reload what, the
 * source identities a refresh tick compares, the trace and key-to-paint
 * JSONL records, the side-panel heights, and a whole headless session whose
 * no-change refresh ticks record no loading or list span while a changed
 * ProjectSpec does.
 */

import { join } from "../../../../core/fs/path.ts";
import { assert, assertEquals } from "../../../_helpers/assert.ts";
import { writeAceFixture } from "../../../_helpers/ace_fixtures.ts";
import { sandboxContext } from "../../../_helpers/app.ts";
import { makeSandbox } from "../../../_helpers/sandbox.ts";
import { MemoryTerminal } from "../../../../tui/engine/memory_terminal.ts";
import { classifyPath } from "../../../../tui/ace/app/services.ts";
import {
  agentIdentity,
  changeSpecIdentity,
  notificationIdentity,
} from "../../../../tui/ace/app/identity.ts";
import { Tracer } from "../../../../tui/ace/app/trace.ts";
import { panelHeights } from "../../../../tui/ace/app/view_agents.ts";
import { startAce } from "../../../../tui/ace/app/app.ts";

const ENV = { HOME: "/h", SASE_HOME: "/h/.sase" };

Deno.test("file events: ProjectSpecs reload ChangeSpecs, artifacts the agents, the inbox and pulse both", () => {
  const run = "/h/.sase/projects/p/artifacts/ace-run/202603/28/20260328120000";
  assertEquals(classifyPath(ENV, "/h/.sase/projects/p/p.sase"), {
    targets: ["changespecs"],
    runDir: null,
  });
  assertEquals(classifyPath(ENV, "/h/.sase/projects/p/p-archive.sase").targets, ["changespecs"]);
  assertEquals(classifyPath(ENV, "/h/.sase/projects/p/p.gp").targets, ["changespecs"]);
  assertEquals(classifyPath(ENV, "/h/.sase/projects/p/notes.txt").targets, []);
  assertEquals(classifyPath(ENV, "/h/.sase/projects/p/sub/p.sase").targets, []);
  assertEquals(classifyPath(ENV, `${run}/live_reply.md`), { targets: ["agents"], runDir: run });
  assertEquals(classifyPath(ENV, `${run}`), { targets: ["agents"], runDir: null });
  assertEquals(classifyPath(ENV, "/h/.sase/notifications/notifications.jsonl").targets, [
    "notifications",
    "agents",
  ]);
  assertEquals(classifyPath(ENV, "/h/.sase/.ace_refresh_pulse").targets, [
    "notifications",
    "agents",
  ]);
  assertEquals(classifyPath(ENV, "/h/.sase/dismissed_agents.json").targets, ["agents"]);
  assertEquals(classifyPath(ENV, "/h/.sase/perf/tui_trace.jsonl").targets, []);
  assertEquals(classifyPath(ENV, "/h/.sase/llm_override.json").targets, []);
});

Deno.test("identities change only with their own sources", async () => {
  await using box = await makeSandbox();
  const fixture = await writeAceFixture(box.saseHome, { changeSpecs: 4, agents: 4, projects: 2 });
  const live = fixture.agentDirs.slice(0, 2);
  const before = {
    specs: changeSpecIdentity(box.env),
    agents: agentIdentity(box.env, live),
    inbox: notificationIdentity(box.env),
  };
  assertEquals(changeSpecIdentity(box.env), before.specs, "stable");
  assertEquals(agentIdentity(box.env, live), before.agents, "stable");
  const spec = join(box.saseHome, "projects", "proj0", "proj0.sase");
  await Deno.writeTextFile(spec, (await Deno.readTextFile(spec)) + "\n");
  assert(changeSpecIdentity(box.env) !== before.specs, "a ProjectSpec edit");
  assertEquals(agentIdentity(box.env, live), before.agents);
  await Deno.writeTextFile(join(live[0], "done.json"), "{}");
  assert(agentIdentity(box.env, live) !== before.agents, "a live run's new record");
  const afterDone = agentIdentity(box.env, live);
  const day = join(fixture.agentDirs[0], "..");
  await Deno.mkdir(join(day, "29991231235959"));
  assert(agentIdentity(box.env, live) !== afterDone, "a new run directory");
  assertEquals(notificationIdentity(box.env), before.inbox);
  await Deno.writeTextFile(join(box.saseHome, ".ace_refresh_pulse"), "");
  assert(notificationIdentity(box.env) !== before.inbox, "the pulse");
});

Deno.test("a run directory no listing has shown is watched until one does: records written into it change the identity", async () => {
  await using box = await makeSandbox();
  const fixture = await writeAceFixture(box.saseHome, { changeSpecs: 0, agents: 3, projects: 1 });
  const workflow = join(fixture.agentDirs[0], "..", "..", "..");
  // The newest day's new run: its directory exists, its records do not yet.
  const run = join(workflow, "299912", "31", "29991231235959");
  await Deno.mkdir(run, { recursive: true });
  const unlisted = new Set(fixture.agentDirs);
  const before = agentIdentity(box.env, [], unlisted);
  assertEquals(agentIdentity(box.env, [], unlisted), before, "stable");
  await Deno.writeTextFile(join(run, "agent_meta.json"), "{}");
  assert(agentIdentity(box.env, [], unlisted) !== before, "its records appear");
  // Once a listing shows it (and it is finished), writes inside it are not watched.
  const listed = new Set([...fixture.agentDirs, run]);
  const shown = agentIdentity(box.env, [], listed);
  await Deno.writeTextFile(join(run, "note.txt"), "x");
  assertEquals(agentIdentity(box.env, [], listed), shown, "a listed finished run is not stamped");
});

Deno.test("trace records: spans with duration, tab and counters (inner first), events; key-to-paint", async () => {
  await using box = await makeSandbox();
  const trace = join(box.root, "t.jsonl");
  const perf = join(box.root, "jk.jsonl");
  const tracer = new Tracer({
    ...box.env,
    SASE_TUI_TRACE: "1",
    SASE_TUI_TRACE_PATH: trace,
    SASE_TUI_PERF: "1",
    SASE_TUI_PERF_PATH: perf,
  });
  tracer.setContext({ current_tab: "agents", current_idx: 3 });
  const out = tracer.span("outer.span", { count: 2 }, () => tracer.span("inner.span", {}, () => 7));
  assertEquals(out, 7);
  await tracer.spanAsync("async.span", () => ({ agents: 5 }), () => Promise.resolve());
  tracer.event("selection.current_idx.set", { current_idx: 4 });
  tracer.keyToPaint("j", 1.23456);
  assertEquals(await Deno.stat(trace).catch(() => null), null, "nothing written before a flush");
  tracer.flush();
  const records = (await Deno.readTextFile(trace)).trim().split("\n").map((l) => JSON.parse(l));
  assertEquals(records.map((r) => r.span ?? r.event), [
    "inner.span",
    "outer.span",
    "async.span",
    "selection.current_idx.set",
  ]);
  for (const record of records.slice(0, 3)) {
    assertEquals(typeof record.ts, "number");
    assertEquals(typeof record.duration_ms, "number");
    assertEquals(record.current_tab, "agents");
  }
  assertEquals([records[1].count, records[2].agents, records[3].current_idx], [2, 5, 4]);
  assertEquals("duration_ms" in records[3], false);
  const [jk] = (await Deno.readTextFile(perf)).trim().split("\n").map((l) => JSON.parse(l));
  assertEquals([jk.action, jk.paint_ms, jk.current_tab], ["j", 1.235, "agents"]);
  const off = join(box.root, "off.jsonl");
  for (const value of [undefined, "", "0"]) {
    const quiet = new Tracer({ ...box.env, SASE_TUI_TRACE: value!, SASE_TUI_TRACE_PATH: off });
    quiet.span("x", {}, () => 1);
    quiet.flush();
  }
  assertEquals(await Deno.stat(off).catch(() => null), null, "unset, empty and 0 record nothing");
});

Deno.test("side panels: sized to content with 1-row gaps, the first takes what is left; shared by rows when short", () => {
  assertEquals(panelHeights([], 10), []);
  assertEquals(panelHeights([3, 2], 20), [4 + 12, 3]);
  assertEquals(panelHeights([3, 2], 8), [4, 3]);
  // 20 + 5 wanted + 1 gap in 12 rows: each keeps a title and a row, the rest by row count.
  const heights = panelHeights([20, 5], 12);
  assertEquals(heights.reduce((a, b) => a + b, 0) + 1, 12);
  assert(heights[0] > heights[1] && heights[1] >= 2, String(heights));
  assertEquals(panelHeights([0, 0, 0], 3).every((h) => h >= 0), true);
});

Deno.test("a whole session: no-change refresh ticks record no load or list span; an edited ProjectSpec does", async () => {
  await using box = await makeSandbox();
  await writeAceFixture(box.saseHome, { changeSpecs: 20, agents: 10, projects: 2 });
  const trace = join(box.root, "trace.jsonl");
  const app = sandboxContext({
    ...box,
    env: { ...box.env, SASE_TUI_TRACE: "1", SASE_TUI_TRACE_PATH: trace },
  });
  const terminal = new MemoryTerminal({ columns: 120, rows: 30 }, {});
  const handle = startAce({
    app,
    terminal,
    tab: "changespecs",
    query: "*",
    refreshSeconds: 1,
    inactiveSeconds: 600,
    watch: false,
  });
  try {
    await handle.firstPaint;
    const spans = async () => {
      handle.tracer.flush();
      const text = await Deno.readTextFile(trace).catch(() => "");
      return text.trim().split("\n").filter(Boolean).map((l) => JSON.parse(l))
        .filter((r) => r.span).map((r) => r.span as string);
    };
    // Let the start-up loads settle, then watch two refresh ticks go by.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const settled = (await spans()).length;
    await new Promise((resolve) => setTimeout(resolve, 2300));
    const quiet = (await spans()).slice(settled);
    assertEquals(
      quiet.filter((span) => /^(agents|changespec|widget\.(changespec|agent)_list)\./.test(span)),
      [],
    );
    const spec = join(box.saseHome, "projects", "proj0", "proj0.sase");
    const text = await Deno.readTextFile(spec);
    await Deno.writeTextFile(spec, text.replace("STATUS: WIP", "STATUS: Ready"));
    const deadline = Date.now() + 10_000;
    while (!(await spans()).slice(settled).includes("changespec.refresh_display")) {
      assert(Date.now() < deadline, "the edit was never reloaded");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    terminal.type("q");
    await handle.done;
  }
});
