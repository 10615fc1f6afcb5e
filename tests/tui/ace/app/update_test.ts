/**
 * The ACE app's reducer over fake services: the order keys are routed in
 * (modal first, then dialogs, prefixes, the `/` editor, the global keys,
 * the tab), the modal-opening keys, background tasks and their outcomes,
 * quitting with tasks running, the stopwatch, and the focused agent's
 * detail; and the view drawing a modal's frame and content.
 */

import { assert, assertEquals } from "../../../_helpers/assert.ts";
import { CellBuffer } from "../../../../tui/engine/buffer.ts";
import { key, type KeyEvent } from "../../../../tui/engine/keys.ts";
import type { ProgramIO } from "../../../../tui/engine/program.ts";
import type { AceModal, ModalStep, ModalTask } from "../../../../tui/ace/modals/modal.ts";
import { type AceServices, aceUpdate, stopwatchShown } from "../../../../tui/ace/app/update.ts";
import { type AceMsg, type AceState, createAceState } from "../../../../tui/ace/app/state.ts";
import type { ModalKind } from "../../../../tui/ace/app/open_modal.ts";
import type { PrActionKind } from "../../../../tui/ace/prs/actions.ts";
import { aceView } from "../../../../tui/ace/app/view.ts";
import { Tracer } from "../../../../tui/ace/app/trace.ts";
import type { ChangeSpec } from "../../../../core/changespec/types.ts";
import { parseProjectSpec } from "../../../../core/changespec/parser.ts";
import { agentRow, items } from "../_agents.ts";

const NOW = Date.UTC(2026, 2, 28, 12, 0, 0);

function specs(): ChangeSpec[] {
  return parseProjectSpec(
    [
      "NAME: p_a_1\nDESCRIPTION:\n  First\nSTATUS: WIP\n",
      "NAME: p_b_1\nDESCRIPTION:\n  Second\nSTATUS: Draft\n",
    ].join("\n\n"),
    "/h/.sase/projects/p/p.sase",
  ).specs;
}

/** Fake services recording what the reducer asked for. */
class Fakes implements AceServices {
  opened: ModalKind[] = [];
  tasks: ModalTask[][] = [];
  refreshed: string[][] = [];
  performed: string[] = [];
  focused: Array<string | null> = [];
  more = 0;
  moreDetail() {
    this.more++;
  }
  modal: AceModal | null = null;
  clock = NOW + 1000;
  now() {
    return this.clock;
  }
  perform(effects: readonly { kind: string }[]) {
    this.performed.push(...effects.map((effect) => effect.kind));
  }
  runTasks(tasks: readonly ModalTask[]) {
    this.tasks.push([...tasks]);
  }
  refresh(targets: readonly string[]) {
    this.refreshed.push([...targets]);
  }
  focusAgent(item: { id: string } | null) {
    this.focused.push(item?.id ?? null);
  }
  /** The modal to open, else a task named after the kind (a modal that reads files first). */
  openModal(kind: ModalKind) {
    this.opened.push(kind);
    return this.modal ?? { label: `open ${kind}`, run: () => Promise.resolve({}) };
  }
  actions: PrActionKind[] = [];
  /** A PR action: recorded, answered with a task named after it. */
  prAction(kind: PrActionKind) {
    this.actions.push(kind);
    return { label: `pr ${kind}`, run: () => Promise.resolve({}) };
  }
  axeToggles = 0;
  toggleAxe() {
    this.axeToggles++;
  }
  axeStopsOnExit = 0;
  stopAxeOnExit() {
    this.axeStopsOnExit++;
  }
  noteFocus() {}
}

class FakeIO implements ProgramIO<AceMsg> {
  quits = 0;
  quit() {
    this.quits++;
  }
  dispatch() {}
  after() {
    return () => {};
  }
}

