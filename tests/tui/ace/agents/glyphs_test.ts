import { assertEquals } from "../../../_helpers/assert.ts";
import {
  formatElapsed,
  humanStart,
  runtimeSuffix,
  statusBadge,
} from "../../../../tui/ace/agents/glyphs.ts";
import { lineText } from "../../../../tui/ace/segments.ts";
import { agentRow } from "../_agents.ts";

const NOW = new Date(2026, 2, 28, 15, 0, 0);

Deno.test("status badges from the handbook table; unknown statuses read (STATUS)", () => {
  assertEquals(statusBadge("RUNNING"), { text: "▶", style: "agent.running" });
  assertEquals(statusBadge("DONE"), { text: "✓", style: "agent.done" });
  assertEquals(statusBadge("PLAN DONE").text, "✓P");
  assertEquals(statusBadge("PLAN APPROVED").text, "▶P");
  assertEquals(statusBadge("EPIC CREATED").text, "★E");
  assertEquals(statusBadge("RETRYING", 2).text, "↻2");
  assertEquals(statusBadge("NEW THING\x1b"), { text: "(NEW THING^[)", style: "plain" });
});

Deno.test("the start half: same day HH:MM:SS, earlier this year Mon DD HH:MM, another year Mon DD 'YY", () => {
  assertEquals(humanStart(new Date(2026, 2, 28, 9, 5, 7), NOW), { date: "", time: "09:05:07" });
  assertEquals(humanStart(new Date(2026, 0, 3, 9, 5, 7), NOW), { date: "Jan 03 ", time: "09:05" });
  assertEquals(humanStart(new Date(2025, 11, 31, 23, 0, 0), NOW), { date: "Dec 31 ", time: "'25" });
});

Deno.test("elapsed durations", () => {
  assertEquals([0, 42, 60, 303, 3600, 3720, 90000].map(formatElapsed), [
    "0s",
    "42s",
    "1m00s",
    "5m03s",
    "1h00m",
    "1h02m",
    "1d01h",
  ]);
});

Deno.test("runtime suffix markers: active, unread done/failed, paused; a pre-run WAITING shows none", () => {
  const start = new Date(2026, 2, 28, 14, 0, 0).toISOString();
  const text = (overrides: Parameters<typeof agentRow>[0], unread = false) =>
    lineText(
      runtimeSuffix(agentRow({ startedAt: start, durationSeconds: 65, ...overrides }), unread, NOW),
    );
  assertEquals(text({ name: "a" }), "14:00:00 · ⏵ 1m05s");
  assertEquals(text({ name: "a", status: "DONE" }, true), "14:00:00 · ● 1m05s");
  assertEquals(text({ name: "a", status: "FAILED" }, true), "14:00:00 · ✗ 1m05s");
  assertEquals(text({ name: "a", status: "DONE" }), "14:00:00 · 1m05s");
  assertEquals(text({ name: "a", status: "QUESTION" }), "14:00:00 · ⏸ 1m05s");
  assertEquals(
    lineText(
      runtimeSuffix(agentRow({ name: "w", status: "WAITING", startedAt: null }), false, NOW),
    ),
    "",
  );
});
