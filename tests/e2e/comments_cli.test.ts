/** `sase comments FILE`: mentor comments with their code, from the snapshot or the file on disk. */

import { assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { runSase } from "../_helpers/cli.ts";
import { makeSandbox } from "../_helpers/sandbox.ts";

const comment = (file: string, line: number, severity = "warning") => ({
  focus_name: "style",
  file_path: file,
  line_number: line,
  description: "Rename \x1b[31mx",
  severity,
});

Deno.test("comments: code around each line from the snapshot, else the file; -j; bad files", async () => {
  await using sb = await makeSandbox();
  const output = await sb.write(
    "m/feat--py--style--260101_120000.json",
    JSON.stringify({
      status: "COMMENTED",
      comments: [comment("a.py", 2), comment("b.py", 1, "error")],
    }),
  );
  await sb.write(
    "m/feat--py--style--260101_120000-files.json",
    JSON.stringify({ "a.py": "one\ntwo\nthree\nfour\n" }),
  );
  await sb.write("work/b.py", "disk line\nsecond\n");
  const text = await runSase(["comments", output, "-C", "1"], { env: sb.env, cwd: sb.cwd });
  assertEquals(text.code, 0, text.stderr);
  assertEquals(text.stdout.split("\n"), [
    "[warning] style  a.py:2",
    "  Rename ^[[31mx",
    "  1 | one",
    "> 2 | two",
    "  3 | three",
    "",
    "[error] style  b.py:1",
    "  Rename ^[[31mx",
    "> 1 | disk line",
    "  2 | second",
    "  (from the file on disk; no snapshot)",
    "",
  ]);
  const json = JSON.parse(
    (await runSase(["comments", output, "-j", "-C", "0"], { env: sb.env, cwd: sb.cwd })).stdout,
  );
  assertEquals(json[0].snippet, { start_line: 2, lines: ["two"] });
  assertEquals([json[0].source, json[1].source], ["snapshot", "file"]);
  const bad = await sb.write("m/bad.json", '{"x": 1}');
  const invalid = await runSase(["comments", bad], { env: sb.env, cwd: sb.cwd });
  assertEquals(invalid.code, 2);
  assertStringIncludes(invalid.stderr, `${bad}: the JSON object has no comments list`);
  const missing = await runSase(["comments", "nope.json"], { env: sb.env, cwd: sb.cwd });
  assertEquals(missing.code, 1);
  assertStringIncludes(missing.stderr, "no such file:");
});