/** A modal that records its keys; `q` closes it asking for one task. */
function recordingModal(log: string[], task: ModalTask): AceModal {
  const modal: AceModal = {
    kind: "test",
    title: "Test modal",
    placement: "center",
    size: () => ({ columns: 30, rows: 3 }),
    key(event: KeyEvent): ModalStep {
      log.push(event.name);
      return event.name === "q" ? { modal: null, tasks: [task] } : { modal, tasks: [] };
    },
    paste(text: string): ModalStep {
      log.push(`paste:${text}`);
      return { modal, tasks: [] };
    },
    draw(buffer, inner) {
      buffer.write(inner.x, inner.y, "modal body", 0);
    },
  };
  return modal;
}

function setup(tab: "changespecs" | "agents" = "changespecs") {
  const fakes = new Fakes();
  const io = new FakeIO();
  const update = aceUpdate(fakes);
  let state = createAceState({
    size: { columns: 100, rows: 30 },
    tab,
    nowMs: NOW,
    refreshSeconds: 10,
    inactiveSeconds: 600,
  });
  state = update(state, {
    kind: "prsInit",
    init: { specs: specs(), query: "!!!", now: new Date(NOW) },
    warnings: [],
  }, io);
  state = update(state, {
    kind: "agentsLoaded",
    items: items([
      agentRow({ name: "alpha", timestamp: "20260328110000" }),
      agentRow({ name: "beta", timestamp: "20260328100000", status: "DONE" }),
    ]),
  }, io);
  const press = (...names: string[]) => {
    for (const name of names) {
      const event = name.startsWith("ctrl+") ? key(name.slice(5), { ctrl: true }) : key(name);
      state = update(state, event, io);
    }
    return state;
  };
  return {
    fakes,
    io,
    press,
    get state() {
      return state;
    },
    send(msg: AceMsg) {
      state = update(state, msg, io);
      return state;
    },
  };
}

function toastTexts(state: AceState): string[] {
  return state.global.toasts.toasts.map((toast) => toast.text);
}

Deno.test("an open modal takes every key first (q included); its tasks go to the services; null closes it", () => {
  const app = setup();
  const log: string[] = [];
  const task: ModalTask = { label: "approve", run: () => Promise.resolve({}) };
  app.fakes.modal = recordingModal(log, task);
  app.press("i");
  assertEquals(app.fakes.opened, ["notifications"]);
  assertEquals(app.state.modal?.kind, "test");
  app.press("j", "?", "tab");
  assertEquals(log, ["j", "?", "tab"]);
  assertEquals([app.state.global.helpOpen, app.state.global.tab], [false, "changespecs"]);
  app.send({ kind: "paste" as never, text: "hello" } as never);
  assertEquals(log.at(-1), "paste:hello");
  app.press("q");
  assertEquals(app.io.quits, 0, "q went to the modal, not to quit");
  assertEquals(app.state.modal, null);
  assertEquals(app.fakes.tasks, [[task]]);
});

Deno.test("each opening key asks for its modal; one that reads files first opens through its task; AXE opens none", () => {
  const app = setup();
  app.press("@", "space", "i", ",", "h", ",", "space", ",", "n");
  const kinds = [
    "prompt",
    "prompt_selection",
    "notifications",
    "prompt_home",
    "prompt_selection_direct",
    "notification_jump",
  ];
  assertEquals(app.fakes.opened, kinds);
  assertEquals(
    app.fakes.tasks.map((tasks) => tasks.map((task) => task.label)),
    kinds.map((k) => [`open ${k}`]),
  );
  assertEquals(app.state.modal, null, "it opens when its task's outcome comes back");
  app.press("tab", "tab");
  assertEquals(app.state.global.tab, "axe");
  app.press("@");
  assertEquals(app.fakes.opened.length, 6);
});

