/**
 * A separate process that hammers the notification store, for the
 * multi-process tests: `create <path> <worker> <count>` appends `count`
 * notifications; `churn <path> <rounds>` marks rows read and dismissed
 * `rounds` times (full rewrites racing the appends).
 *
 * @module
 */

import { createNotification } from "../../../core/notify/create.ts";
import { dismiss, markRead, readNotifications } from "../../../core/notify/store.ts";

const [mode, path, ...rest] = Deno.args;
if (mode === "create") {
  const [worker, count] = rest;
  for (let index = 0; index < Number(count); index++) {
    await createNotification(path, {
      id: `w${worker}-${index}`,
      sender: `worker-${worker}`,
      notes: [`note ${index}`],
    });
  }
} else if (mode === "churn") {
  // Count only rounds that changed a row, so the churn always happens however
  // the scheduler orders the processes (an empty store early on is skipped).
  const rounds = Number(rest[0]);
  const deadline = Date.now() + 20_000;
  for (let round = 0; round < rounds && Date.now() < deadline;) {
    const { records } = await readNotifications(path);
    const target = records[round % Math.max(records.length, 1)];
    if (!target) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      continue;
    }
    await markRead(path, target.id);
    if (round % 3 === 0) await dismiss(path, target.id);
    round++;
  }
} else {
  throw new Error(`unknown mode ${mode}`);
}
