/**
 * A separate process that hammers the notification store, for the
 * multi-process tests: `create <path> <worker> <count>` appends `count`
 * notifications; `churn <path> <rounds>` marks `rounds` distinct rows read
 * (and every third one dismissed), each a full rewrite racing the appends,
 * and prints how many rounds it made.
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
  // Each round marks one more unread row read (every third also dismisses it),
  // waiting for the creators when every row so far is read. The rounds are
  // counted and printed; a round that changed nothing, or a churn that cannot
  // finish within the deadline, fails the process loudly.
  const rounds = Number(rest[0]);
  const deadline = Date.now() + 120_000;
  let done = 0;
  while (done < rounds) {
    if (Date.now() > deadline) throw new Error(`churned only ${done} of ${rounds} rounds`);
    const { records } = await readNotifications(path);
    const unread = records.filter((record) => !record.read);
    if (unread.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      continue;
    }
    const target = unread[done % unread.length];
    if (!await markRead(path, target.id)) throw new Error(`round ${done}: ${target.id} unchanged`);
    if (done % 3 === 0 && !await dismiss(path, target.id)) {
      throw new Error(`round ${done}: ${target.id} not dismissed`);
    }
    done++;
  }
  console.log(JSON.stringify({ rounds: done }));
} else {
  throw new Error(`unknown mode ${mode}`);
}
