/**
 * Test helper process: records `count` prompts into a history store.
 * Usage: deno run -A _record_worker.ts <store> <worker> <count>
 *
 * @module
 */

import { recordPrompt } from "../../../core/xprompt/history/store.ts";

const [path, worker, count] = Deno.args;
for (let i = 0; i < Number(count); i++) {
  await recordPrompt(path, `worker ${worker} prompt number ${i}`);
}
