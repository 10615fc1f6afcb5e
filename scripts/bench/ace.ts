/**
 * ACE benchmark: the real `sase ace` app (state, reducer, views, services,
 * file watching) driven headlessly on a memory terminal over synthetic data
 * in the real formats (`writeAceFixture`: 2,000 ChangeSpecs, 1,000 agents),
 * in a temporary home.
 *
 * Measures, against the goals:
 * - cold start to the first complete paint (the Agents tab's data on screen), the
 *   first session (agent index built from scratch) and the warm median;
 * - `j`/`k` key-to-paint p50 / p95 on the PRs and the Agents tab (bytes in,
 *   decoded, reduced, drawn, diffed and written), and the list's
 *   highlight-only update (`widget.*_list.update_highlight` spans);
 * - a no-change refresh: the spans recorded over three refresh ticks (goal
 *   0) and the cost of the identity check such a tick makes;
 * - the first paint of a 20 MB reply (the key focusing the agent to its
 *   first reply line on screen);
 * - the process RSS with the large session loaded.
 *
 * Each measurement checks its answer first (the cursor where the keys put
 * it, the reply's first line on screen, the rows drawn) and fails the bench
 * on a wrong one.
 *
 * Run: `deno run -A --unstable-worker-options scripts/bench/ace.ts`.
 *
 * @module
 */

import { join } from "../../core/fs/path.ts";
import { saseContext } from "../../entries/context.ts";
import { MemoryTerminal } from "../../tui/engine/memory_terminal.ts";
import { type AceHandle, startAce } from "../../tui/ace/app/app.ts";
import {
  agentIdentity,
  changeSpecIdentity,
  notificationIdentity,
} from "../../tui/ace/app/identity.ts";
import { isFinished } from "../../tui/ace/agents/item.ts";
import type { AceTab } from "../../tui/ace/chrome/tabs.ts";
import { writeAceFixture } from "../../tests/_helpers/ace_fixtures.ts";
import { median, report } from "./_measure.ts";

const SPECS = Number(Deno.env.get("SASE_BENCH_ACE_SPECS") ?? 2000);
const AGENTS = Number(Deno.env.get("SASE_BENCH_ACE_AGENTS") ?? 1000);
const REPLY_MB = Number(Deno.env.get("SASE_BENCH_ACE_REPLY_MB") ?? 20);
const KEYS = Math.min(200, Math.floor(SPECS / 2));
const SIZE = { columns: 200, rows: 50 };

function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`ace bench: wrong answer: ${what}`);
}

async function home(): Promise<{ root: string; env: Record<string, string> }> {
  const root = await Deno.makeTempDir({ prefix: "sase-bench-ace-" });
  const env: Record<string, string> = {
    HOME: join(root, "home"),
    SASE_HOME: join(root, "home", ".sase"),
    XDG_CONFIG_HOME: join(root, "home", ".config"),
    XDG_STATE_HOME: join(root, "home", ".local", "state"),
    XDG_CACHE_HOME: join(root, "home", ".cache"),
    PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
    SASE_TUI_TRACE: "1",
    SASE_TUI_TRACE_PATH: join(root, "trace.jsonl"),
  };
  await Deno.mkdir(env.SASE_HOME, { recursive: true });
  return { root, env };
}

function session(env: Record<string, string>, tab: AceTab, refreshSeconds = 600): {
  handle: AceHandle;
  terminal: MemoryTerminal;
} {
  const terminal = new MemoryTerminal(SIZE, {});
  const app = saseContext({ env, cwd: env.HOME });
  const handle = startAce({
    app,
    terminal,
    tab,
    query: "proj",
    refreshSeconds,
    inactiveSeconds: 600,
  });
  return { handle, terminal };
}

async function close(s: { handle: AceHandle; terminal: MemoryTerminal }): Promise<void> {
  s.terminal.type("q");
  await s.handle.done;
}

async function spans(path: string): Promise<Array<{ span?: string; duration_ms?: number }>> {
  const text = await Deno.readTextFile(path).catch(() => "");
  return text.trim().split("\n").filter(Boolean).map((line) => JSON.parse(line));
}

/** Press `key` `count` times, one frame each; the key-to-paint times (ms). */
function burst(handle: AceHandle, key: string, count: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    handle.runner.feed(key);
    handle.runner.frame();
    times.push(performance.now() - start);
  }
  return times;
}

const data = await home();
console.log(`ace bench: writing ${SPECS} ChangeSpecs and ${AGENTS} agents...`);
await writeAceFixture(data.env.SASE_HOME, { changeSpecs: SPECS, agents: AGENTS });

// Cold start (the agent index is built from scratch), then warm starts.
const starts: number[] = [];
for (let i = 0; i < 4; i++) {
  const s = session(data.env, "agents");
  starts.push(await s.handle.firstPaint);
  check(s.terminal.screenText()[2].startsWith(`${AGENTS} Agents`), "the Agents strip");
  await close(s);
}
report({
  bench: "ace",
  name: `cold start to first complete paint, index built (${SPECS} specs, ${AGENTS} agents)`,
  value: starts[0],
  unit: "ms",
  metric: "wall",
});
report({
  bench: "ace",
  name: `start to first complete paint, warm (${SPECS} specs, ${AGENTS} agents)`,
  value: median(starts.slice(1)),
  unit: "ms",
  goal: 300,
  metric: "wall",
});

