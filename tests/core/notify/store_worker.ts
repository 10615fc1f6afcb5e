/**
 * A separate process that hammers the notification store, for the
 * multi-process tests: `create <path> <worker> <count>` appends `count`
 * notifications; `churn <path> <rounds>` marks rows read and dismissed in
 * a loop (full rewrites racing the appends).
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
  for (let round = 0; round < Number(rest[0]); round++) {
    const { records } = await readNotifications(path);
    const target = records[round % Math.max(records.length, 1)];
    if (!target) continue;
    await markRead(path, target.id);
    if (round % 3 === 0) await dismiss(path, target.id);
  }
} else {
  throw new Error(`unknown mode ${mode}`);
}
