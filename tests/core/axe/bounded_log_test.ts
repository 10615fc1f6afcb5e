import { join } from "node:path";
import { assertEquals, assertMatch } from "../../_helpers/assert.ts";
import { makeSandbox } from "../../_helpers/sandbox.ts";
import { BoundedLog, logTimestamp } from "../../../core/axe/bounded_log.ts";

Deno.test("a bounded log keeps its newest half, whole lines, once it would pass its limit", async () => {
  await using sb = await makeSandbox();
  const path = join(sb.root, "logs", "lj.log");
  const at = new Date(2026, 0, 2, 3, 4, 5);
  const log = new BoundedLog(path, 400, "lj");
  // Each line: "[2026-01-02 03:04:05] [lj] message NN\n" = 38 bytes.
  for (let n = 10; n < 30; n++) await log.line(`message ${n}`, at);
  const text = await Deno.readTextFile(path);
  const lines = text.trimEnd().split("\n");
  assertEquals(lines.at(-1), "[2026-01-02 03:04:05] [lj] message 29");
  assertEquals(lines.length < 20, true);
  // Never above the limit, and every line whole.
  assertEquals(new TextEncoder().encode(text).length <= 400, true);
  for (const line of lines) assertMatch(line, /^\[2026-01-02 03:04:05\] \[lj\] message \d\d$/);
  // Consecutive: nothing in the kept tail is lost.
  const numbers = lines.map((line) => Number(line.slice(-2)));
  assertEquals(numbers, numbers.map((_, i) => numbers[0] + i));
  // A fresh writer continues the same file.
  await new BoundedLog(path, 400, "lj").line("after restart", at);
  assertEquals(
    (await Deno.readTextFile(path)).trimEnd().split("\n").at(-1),
    "[2026-01-02 03:04:05] [lj] after restart",
  );
  assertEquals(logTimestamp(at), "2026-01-02 03:04:05");
});