// j/k on both tabs, in one session.
const main = session(data.env, "changespecs", 1);
await main.handle.firstPaint;
// The other tab's data follows the first paint.
while (!main.handle.runner.state.agents.loaded) {
  await new Promise((resolve) => setTimeout(resolve, 10));
}
const prs = main.handle.runner.state.prs!;
check(prs.rows.length > KEYS, "enough PR rows");
const prsTimes = [...burst(main.handle, "j", KEYS), ...burst(main.handle, "k", KEYS)];
check(main.handle.runner.state.prs!.cursor === 0, "the PRs cursor back at the top");
report({
  bench: "ace",
  name: "PRs j/k key-to-paint p50",
  value: percentile(prsTimes, 0.5),
  unit: "ms",
  metric: "wall",
});
report({
  bench: "ace",
  name: "PRs j/k key-to-paint p95",
  value: percentile(prsTimes, 0.95),
  unit: "ms",
  goal: 8,
  metric: "wall",
});
burst(main.handle, "\t", 1);
check(main.handle.runner.state.global.tab === "agents", "the Agents tab");
const agentRows = main.handle.runner.state.agents.panels[0].rows.length;
const steps = Math.min(KEYS, agentRows - 1);
const agentTimes = [...burst(main.handle, "j", steps), ...burst(main.handle, "k", steps)];
check(main.handle.runner.state.agents.cursor === 0, "the Agents cursor back at the top");
report({
  bench: "ace",
  name: "Agents j/k key-to-paint p50",
  value: percentile(agentTimes, 0.5),
  unit: "ms",
  metric: "wall",
});
report({
  bench: "ace",
  name: "Agents j/k key-to-paint p95",
  value: percentile(agentTimes, 0.95),
  unit: "ms",
  goal: 8,
  metric: "wall",
});
main.handle.tracer.flush();
const highlights = (await spans(data.env.SASE_TUI_TRACE_PATH))
  .filter((r) => /^widget\.(changespec|agent)_list\.update_highlight$/.test(r.span ?? ""))
  .map((r) => r.duration_ms!);
check(highlights.length >= KEYS, "highlight spans recorded");
report({
  bench: "ace",
  name: "list highlight-only update p95",
  value: percentile(highlights, 0.95),
  unit: "ms",
  goal: 4,
  metric: "wall",
});

// A no-change refresh: three ticks of -r 1 with nothing changed.
// First let what the keys caused settle (acknowledged unread agents, their inbox reloads).
let before = -1;
for (let settled = 0; settled !== before;) {
  before = settled;
  await new Promise((resolve) => setTimeout(resolve, 1500));
  main.handle.tracer.flush();
  settled = (await spans(data.env.SASE_TUI_TRACE_PATH)).filter((r) => r.span).length;
}
await new Promise((resolve) => setTimeout(resolve, 3200));
main.handle.tracer.flush();
const quiet = (await spans(data.env.SASE_TUI_TRACE_PATH)).filter((r) => r.span).slice(before);
report({
  bench: "ace",
  name: "spans recorded over 3 no-change refresh ticks",
  value: quiet.length,
  unit: "spans",
  goal: 0,
});
const live = main.handle.runner.state.agents.all.filter((item) => !isFinished(item.row)).map((
  item,
) => item.id);
const identity: number[] = [];
for (let i = 0; i < 20; i++) {
  const start = performance.now();
  changeSpecIdentity(data.env);
  notificationIdentity(data.env);
  agentIdentity(data.env, live);
  identity.push(performance.now() - start);
}
report({
  bench: "ace",
  name: `no-change refresh check (${live.length} live runs)`,
  value: median(identity),
  unit: "ms",
  metric: "wall",
});
const rss = Deno.memoryUsage().rss / (1024 * 1024);
report({
  bench: "ace",
  name: `RSS with ${SPECS} specs and ${AGENTS} agents loaded`,
  value: rss,
  unit: "MB",
  goal: 200,
});
await close(main);

// First paint of a large reply.
const big = await home();
await writeAceFixture(big.env.SASE_HOME, {
  changeSpecs: 0,
  agents: 1,
  projects: 1,
  replyBytes: REPLY_MB * 1024 * 1024,
});
const reply = session(big.env, "agents");
await reply.handle.firstPaint;
const start = performance.now();
reply.handle.runner.feed("j");
reply.handle.runner.frame();
while (!reply.terminal.screenText().some((row) => row.includes("Reply line for agent 0"))) {
  check(performance.now() - start < 10_000, "the reply never showed");
  await new Promise((resolve) => setTimeout(resolve, 1));
}
report({
  bench: "ace",
  name: `first paint of a ${REPLY_MB} MB reply`,
  value: performance.now() - start,
  unit: "ms",
  goal: 100,
  metric: "wall",
});
await close(reply);

await Deno.remove(data.root, { recursive: true });
await Deno.remove(big.root, { recursive: true });
