import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { makeSandbox, type Sandbox } from "../_helpers/sandbox.ts";
import { type CliResult, runSase } from "../_helpers/cli.ts";
import { join } from "node:path";
import { upstreamFixture } from "../_helpers/fixtures.ts";

const CONTRACT = upstreamFixture("notifications/store_contract.jsonl");

function storePath(sb: Sandbox): string {
  return join(sb.saseHome, "notifications", "notifications.jsonl");
}

function sase(sb: Sandbox, args: string[], stdin?: string) {
  return runSase(args, { env: sb.env, cwd: sb.cwd, stdin });
}

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

Deno.test("create each upstream contract record, then list -j returns every field intact", async () => {
  await using sb = await makeSandbox();
  const lines = (await Deno.readTextFile(CONTRACT)).split("\n").filter((line) => line.trim());
  const results: CliResult[] = [];
  // Small batches: real processes, without flooding the shared CPUs.
  for (let start = 0; start < lines.length; start += 4) {
    const batch = lines.slice(start, start + 4);
    results.push(...await Promise.all(batch.map((line) => sase(sb, ["notify", "create"], line))));
  }
  const valid: Record<string, unknown>[] = [];
  lines.forEach((line, index) => {
    const result = results[index];
    let record: Record<string, unknown> | undefined;
    try {
      record = JSON.parse(line);
    } catch {
      assertEquals(result.code, 1, "bad JSON is refused");
      assertStringIncludes(result.stderr, "error: notification stdin is not valid JSON");
      return;
    }
    if (!record!.sender) {
      assertEquals(result.code, 1, "a record without sender is refused");
      assertStringIncludes(result.stderr, "field 'sender' is required");
      return;
    }
    assertEquals(result.code, 0, result.stderr);
    assertEquals(result.stdout.trim(), record!.id, "create prints the id");
    valid.push(record!);
  });
  assertEquals(valid.length, 13);

  const all = await sase(sb, ["notify", "list", "-j", "-a"]);
  assertEquals(all.code, 0, all.stderr);
  assert(!all.stderr.includes("warning:"), "no skipped lines: nothing bad was written");
  const rows: Record<string, unknown>[] = JSON.parse(all.stdout);
  assertEquals(rows.length, 13);
  for (const record of valid) {
    const row = rows.find((candidate) => candidate.id === record.id);
    assert(row, `row ${record.id} listed`);
    for (const [key, value] of Object.entries(record)) {
      assertEquals(row[key], value, `${record.id}.${key}`);
    }
    for (const key of ["age", "priority", "notes", "files", "tags", "action", "action_data"]) {
      assert(key in row, `${record.id} has ${key}`);
    }
  }
  const visible: { id: string }[] = JSON.parse((await sase(sb, ["notify", "list", "-j"])).stdout);
  assertEquals(visible.length, 12);
  assert(!visible.some((row) => row.id === "dismissed-row"), "dismissed hidden without -a");
});

Deno.test("bad JSON or a bad field: exit 1, clear message, nothing written", async () => {
  await using sb = await makeSandbox();
  const cases: [string, string][] = [
    ["{not json", "is not valid JSON"],
    ['{"sender": "t", "notes": "hello"}', "field 'notes'"],
    ['{"sender": "t", "muted": "yes"}', "field 'muted'"],
    ["", "is empty"],
  ];
  for (const [input, message] of cases) {
    const result = await sase(sb, ["notify", "create"], input);
    assertEquals(result.code, 1, input);
    assertStringIncludes(result.stderr, message);
    assert(!result.stderr.includes("    at "), "no stack trace");
  }
  assertEquals(await exists(storePath(sb)), false);
});

Deno.test("handbook example: tags normalized, filters, show in markdown and json", async () => {
  await using sb = await makeSandbox();
  const created = await sase(
    sb,
    ["notify", "create", "-t", "handoff"],
    '{"sender":"t","notes":["Hello"],"tags":[" Review ","review",""]}',
  );
  assertEquals(created.code, 0, created.stderr);
  const id = created.stdout.trim();
  const file = await sb.write("input.json", '{"sender": "ignored", "notes": ["from a file"]}');
  const fromFile = await sase(sb, ["notify", "create", "--file", file, "-s", "axe"]);
  assertEquals(fromFile.code, 0, fromFile.stderr);

  const byTag = JSON.parse((await sase(sb, ["notify", "list", "-j", "--tag", "review"])).stdout);
  assertEquals(byTag.map((row: { id: string }) => row.id), [id]);
  assertEquals(byTag[0].tags, ["review", "handoff"]);
  assertEquals([byTag[0].read, byTag[0].dismissed], [false, false]);
  const byQuery = JSON.parse((await sase(sb, ["notify", "list", "-j", "-q", "HANDOFF"])).stdout);
  assertEquals(byQuery.length, 1);
  const bySender = JSON.parse((await sase(sb, ["notify", "list", "-j", "-s", "axe"])).stdout);
  assertEquals(bySender[0].notes, ["from a file"]);
  assertEquals(bySender[0].priority, true, "a non-error axe row is priority");

  const bare = await sase(sb, ["notify", "-s", "axe"]);
  assertEquals(bare.code, 0, bare.stderr);
  assertStringIncludes(bare.stdout, "Notifications (1)");
  assertStringIncludes(bare.stdout, "from a file");
  const bareTag = await sase(sb, ["notify", "--tag", "handoff"]);
  assertStringIncludes(bareTag.stdout, id);
  assert(!bareTag.stdout.includes("from a file"));

  const markdown = await sase(sb, ["notify", "show", "--id", id]);
  assertEquals(markdown.code, 0, markdown.stderr);
  assertStringIncludes(markdown.stdout, `# Notification ${id}`);
  assertStringIncludes(markdown.stdout, "- tags: `review`, `handoff`");
  const json = JSON.parse((await sase(sb, ["notify", "show", id, "-f", "json"])).stdout);
  assertEquals(json.id, id);
  assertEquals(json.notes, ["Hello"]);
  const missing = await sase(sb, ["notify", "show", "-i", "nope"]);
  assertEquals(missing.code, 1);
  assertStringIncludes(missing.stderr, "error: no notification with id 'nope'");
});
