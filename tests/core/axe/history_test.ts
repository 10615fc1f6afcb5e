import { join } from "node:path";
import { assertEquals } from "../../_helpers/assert.ts";
import { makeSandbox } from "../../_helpers/sandbox.ts";
import {
  type ChopRunEntry,
  MAX_CHOP_RUN_HISTORY,
  newRunId,
  readRunIndex,
  writeRun,
} from "../../../core/axe/history.ts";

function entry(runId: string, status: ChopRunEntry["status"]): ChopRunEntry {
  return {
    run_id: runId,
    lumberjack_name: "lj",
    chop_name: "c",
    status,
    started_at: "2026-01-01T00:00:00.000Z",
    finished_at: status === "running" ? null : "2026-01-01T00:00:01.000Z",
    duration_ms: 0,
    exit_code: null,
    pid: null,
    agent_pid: null,
    source: "scheduled",
    started_by: "test",
    output_bytes: 0,
    error: null,
  };
}

Deno.test("run ids sort in creation order, even within one millisecond", () => {
  const now = new Date("2026-03-04T05:06:07.890Z");
  const ids = Array.from({ length: 50 }, () => newRunId(now));
  assertEquals([...ids].sort(), ids);
  assertEquals(new Set(ids).size, 50);
  assertEquals(/^20260304_050607_\d{6}$/.test(ids[0]), true);
});

Deno.test("pruning keeps the newest ten finished runs and every running one", async () => {
  await using sb = await makeSandbox();
  const ids = Array.from(
    { length: 13 },
    (_, index) => `20260101_000000_${String(index).padStart(6, "0")}`,
  );
  // The oldest run is still running; twelve finished ones follow.
  await writeRun(sb.env, entry(ids[0], "running"));
  for (const id of ids.slice(1)) await writeRun(sb.env, entry(id, "success"));
  const kept = await readRunIndex(sb.env, "lj", "c");
  assertEquals(MAX_CHOP_RUN_HISTORY, 10);
  assertEquals(kept, [...ids.slice(3)].reverse().concat(ids[0]));
  const runs = join(sb.saseHome, "axe", "lumberjacks", "lj", "chops", "c", "runs");
  const files = [...Deno.readDirSync(runs)].map((e) => e.name).sort();
  assertEquals(files, [ids[0], ...ids.slice(3)].map((id) => `${id}.json`).sort());
  // Once it finishes, it is the oldest finished run and goes.
  await writeRun(sb.env, entry(ids[0], "failure"));
  assertEquals(await readRunIndex(sb.env, "lj", "c"), [...ids.slice(3)].reverse());
});
