import { SaseError } from "../../../core/errors.ts";
import {
  assert,
  assertEquals,
  assertMatch,
  assertRejects,
  assertThrows,
} from "../../_helpers/assert.ts";
import { makeSandbox } from "../../_helpers/sandbox.ts";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promptHash, promptId } from "../../../core/xprompt/history/model.ts";
import {
  matchSelector,
  mutateHistory,
  readHistory,
  recordPrompt,
  resolveSelector,
} from "../../../core/xprompt/history/store.ts";
import { parseDateBound } from "../../../core/xprompt/history/query.ts";

Deno.test("ids are ph_ + sha256[:12] of the exact text; selectors", () => {
  const text = "Fix the login bug";
  // The digest written out, computed outside sase: printf '%s' 'Fix the login bug' | sha256sum
  const digest = "257cb1465b1934ff412a869abf973beca8285a9cfbbb8eafcfa9271e9565290c";
  assertEquals(promptHash(text), digest);
  assertEquals(promptId(text), "ph_257cb1465b19");
  assertEquals(promptId(text), promptId("Fix the login bug"));
  assert(promptId(text) !== promptId("Fix the login bug "));
  const entries = [text, "another prompt here"].map((t) => ({
    text: t,
    timestamp: "260101_000000",
    last_used: "260101_000000",
    branch_or_workspace: "x",
    workspace: "x",
    cancelled: false,
    use_count: 1,
  }));
  assertEquals(resolveSelector(entries, "ph_257cb1465b19").text, text);
  assertEquals(resolveSelector(entries, "257cb1").text, text);
  assertEquals(resolveSelector(entries, `sha256:${digest}`).text, text);
  assertEquals(matchSelector(entries, "zz"), []);
  assertMatch(
    assertThrows(() => resolveSelector(entries, "ph_000000000000"), SaseError).message,
    /no prompt matches/,
  );
});

Deno.test("record: short prompts skipped, repeats update, cancelled kept and revived", async () => {
  await using sb = await makeSandbox();
  const path = join(sb.saseHome, "prompt_history.json");
  assertEquals(await recordPrompt(path, "hello"), undefined);
  const id = await recordPrompt(path, "two words", { cancelled: true });
  await recordPrompt(path, "two words");
  const read = await readHistory(path);
  assertEquals(read.entries.length, 1);
  assertEquals([
    read.entries[0].cancelled,
    read.entries[0].use_count,
    read.entries[0].text,
  ], [false, 2, "two words"]);
  // printf '%s' 'two words' | sha256sum → a03f1d611645...
  assertEquals(id, "ph_a03f1d611645");
  const raw = JSON.parse(await Deno.readTextFile(path));
  assert(Array.isArray(raw.prompts) && raw.prompts[0].text === "two words");
});

Deno.test("a corrupt store is never rewritten", async () => {
  await using sb = await makeSandbox();
  const path = await sb.write("home/.sase/prompt_history.json", "{not json");
  const error = await assertRejects(() => recordPrompt(path, "some prompt text"), SaseError);
  assertMatch(error.message, /invalid JSON/);
  assertEquals(await Deno.readTextFile(path), "{not json");
  await assertRejects(() => mutateHistory(path, (entries) => ({ entries, result: 0 })), SaseError);
});

Deno.test("readHistory names why a store is unusable: invalid JSON or no prompts list", async () => {
  await using sb = await makeSandbox();
  const path = await sb.write("home/.sase/prompt_history.json", "{not json");
  const broken = await readHistory(path);
  assertEquals([broken.exists, broken.entries, broken.sizeBytes], [true, [], 9]);
  assertMatch(broken.corrupt ?? "", new RegExp(`^${path}: invalid JSON: `));
  await Deno.writeTextFile(path, '{"prompts": {}}');
  const noList = await readHistory(path);
  assertEquals([noList.corrupt, noList.entries, noList.invalid, noList.sizeBytes], [
    `${path}: missing 'prompts' list`,
    [],
    0,
    15,
  ]);
});

Deno.test("dates: absolute, month, sase and relative forms", () => {
  assertEquals(parseDateBound("2026-06-01"), "260601_000000");
  assertEquals(parseDateBound("202606"), "260601_000000");
  assertEquals(parseDateBound("260601"), "260601_000000");
  assertEquals(parseDateBound("260601_143000"), "260601_143000");
  assertEquals(parseDateBound("30d", new Date(2026, 5, 30, 12, 0, 0)), "260531_120000");
  assertThrows(() => parseDateBound("yesterday"), SaseError);
});

Deno.test("8 processes recording at once: every prompt stored exactly once", async () => {
  await using sb = await makeSandbox();
  const path = join(sb.saseHome, "prompt_history.json");
  const worker = fileURLToPath(new URL("./_record_worker.ts", import.meta.url));
  const children = Array.from({ length: 8 }, (_v, i) =>
    new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", worker, path, String(i), "15"],
      env: { DENO_DIR: sb.env.DENO_DIR, DENO_NO_UPDATE_CHECK: "1" },
      stdout: "null",
      stderr: "piped",
    }).output());
  for (const result of await Promise.all(children)) {
    assertEquals(result.code, 0, new TextDecoder().decode(result.stderr));
  }
  const texts = (await readHistory(path)).entries.map((entry) => entry.text);
  assertEquals(texts.length, 8 * 15);
  assertEquals(new Set(texts).size, 8 * 15);
});