Deno.test("task outcomes: counted while running; a toast, a refresh and a modal to open", () => {
  const app = setup();
  app.send({ kind: "taskStarted" });
  app.send({ kind: "taskStarted" });
  assertEquals(app.state.tasks, 2);
  const next = recordingModal([], { label: "x", run: () => Promise.resolve({}) });
  app.send({
    kind: "taskDone",
    outcome: {
      toast: { severity: "info", text: "Plan approved" },
      refresh: ["agents"],
      open: next,
    },
  });
  assertEquals(app.state.tasks, 1);
  assertEquals(toastTexts(app.state), ["Plan approved"]);
  assertEquals(app.fakes.refreshed, [["agents"]]);
  assertEquals(app.state.modal, next);
  const other = recordingModal([], { label: "y", run: () => Promise.resolve({}) });
  app.send({ kind: "taskDone", outcome: { open: other } });
  assertEquals(app.state.modal, next, "an open modal is not replaced");
  assertEquals(app.state.tasks, 0);
  app.send({ kind: "taskDone", outcome: {} });
  assertEquals(app.state.tasks, 0, "never below zero");
});

Deno.test("q with a task running asks first: n stays, y quits; without tasks q quits at once", () => {
  const app = setup();
  app.send({ kind: "taskStarted" });
  app.press("q");
  assertEquals(app.state.global.quitConfirm, { tasks: 1, stopAxe: false });
  app.press("j");
  assertEquals(app.state.global.quitConfirm !== null, true, "other keys wait for the answer");
  app.press("n");
  assertEquals([app.state.global.quitConfirm, app.io.quits], [null, 0]);
  app.press("q", "y");
  assertEquals(app.io.quits, 1);
  const idle = setup();
  idle.press("q");
  assertEquals(idle.io.quits, 1);
});

Deno.test("leader: ,, without history toasts; ,I marks idle and is repeatable; Esc cancels; !x starts/stops axe", () => {
  const app = setup();
  app.press(",");
  assertEquals(app.state.prefix, ",");
  app.press(",");
  assertEquals([app.state.prefix, toastTexts(app.state)], [null, [
    "No previous leader command to repeat",
  ]]);
  app.press(",", "I");
  assertEquals(app.state.global.inactive, true);
  app.press("j");
  assertEquals(app.state.global.inactive, false, "any key ends a manual idle");
  app.press(",", ",");
  assertEquals(app.state.global.inactive, true, ",, repeated ,I");
  app.press(",", "escape");
  assertEquals(app.state.prefix, null);
  app.press(",", "z");
  assertEquals(toastTexts(app.state).at(-1), "No leader command ,z");
  app.press("!", "x");
  assertEquals([app.fakes.axeToggles, app.state.prefix], [1, null]);
  app.send({ kind: "axeStatus", status: "starting" });
  app.press("!", "x");
  assertEquals(app.fakes.axeToggles, 1, "not while it is starting");
  assertEquals(toastTexts(app.state).at(-1), "axe is starting…");
  app.send({ kind: "axeStatus", status: "running" });
  app.press("!", "x");
  assertEquals(app.fakes.axeToggles, 2);
  app.press("Q");
  assertEquals([app.fakes.axeStopsOnExit, app.io.quits], [1, 1]);
});

Deno.test("the / editor: keys edit the query, not the app; a bad query stays open with its error", () => {
  const app = setup();
  app.press("/");
  assertEquals(app.state.queryInput?.text, "!!!");
  app.press("ctrl+u");
  for (const ch of "(q") app.press(ch);
  assertEquals([app.state.queryInput?.text, app.state.prs?.editor.text], ["(q", "(q"]);
  assertEquals(app.io.quits, 0, "q was typed");
  app.press("enter");
  assert(app.state.prs?.editor.open, "still open");
  assert(app.state.prs?.editor.error, "with the error");
  assertEquals(app.state.queryInput?.text, "(q");
  app.press("escape");
  assertEquals([app.state.prs?.editor.open, app.state.queryInput], [false, null]);
  assertEquals(app.state.prs?.query, "!!!");
  app.press("/", "ctrl+u", "%", "w", "enter");
  assertEquals([app.state.prs?.query, app.state.queryInput], ["status:WIP", null]);
  assertEquals(app.fakes.performed, ["writeQueryHistory", "writeLastQuery"]);
});

