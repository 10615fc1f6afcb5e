/**
 * `sase notify` against bad and hostile input: endless stdin, a directory or
 * an endless device where a file is expected, invalid timestamps, and text
 * carrying terminal control sequences.
 */
import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { makeSandbox, type Sandbox } from "../_helpers/sandbox.ts";
import { runSase } from "../_helpers/cli.ts";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { controlCharacter } from "../_helpers/controls.ts";

const MAIN = fileURLToPath(new URL("../../main.ts", import.meta.url));

function storePath(sb: Sandbox): string {
  return join(sb.saseHome, "notifications", "notifications.jsonl");
}

function sase(sb: Sandbox, args: string[], stdin?: string) {
  return runSase(args, { env: sb.env, cwd: sb.cwd, stdin });
}

function noInternalError(stderr: string): void {
  assertEquals(stderr.includes("report it"), false, stderr);
  assertEquals(stderr.includes("call stack"), false, stderr);
}

Deno.test("`yes | sase notify create` stops at the input limit with a clear error", async () => {
  await using sb = await makeSandbox();
  const shell = new Deno.Command("sh", {
    args: [
      "-c",
      `yes | "$0" run -A --unstable-worker-options "$1" notify create`,
      Deno.execPath(),
      MAIN,
    ],
    env: { DENO_NO_UPDATE_CHECK: "1", ...sb.env },
    clearEnv: true,
    cwd: sb.cwd,
    stdout: "piped",
    stderr: "piped",
  });
  const output = await shell.output();
  const stderr = new TextDecoder().decode(output.stderr);
  assertEquals(output.code, 1, stderr);
  assertStringIncludes(stderr, "error: stdin: larger than 16 MiB, the most sase reads from it");
  noInternalError(stderr);
  assertEquals(await Deno.stat(storePath(sb)).then(() => true, () => false), false);
});

Deno.test("--file naming a directory, and a store that is a directory or /dev/zero, are named errors", async () => {
  await using sb = await makeSandbox();
  const created = await sase(sb, ["notify", "create", "--file", sb.cwd]);
  assertEquals(created.code, 1);
  assertStringIncludes(created.stderr, `error: ${sb.cwd}: is a directory, expected a file`);
  noInternalError(created.stderr);

  await Deno.mkdir(join(sb.saseHome, "notifications"), { recursive: true });
  await Deno.symlink("/dev/zero", storePath(sb));
  const zero = await sase(sb, ["notify", "list"]);
  assertEquals(zero.code, 1, zero.stderr);
  assertStringIncludes(zero.stderr, `error: ${storePath(sb)}: larger than 512 MiB`);
  noInternalError(zero.stderr);

  await Deno.remove(storePath(sb));
  await Deno.mkdir(storePath(sb));
  const dir = await sase(sb, ["notify", "show", "x"]);
  assertEquals(dir.code, 1);
  assertStringIncludes(dir.stderr, `error: ${storePath(sb)}: is a directory, expected a file`);
});

Deno.test("notify create refuses an invalid timestamp naming the field, and writes nothing", async () => {
  await using sb = await makeSandbox();
  const first = await sase(sb, ["notify", "create"], '{"sender":"a","notes":["kept"]}');
  assertEquals(first.code, 0, first.stderr);
  const before = await Deno.readFile(storePath(sb));
  for (
    const [field, value] of [["timestamp", "yesterday"], ["snooze_until", "2026-13-01T00:00:00Z"]]
  ) {
    const result = await sase(
      sb,
      ["notify", "create"],
      JSON.stringify({ sender: "b", [field]: value }),
    );
    assertEquals(result.code, 1);
    assertStringIncludes(
      result.stderr,
      `error: notification stdin: field '${field}' is not an ISO-8601 timestamp: '${value}'`,
    );
    assertEquals(await Deno.readFile(storePath(sb)), before, "the store is unchanged");
  }
});

Deno.test("notify list and show neutralise control sequences; -j keeps the exact text", async () => {
  await using sb = await makeSandbox();
  const osc = "\x1b]0;pwned\x07";
  const clip = "\x1b]52;c;aGk=\x07";
  const input = {
    id: "n1",
    sender: `bot${osc}`,
    notes: [`hello${clip}`, "two\nlines"],
    tags: [`t${osc}`],
  };
  const created = await sase(sb, ["notify", "create"], JSON.stringify(input));
  assertEquals(created.code, 0, created.stderr);
  // A line another tool wrote that we cannot parse: its warning quotes it inert.
  await Deno.writeTextFile(storePath(sb), `{"bad": ${osc}\n`, { append: true });

  const list = await sase(sb, ["notify", "list"]);
  assertEquals(list.code, 0, list.stderr);
  for (const text of [list.stdout, list.stderr]) {
    assertEquals(controlCharacter(text), undefined, JSON.stringify(text));
  }
  assertStringIncludes(list.stdout, "bot^[]0;pwned^G");
  assertStringIncludes(list.stdout, "hello^[]52;c;aGk=^G | two^Jlines");
  assertStringIncludes(list.stderr, `warning: ${storePath(sb)}:2: skipped: invalid JSON`);

  const show = await sase(sb, ["notify", "show", "n1"]);
  assertEquals(show.code, 0, show.stderr);
  assertEquals(controlCharacter(show.stdout), undefined, JSON.stringify(show.stdout));
  assertStringIncludes(show.stdout, "- sender: `bot^[]0;pwned^G`");
  assertStringIncludes(show.stdout, "  - two^Jlines");

  const json = await sase(sb, ["notify", "list", "-j"]);
  const [row] = JSON.parse(json.stdout);
  assertEquals([row.sender, row.notes, row.tags], [input.sender, input.notes, input.tags]);
  // -j keys are snake_case.
  for (const key of Object.keys(row)) assert(/^[a-z][a-z0-9_]*$/.test(key), key);
  const shown = JSON.parse((await sase(sb, ["notify", "show", "n1", "-f", "json"])).stdout);
  assertEquals(shown.sender, input.sender);
});
