import { assertEquals } from "../../../_helpers/assert.ts";
import type { Notification } from "../../../../core/notify/model.ts";
import { topBar } from "../../../../tui/ace/chrome/top_bar.ts";
import { cycleTab, tabBar } from "../../../../tui/ace/chrome/tabs.ts";
import {
  footer,
  SLOW_STARTUP_MS,
  STOPWATCH_TIMEOUT_MS,
  stopwatchLive,
} from "../../../../tui/ace/chrome/footer.ts";
import {
  clearToasts,
  EMPTY_TOASTS,
  expireToasts,
  freshNotifications,
  pushToasts,
  tickToasts,
} from "../../../../tui/ace/chrome/toasts.ts";
import {
  createGlobalState,
  globalKeyAction,
  idleState,
  noteKey,
  quitMessage,
  reduceGlobal,
  tickIdle,
} from "../../../../tui/ace/chrome/global.ts";
import { helpSections } from "../../../../tui/ace/chrome/help.ts";
import { lineText } from "../../../../tui/ace/segments.ts";

const NONE = { priority: 0, errors: 0, inbox: 0, muted: 0 };

Deno.test("top bar: idle badges, indicator colour by the highest bucket, tasks, chips, drafts", () => {
  const base = {
    idle: "active" as const,
    unread: NONE,
    backgroundTasks: 0,
    primaryOverride: null,
    workerOverride: null,
    stashedDrafts: 0,
  };
  assertEquals(topBar(base), []);
  assertEquals(topBar({ ...base, idle: "inactive" })[0], { text: " IDLE ", style: "badge.idle" });
  assertEquals(topBar({ ...base, idle: "pinned" })[0], {
    text: " IDLE ",
    style: "badge.idle_pinned",
  });
  const style = (unread: typeof NONE) => topBar({ ...base, unread }).map((s) => s.style);
  assertEquals(style({ ...NONE, priority: 1, inbox: 2, muted: 5 }), ["notify.orange"]);
  assertEquals(style({ ...NONE, errors: 1 }), ["notify.orange"]);
  assertEquals(style({ ...NONE, inbox: 2, muted: 5 }), ["notify.gold"]);
  assertEquals(style({ ...NONE, muted: 5 }), ["notify.cyan"]);
  assertEquals(lineText(topBar({ ...base, unread: { ...NONE, priority: 1, inbox: 2 } })), "✉ 3");
  assertEquals(
    lineText(
      topBar({
        ...base,
        backgroundTasks: 2,
        primaryOverride: "opus",
        workerOverride: "haiku",
        stashedDrafts: 1,
      }),
    ),
    "⚙ 2 ◈ opus W haiku ✎ 1",
  );
});

Deno.test("tab bar: plain labels, Tab and Shift+Tab wrap", () => {
  assertEquals(lineText(tabBar("agents")), " PRs    Agents    AXE ");
  assertEquals(tabBar("agents")[2], { text: " Agents ", style: "tab.active" });
  assertEquals([cycleTab("agents", 1), cycleTab("axe", 1), cycleTab("changespecs", -1)], [
    "axe",
    "changespecs",
    "axe",
  ]);
});

Deno.test("footer: mode left, axe right; stopwatch while starting, slow tone, timeout", () => {
  const starting = footer({
    mode: null,
    chips: [],
    axe: "stopped",
    stopwatch: { elapsedMs: 250 },
  });
  assertEquals(starting.right, [{ text: "◑ starting 0.3s", style: "info" }]);
  const slow = footer({
    mode: null,
    chips: [],
    axe: "stopped",
    stopwatch: { elapsedMs: SLOW_STARTUP_MS },
  });
  assertEquals(slow.right[0].style, "warning");
  const stopped = footer({
    mode: "LEADER",
    chips: [{ key: "h", label: "home" }],
    axe: "stopped",
    stopwatch: null,
  });
  assertEquals(lineText(stopped.mode!), " LEADER ");
  assertEquals(stopped.right, [{ text: "STOPPED", style: "axe.stopped" }, {
    text: "  !x start",
    style: "dim",
  }]);
  assertEquals(
    footer({
      mode: "JUMP",
      jumpBack: true,
      chips: [],
      axe: "running",
      stopwatch: null,
    }).mode!.map((s) => s.text),
    [" JUMP ", " ' back"],
  );
  assertEquals(
    footer({ mode: null, chips: [], axe: "restarting", stopwatch: null }).right,
    [{ text: "RESTARTING", style: "axe.restarting" }],
  );
  assertEquals([
    stopwatchLive(100, false),
    stopwatchLive(100, true),
    stopwatchLive(STOPWATCH_TIMEOUT_MS, false),
  ], [true, false, false]);
});

function note(id: string, action: string | null, extra: Partial<Notification> = {}): Notification {
  return {
    id,
    timestamp: "2026-03-28T12:00:00Z",
    sender: "user-agent",
    notes: [`note ${id}`],
    action,
    ...extra,
  };
}

