/**
 * ACE view-model benchmark, in process, over a synthetic temp `SASE_HOME`
 * (`tests/_helpers/ace_fixtures.ts`, the real on-disk formats): building
 * the PRs tab's grouped rows for 2,000 ChangeSpecs, building the Agents
 * tab's panels and rows for 1,000 agents loaded from the agent index, and a
 * `j` move on each tab, which must not rebuild rows (the bench fails if it
 * does). Medians and p95s of wall time; the model's share of the
 * key-to-paint budget (8 ms p95 for a whole `j`) is what the goals bound.
 *
 * Every sample checks its answer (row and agent counts from what the
 * generator wrote); a wrong answer fails the bench.
 *
 * Run: `deno run -A scripts/bench/ace_models.ts`
 *
 * @module
 */

import { join } from "node:path";
import { writeAceFixture } from "../../tests/_helpers/ace_fixtures.ts";
import { projectStore } from "../../core/changespec/read.ts";
import { createPrsState, moveCursor } from "../../tui/ace/prs/context.ts";
import { loadAgentItems } from "../../tui/ace/loaders/agents.ts";
import { createAgentsState, withAgents } from "../../tui/ace/agents/context.ts";
import { agentsKey } from "../../tui/ace/agents/controller.ts";
import { median, report } from "./_measure.ts";

const SAMPLES = Number(Deno.env.get("SASE_BENCH_RUNS") ?? 15);
const MOVES = 200;
const SPECS = 2000;
const AGENTS = 1000;
const NOW = new Date();

function p95(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)];
}

function fail(message: string): never {
  console.error(`ace_models: ${message}`);
  Deno.exit(1);
}

function timed<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const value = fn();
  return [value, performance.now() - start];
}

const root = await Deno.makeTempDir({ prefix: "sase-bench-ace-" });
try {
  const saseHome = join(root, ".sase");
  const env = { HOME: root, SASE_HOME: saseHome };
  const fixture = await writeAceFixture(saseHome, { changeSpecs: SPECS, agents: AGENTS, now: NOW });

  // PRs: the store's parse is the loader's cost; the model builds the tree and rows.
  const specs = await projectStore(env).specs();
  if (specs.length !== SPECS) fail(`loaded ${specs.length} ChangeSpecs, wrote ${SPECS}`);
  const prsBuild: number[] = [];
  let prs = createPrsState({ specs, query: '"_feature"', now: NOW });
  for (let i = 0; i < SAMPLES; i++) {
    const [state, ms] = timed(() => createPrsState({ specs, query: '"_feature"', now: NOW }));
    if (state.rows.filter((row) => row.kind === "spec").length !== SPECS) {
      fail("PRs rows miss specs");
    }
    prs = state;
    prsBuild.push(ms);
  }
  report({
    bench: "ace",
    name: `PRs rows build (${SPECS.toLocaleString("en")} ChangeSpecs)`,
    value: median(prsBuild),
    unit: "ms",
    goal: 50,
    metric: "wall",
  });
  const prsMoves: number[] = [];
  for (let i = 0; i < MOVES; i++) {
    const [next, ms] = timed(() => moveCursor(prs, 1));
    if (next.rows !== prs.rows) fail("a PRs j move rebuilt the rows");
    prs = next;
    prsMoves.push(ms);
  }
  report({
    bench: "ace",
    name: "PRs j move p95",
    value: p95(prsMoves),
    unit: "ms",
    goal: 0.5,
    metric: "wall",
  });

  // Agents: one load from the index (built by the first load), then the model.
  await loadAgentItems(env, NOW);
  const [items, loadMs] = await (async () => {
    const start = performance.now();
    const loaded = await loadAgentItems(env, NOW);
    return [loaded, performance.now() - start] as const;
  })();
  if (items.length !== AGENTS) fail(`loaded ${items.length} agents, wrote ${AGENTS}`);
  if (items.filter((item) => item.completionIds.length > 0).length !== fixture.finished) {
    fail("unread projection does not match the finished runs");
  }
  report({
    bench: "ace",
    name: `Agents warm load from the index (${AGENTS} agents)`,
    value: loadMs,
    unit: "ms",
    metric: "wall",
  });
  const agentsBuild: number[] = [];
  let agents = withAgents(createAgentsState({ now: NOW }), items, NOW);
  for (let i = 0; i < SAMPLES; i++) {
    const [state, ms] = timed(() => withAgents(createAgentsState({ now: NOW }), items, NOW));
    const shown = state.panels.flatMap((panel) => panel.rows).filter((row) => row.kind === "agent");
    if (shown.length !== AGENTS) fail(`Agents rows show ${shown.length} of ${AGENTS} agents`);
    agents = state;
    agentsBuild.push(ms);
  }
  report({
    bench: "ace",
    name: `Agents rows build (${AGENTS.toLocaleString("en")} agents)`,
    value: median(agentsBuild),
    unit: "ms",
    goal: 50,
    metric: "wall",
  });
  const agentMoves: number[] = [];
  for (let i = 0; i < MOVES; i++) {
    const [next, ms] = timed(() => agentsKey(agents, "j")!.state);
    if (next.panels !== agents.panels && next.counts?.unread === agents.counts?.unread) {
      fail("an Agents j move rebuilt the rows without acknowledging an unread agent");
    }
    agents = next;
    agentMoves.push(ms);
  }
  report({
    bench: "ace",
    name: "Agents j move p95",
    value: p95(agentMoves),
    unit: "ms",
    goal: 0.5,
    metric: "wall",
  });
} finally {
  await Deno.remove(root, { recursive: true });
}
