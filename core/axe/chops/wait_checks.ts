/**
 * `wait_checks` (handbook 5.4.2): for every parked `%wait` run, release it
 * — write `ready.json` into its artifact directory, which the run watches
 * for — once each name it
 * still waits for is satisfied: the newest agent of that name (or the
 * newest workflow run of that name and all of its step agents) ended with
 * `done.json` outcome `completed`. Anything else keeps it parked. The
 * decision is the agent runner's own (`dependencyState`), so the chop and
 * the waiting run never disagree.
 *
 * @module
 */

import { join } from "../../fs/path.ts";
import { atomicWriteJson } from "../../fs/atomic_write.ts";
import { dependencyState, READY_FILE } from "../../agent/run/wait.ts";
import { indexLocation, refreshIndex, withAgentIndex } from "../../agent/index/index_service.ts";
import type { BuiltinChop } from "./registry.ts";

const MAX_LISTED = 10;

const waitChecks: BuiltinChop = async ({ app, log }) => {
  const waiting = await withAgentIndex(indexLocation(app.env), async (index) => {
    await refreshIndex(index);
    return index.unsettledRuns()
      .map((run) => run.record)
      .filter((record) => !record.has_done && record.waiting_for.length > 0);
  });
  const released: string[] = [];
  const parked: string[] = [];
  let already = 0;
  for (const record of waiting) {
    const readyPath = join(record.dir, READY_FILE);
    if (await Deno.stat(readyPath).then(() => true, () => false)) {
      already++;
      continue;
    }
    const states = await Promise.all(
      record.waiting_for.map(async (name) => [name, await dependencyState(app.env, name)] as const),
    );
    const open = states.filter(([, state]) => state.kind !== "completed");
    const label = record.name ?? record.timestamp;
    if (open.length > 0) {
      parked.push(
        `${label} (${
          open.map(([name, state]) => `${name}: ${"reason" in state ? state.reason : state.kind}`)
            .join("; ")
        })`,
      );
      continue;
    }
    await atomicWriteJson(readyPath, {
      resolved_deps: record.waiting_for,
      resolved_at: app.now().toISOString(),
    });
    released.push(`${label} (waited on ${record.waiting_for.join(", ")})`);
  }
  await log(
    `wait_checks: inspected ${waiting.length} waiting run(s); released ${released.length}, ` +
      `still parked ${parked.length}, already released ${already}`,
  );
  if (waiting.length === 0) await log("no-op: no run is waiting on a dependency");
  for (const line of released.slice(0, MAX_LISTED)) await log(`released ${line}`);
  for (const line of parked.slice(0, MAX_LISTED)) await log(`parked ${line}`);
};

/** The chops of this module. */
export const chops: Record<string, BuiltinChop> = { wait_checks: waitChecks };