Deno.test("toasts: per-type severity up to three, grouped per severity above three, errors first", () => {
  assertEquals(tickToasts([note("1", "PlanApproval"), note("2", "JumpToAgent")], 0), [
    { severity: "warning", text: "Plan ready for review: note 1" },
    { severity: "info", text: "note 2" },
  ]);
  const four = [
    note("1", "PlanApproval"),
    note("2", "UserQuestion"),
    note("3", "ViewErrorReport", { sender: "axe" }),
    note("4", "JumpToAgent"),
    note("5", "HITL", { silent: true }),
    note("6", "HITL", { muted: true }),
  ];
  assertEquals(tickToasts(four, 0), [
    { severity: "error", text: "1 error: 1 axe error" },
    { severity: "warning", text: "2 warnings: 1 plan, 1 question" },
    { severity: "info", text: "1 notification: 1 agent update" },
  ]);
  assertEquals(
    tickToasts(four.slice(0, 3).concat(four.slice(4)), 0).length,
    3,
    "three toastable: no grouping",
  );
  assertEquals(tickToasts([note("7", "\x1b]0;x\x07")], 0)[0].text, "note 7");
});

Deno.test("toast queue: fresh notifications only, expiry per severity, Ctrl+L clears", () => {
  const first = freshNotifications(
    [note("a", null), note("b", null, { dismissed: true })],
    new Set(),
  );
  assertEquals(first.fresh.map((n) => n.id), ["a"]);
  assertEquals(
    freshNotifications([note("a", null), note("c", null)], first.seen).fresh.map((n) => n.id),
    ["c"],
  );
  let queue = pushToasts(EMPTY_TOASTS, [{ severity: "info", text: "i" }, {
    severity: "error",
    text: "e",
  }], 1000);
  assertEquals(queue.toasts.map((t) => [t.id, t.expiresMs]), [[1, 5000], [2, 11000]]);
  queue = expireToasts(queue, 5000);
  assertEquals(queue.toasts.map((t) => t.text), ["e"]);
  assertEquals(clearToasts(queue).toasts, []);
});

Deno.test("global keys: tabs, quit with and without tasks, help, refresh, idle", () => {
  let state = createGlobalState("agents", false, 0);
  const key = (s: typeof state, k: string, tasks = 0) =>
    reduceGlobal(s, globalKeyAction(s, k)!, tasks);
  assertEquals(key(state, "tab").state.tab, "axe");
  assertEquals(key(state, "shift+tab").state.tab, "changespecs");
  assertEquals(key(state, "q").effects, [{ kind: "quit", stopAxe: false }]);
  const asking = key(state, "Q", 1);
  assertEquals(asking.state.quitConfirm, { tasks: 1, stopAxe: true });
  assertEquals(
    quitMessage(asking.state.quitConfirm!),
    "1 background task is still running. Kill it and quit (stopping axe)?",
  );
  assertEquals(globalKeyAction(asking.state, "j"), null);
  assertEquals(key(asking.state, "n").state.quitConfirm, null);
  assertEquals(key(asking.state, "n").effects, []);
  assertEquals(key(asking.state, "y").effects, [{ kind: "quit", stopAxe: true }]);
  assertEquals(key(state, "y").effects, [{ kind: "refresh", tab: "agents" }]);
  const help = key(state, "?").state;
  assertEquals([help.helpOpen, globalKeyAction(help, "j")], [true, null]);
  assertEquals(key(help, "escape").state.helpOpen, false);
  const pinned = key(state, "I");
  assertEquals([idleState(pinned.state), pinned.effects], ["pinned", [{
    kind: "writePinnedIdle",
    pinned: true,
  }]]);
  assertEquals(idleState(noteKey(pinned.state, 5)), "pinned", "keys do not clear a pinned idle");
  state = reduceGlobal(state, { type: "manualIdle" }, 0).state;
  assertEquals(idleState(state), "inactive");
  assertEquals(idleState(noteKey(state, 10)), "active");
  const fresh = createGlobalState("agents", false, 0);
  assertEquals(idleState(tickIdle(fresh, 599_999, 600)), "active");
  assertEquals(idleState(tickIdle(fresh, 600_000, 600)), "inactive");
});

Deno.test("help lists the tab's keys and its query syntax", () => {
  assertEquals(helpSections("agents").map((s) => s.title), [
    "Agents",
    "Agent Query Syntax",
    "Global",
  ]);
  assertEquals(helpSections("changespecs").map((s) => s.title), ["PRs", "Query Syntax", "Global"]);
  assertEquals(helpSections("axe").map((s) => s.title), ["Global"]);
  const global = helpSections("axe")[0].rows.map(([key]) => key);
  for (const key of ["@ / ,h", "Space / ,<space>", "i", ",n", "!x", "q", "Q"]) {
    assertEquals(global.includes(key), true, `${key} is listed`);
  }
});
