/**
 * Bead benchmark: 10,000 beads / 50,000 events generated in a temp dir.
 *
 * Prints one line per measurement: full replay, cold and warm
 * `sase bead ready` as whole processes, and create latency.
 * Run: `deno run -A scripts/bench/bead.ts`.
 *
 * @module
 */

import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildEvent, type EventDraft } from "../../core/bead/event.ts";
import { issueToRow, newIssue } from "../../core/bead/model.ts";
import { loadStore, manifestText, mutateStore } from "../../core/bead/store.ts";
import { planCreate } from "../../core/bead/mutate.ts";
import { formatBeadConfig } from "../../core/bead/config.ts";
import { storePaths, streamPath } from "../../core/bead/paths.ts";
import { STORE_GITIGNORE } from "../../core/bead/init.ts";

const PLANS = 2_000;
const PHASES_PER_PLAN = 4;
const MAIN = fileURLToPath(new URL("../../main.ts", import.meta.url));

function timestamp(second: number): string {
  return new Date(Date.UTC(2026, 0, 1) + second * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Write a store of PLANS x (1 + PHASES_PER_PLAN) beads with exactly 50,000 events. */
async function generate(dir: string): Promise<number> {
  const paths = storePaths(dir);
  await Deno.mkdir(paths.streamsDir, { recursive: true });
  let events = 0;
  let clock = 0;
  for (let p = 1; p <= PLANS; p++) {
    const root = `bench-${p}`;
    const drafts: EventDraft[] = [];
    const ids = [root, ...Array.from({ length: PHASES_PER_PLAN }, (_, i) => `${root}.${i + 1}`)];
    ids.forEach((id, index) => {
      const phase = index > 0;
      const issue = newIssue({
        id,
        title: `${phase ? "Phase" : "Plan"} ${id} of the benchmark`,
        issue_type: phase ? "phase" : "plan",
        tier: phase ? null : "epic",
        parent_id: phase ? root : null,
        design: phase ? "" : `sdd/epics/202601/${root}.md`,
        owner: "bench@example.com",
        created_by: "bench@example.com",
      });
      drafts.push({
        operation: "issue_created",
        issue_id: id,
        payload: { issue: issueToRow(issue) },
      });
      drafts.push({
        operation: "issue_updated",
        issue_id: id,
        payload: { fields: { description: `Description of ${id}\nwith a second line` } },
      });
      drafts.push({
        operation: "note_appended",
        issue_id: id,
        payload: { entry: `note on ${id}` },
      });
      if (index === 0) {
        drafts.push({
          operation: "note_appended",
          issue_id: id,
          payload: { entry: "second note" },
        });
      }
      if (index > 1) {
        drafts.push({
          operation: "dependency_added",
          issue_id: id,
          payload: {
            dependency: {
              issue_id: id,
              depends_on_id: ids[index - 1],
              created_at: "",
              created_by: "",
            },
          },
        });
      }
      if (index === 0) {
        drafts.push(
          p % 10 === 0 ? { operation: "ready_marked", issue_id: id, payload: {} } : {
            operation: "issue_updated",
            issue_id: id,
            payload: { fields: { model: "claude/opus" } },
          },
        );
      }
      drafts.push(
        p % 2 === 0
          ? { operation: "issue_closed", issue_id: id, payload: { close_reason: "done" } }
          : {
            operation: "issue_updated",
            issue_id: id,
            payload: { fields: { assignee: "agent" } },
          },
      );
    });
    const lines = drafts.map((draft, index) =>
      JSON.stringify(buildEvent(draft, root, index + 1, timestamp(clock++), "bench@example.com"))
    );
    events += lines.length;
    await Deno.writeTextFile(streamPath(paths, root), lines.join("\n") + "\n");
  }
  await Deno.writeTextFile(paths.manifest, manifestText(PLANS));
  await Deno.writeTextFile(
    paths.config,
    formatBeadConfig({
      issue_prefix: "bench",
      next_counter: PLANS + 1,
      owner: "bench@example.com",
    }),
  );
  await Deno.writeTextFile(paths.gitignore, STORE_GITIGNORE);
  return events;
}

async function runProcess(args: string[], env: Record<string, string>): Promise<number> {
  const start = performance.now();
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN, ...args],
    env: { DENO_NO_UPDATE_CHECK: "1", ...env },
    clearEnv: true,
    stdout: "null",
    stderr: "piped",
  }).output();
  const elapsed = performance.now() - start;
  if (!output.success) throw new Error(new TextDecoder().decode(output.stderr));
  return elapsed;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function report(label: string, ms: number, goal?: number): void {
  console.log(`bead: ${label}: ${ms.toFixed(1)} ms${goal ? ` (goal < ${goal} ms)` : ""}`);
}

const root = await Deno.makeTempDir({ prefix: "sase-bench-bead-" });
try {
  const dir = join(root, "beads");
  const eventCount = await generate(dir);
  const replays: number[] = [];
  let beads = 0;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    const store = await loadStore(dir);
    replays.push(performance.now() - start);
    beads = store.issues.length;
    if (store.problems.length > 0) throw new Error(`replay problems: ${store.problems[0].message}`);
  }
  report(`replay ${eventCount} events (${beads} beads)`, Math.min(...replays), 500);
  // Keep Deno's own module cache (DENO_DIR under the real HOME); isolate only sase's state.
  const env = {
    HOME: Deno.env.get("HOME") ?? root,
    PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
    SASE_HOME: join(root, ".sase"),
    XDG_CONFIG_HOME: join(root, ".config"),
    SASE_BEADS_DIR: dir,
    NO_COLOR: "1",
  };
  await runProcess(["--version"], env); // warm Deno's module cache, not ours
  report("cold `sase bead ready` (no beads.db)", await runProcess(["bead", "ready"], env));
  const warm: number[] = [];
  for (let i = 0; i < 5; i++) warm.push(await runProcess(["bead", "ready"], env));
  report("warm `sase bead ready` (whole process, median of 5)", median(warm), 60);
  const creates: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    await mutateStore(
      dir,
      { actor: "bench" },
      (ctx) =>
        planCreate(ctx, { title: `bench create ${i}`, type: { kind: "plan", file: "x.md" } }),
    );
    creates.push(performance.now() - start);
  }
  report("create latency in-process (median of 5)", median(creates));
  report(
    "`sase bead create` whole process",
    await runProcess(["bead", "create", "-t", "cli create", "-T", "plan(y.md)"], env),
  );
} finally {
  if (Deno.env.get("BEAD_BENCH_KEEP")) console.log(`bead: kept ${root}`);
  else await Deno.remove(root, { recursive: true });
}
