/**
 * Test helpers standing in for the other processes that share a bead store:
 * a temp store, and another writer appending events in place (no lock, no
 * cache), as the original or a hand edit would.
 *
 * @module
 */

import { join } from "node:path";
import { assert } from "../../_helpers/assert.ts";
import { buildEvent, type EventDraft } from "../../../core/bead/event.ts";
import { initStore } from "../../../core/bead/init.ts";
import { storePaths, streamPath } from "../../../core/bead/paths.ts";

/** A fresh store (issue prefix `t`) in a temp directory named from `tempPrefix`, removed on dispose. */
export async function tempStore(
  tempPrefix: string,
): Promise<{ dir: string; [Symbol.asyncDispose](): Promise<void> }> {
  const root = await Deno.makeTempDir({ prefix: tempPrefix });
  const dir = join(root, "beads");
  await initStore(dir, { prefix: "t", owner: "o@example.com", actor: "test" });
  return { dir, [Symbol.asyncDispose]: () => Deno.remove(root, { recursive: true }) };
}

/** Append `drafts` to the stream `streamId` in place from another process, as another writer would. */
export async function appendElsewhere(
  dir: string,
  streamId: string,
  drafts: EventDraft[],
): Promise<void> {
  const path = streamPath(storePaths(dir), streamId);
  let ordinal = 0;
  try {
    ordinal = (await Deno.readTextFile(path)).split("\n").filter((line) => line !== "").length;
  } catch {
    // a new stream
  }
  const text = drafts.map((draft) =>
    JSON.stringify(buildEvent(draft, streamId, ++ordinal, "2026-05-20T00:00:00Z", "elsewhere")) +
    "\n"
  ).join("");
  const output = await new Deno.Command(Deno.execPath(), {
    args: [
      "eval",
      "Deno.writeTextFileSync(Deno.args[0], Deno.args[1], { append: true })",
      path,
      text,
    ],
    env: { DENO_NO_UPDATE_CHECK: "1" },
  }).output();
  assert(output.success, new TextDecoder().decode(output.stderr));
}
