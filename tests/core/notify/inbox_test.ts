import { join } from "node:path";
import { assertEquals, assertRejects } from "../../_helpers/assert.ts";
import { sandboxContext } from "../../_helpers/app.ts";
import { makeSandbox } from "../../_helpers/sandbox.ts";
import { SaseError } from "../../../core/errors.ts";
import { listInbox, postNotification, showNotification } from "../../../core/notify/inbox.ts";

Deno.test("the inbox services read the context's store and warn about skipped lines there", async () => {
  await using sb = await makeSandbox();
  const warnings: string[] = [];
  const app = sandboxContext(sb, { warnings });
  const store = join(sb.saseHome, "notifications", "notifications.jsonl");
  await Deno.mkdir(join(store, ".."), { recursive: true });
  await Deno.writeTextFile(
    store,
    [
      JSON.stringify({ id: "old", timestamp: "2026-01-01T00:00:00", sender: "a", notes: ["x"] }),
      "{not json\u001b]0;title\u0007",
      JSON.stringify({
        id: "gone",
        timestamp: "2026-01-03T00:00:00",
        sender: "a",
        notes: [],
        dismissed: true,
      }),
    ].join("\n") + "\n",
  );
  const posted = await postNotification(app, '{"sender":"me","notes":["Hi"]}', {
    tags: ["Review"],
    source: "stdin",
  });
  assertEquals(posted.sender, "me");
  assertEquals(posted.tags, ["review"]);
  // Newest first; dismissed hidden unless `all`.
  assertEquals((await listInbox(app)).map((record) => record.id), [posted.id, "old"]);
  assertEquals((await listInbox(app, { all: true, sender: "a" })).map((r) => r.id), [
    "gone",
    "old",
  ]);
  assertEquals((await showNotification(app, "gon")).id, "gone");
  // Each of the three reads reported the bad line 2 (its control characters made visible), nothing else.
  assertEquals(warnings.length, 3);
  for (const warning of warnings) {
    assertEquals(warning.startsWith(`${store}:2: skipped: `), true);
    assertEquals(warning.includes("\u001b") || warning.includes("\u0007"), false);
  }
  await assertRejects(
    () => showNotification(app, "nope"),
    SaseError,
    "no notification with id 'nope'",
  );
});