Deno.test("the stopwatch runs until the tab on screen has data; the detail follows the focused agent", () => {
  const fakes = new Fakes();
  const io = new FakeIO();
  const update = aceUpdate(fakes);
  let state = createAceState({
    size: { columns: 100, rows: 30 },
    tab: "agents",
    nowMs: NOW,
    refreshSeconds: 0,
    inactiveSeconds: 600,
  });
  assertEquals(stopwatchShown(state), true);
  const loaded = items([
    agentRow({ name: "alpha", timestamp: "20260328110000" }),
    agentRow({ name: "beta", timestamp: "20260328100000" }),
  ]);
  state = update(state, {
    kind: "prsInit",
    init: { specs: [], query: "!!!", now: new Date(NOW) },
    warnings: ["last query no longer parses: ("],
  }, io);
  assertEquals(
    [state.mounted, stopwatchShown(state)],
    [false, true],
    "the PRs tab is not on screen",
  );
  state = update(state, { kind: "agentsLoaded", items: loaded }, io);
  assertEquals([state.mounted, stopwatchShown(state)], [true, false]);
  assertEquals(toastTexts(state), ["last query no longer parses: ("]);
  const rows = state.agents.panels[0].rows;
  const firstAgent = rows.findIndex((row) => row.kind === "agent");
  for (let i = 0; i < firstAgent; i++) state = update(state, key("j"), io);
  const focused = fakes.focused.at(-1);
  assertEquals(focused, loaded.find((item) => item.id === focused)?.id);
  const detail = { id: "/elsewhere", phases: [], tools: null, meta: {}, loadedAt: new Date(NOW) };
  assertEquals(
    update(state, { kind: "detailLoaded", detail }, io).detail,
    null,
    "not the focused one",
  );
  const mine = { ...detail, id: focused! };
  assertEquals(update(state, { kind: "detailLoaded", detail: mine }, io).detail, mine);
});

Deno.test("the view draws an open modal's frame with its title, and its content inside", () => {
  const app = setup();
  app.fakes.modal = recordingModal([], { label: "x", run: () => Promise.resolve({}) });
  app.press("i");
  const buffer = new CellBuffer(100, 30);
  aceView(new Tracer({}))(app.state, buffer);
  const text = buffer.text();
  assert(text.includes("─ Test modal "), "the title in the frame");
  assert(text.includes("│modal body"), "the content inside the frame");
});

Deno.test("a running agent's elapsed time keeps counting on screen between loads; a finished one's does not", () => {
  const app = setup("agents");
  const buffer = () => {
    const out = new CellBuffer(100, 30);
    aceView(new Tracer({}))(app.state, out);
    return out.text();
  };
  // alpha runs (started 12:00:00, 65 s at load); beta is DONE with 65 s recorded.
  app.fakes.clock = Date.parse("2026-03-28T12:10:00.000Z");
  app.send({ kind: "tick" });
  const text = buffer();
  const alpha = text.split("\n").find((row) => row.includes("alpha"))!;
  const beta = text.split("\n").find((row) => row.includes("beta"))!;
  assert(alpha.includes("⏵ 10m00s"), alpha);
  assert(beta.includes("1m05s") && !beta.includes("10m"), beta);
});

Deno.test("Ctrl+D near the end of what was read of a longer reply asks for more; a whole reply never does", () => {
  const app = setup("agents");
  while (app.state.agents.panels[0].rows[app.state.agents.cursor]?.kind !== "agent") app.press("j");
  const id = app.fakes.focused.at(-1)!;
  const phase = (truncated: boolean) => ({
    label: "AGENT",
    startedAt: null,
    text: "line\n".repeat(100),
    chunks: [],
    truncated,
  });
  const detail = (truncated: boolean) => ({
    id,
    phases: [phase(truncated)],
    tools: null,
    meta: {},
    loadedAt: new Date(NOW),
  });
  app.send({ kind: "detailLoaded", detail: detail(false) });
  for (let i = 0; i < 10; i++) app.press("ctrl+d");
  assertEquals(app.fakes.more, 0, "the whole reply is read");
  app.press("g");
  assertEquals(app.state.detailScroll, 0);
  app.send({ kind: "detailLoaded", detail: detail(true) });
  // 30 rows: half a page is 13; more is asked once scroll + 60 passes the 100 lines read.
  app.press("ctrl+d", "ctrl+d", "ctrl+d");
  assertEquals([app.state.detailScroll, app.fakes.more], [39, 0]);
  app.press("ctrl+d");
  assertEquals([app.state.detailScroll, app.fakes.more], [52, 1]);
});

Deno.test("a reloaded modal replaces the one it came from only", () => {
  const app = setup();
  const first = recordingModal([], { label: "x", run: () => Promise.resolve({}) });
  const fresh = recordingModal([], { label: "y", run: () => Promise.resolve({}) });
  app.fakes.modal = first;
  app.press("i");
  app.send({ kind: "modalReloaded", from: first, modal: fresh });
  assertEquals(app.state.modal, fresh);
  app.send({ kind: "modalReloaded", from: first, modal: first });
  assertEquals(app.state.modal, fresh, "a stale reload is dropped");
});

Deno.test("PR action keys on the PRs tab go to the services' prAction (s S d Y b n w W M e R C); not on the Agents tab, not in a modal", () => {
  const app = setup();
  app.press("s", "S", "d", "Y", "b", "n", "w", "W", "M", "e", "R", "C");
  const kinds = [
    "status",
    "bulk_status",
    "diff",
    "sync",
    "rebase",
    "rename",
    "reword",
    "tag",
    "mail",
    "edit",
    "rewind",
    "checkout",
  ];
  assertEquals(app.fakes.actions, kinds);
  assertEquals(
    app.fakes.tasks.map((tasks) => tasks.map((task) => task.label)),
    kinds.map((k) => [`pr ${k}`]),
  );
  app.press("z", "d");
  assertEquals(app.fakes.actions.length, 12, "z d is the DELTAS fold key, not the diff");
  assertEquals(app.state.prs!.folds.deltasUnfolded, true);
  app.press("tab");
  assertEquals(app.state.global.tab, "agents");
  app.press("s", "d", "Y", "b");
  assertEquals(app.fakes.actions.length, 12, "the Agents tab has its own keys");
  app.press("tab", "tab");
  app.fakes.modal = recordingModal([], { label: "x", run: () => Promise.resolve({}) });
  app.press("i", "s");
  assertEquals(app.fakes.actions.length, 12, "an open modal takes s");
});

Deno.test("m marks the focused PR and advances, m again unmarks; u clears all with a count; the view shows the mark glyph", () => {
  const app = setup();
  app.send({
    kind: "prsInit",
    init: { specs: specs(), query: "+p", now: new Date(NOW) },
    warnings: [],
  });
  const specRows = () => app.state.prs!.rows.filter((row) => row.kind === "spec");
  // Land on the first PR row (the tab starts on its first row, a banner when grouped).
  while (app.state.prs!.rows[app.state.prs!.cursor].kind !== "spec") app.press("j");
  const first = app.state.prs!.cursor;
  app.press("m");
  assertEquals([...app.state.prs!.marks], ["p_a_1"]);
  assertEquals(app.state.prs!.cursor, first + 1, "m advances one row");
  app.press("m");
  assertEquals([...app.state.prs!.marks].sort(), ["p_a_1", "p_b_1"]);
  assertEquals(specRows().length, 2);
  const buffer = new CellBuffer(100, 30);
  aceView(new Tracer({}))(app.state, buffer);
  const screen = buffer.text();
  assert(screen.includes("│ ● p_a_1  WIP") && screen.includes("│ ● p_b_1  Draft"), screen);
  assertEquals(app.state.prs!.cursor, first + 1, "m on the last row stays there");
  app.press("k", "m");
  assertEquals([...app.state.prs!.marks], ["p_b_1"], "m on a marked PR unmarks it");
  app.press("u");
  assertEquals(app.state.prs!.marks.size, 0);
  assertEquals(toastTexts(app.state).at(-1), "Cleared 1 mark");
  app.press("u");
  assertEquals(toastTexts(app.state).at(-1), "No marked PRs");
});
