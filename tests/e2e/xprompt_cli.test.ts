import { assert, assertEquals, assertMatch, assertStringIncludes } from "../_helpers/assert.ts";
import { makeSandbox } from "../_helpers/sandbox.ts";
import { runSase } from "../_helpers/cli.ts";
import { fileURLToPath } from "node:url";

Deno.test("sase xprompt expand: argument, stdin, precedence and --trace naming the winning file", async () => {
  await using sb = await makeSandbox();
  await sb.write(
    "work/.xprompts/greet.md",
    "---\ninput:\n  user_name: word\n---\nHello, {{ user_name }}! (cwd)\n",
  );
  await sb.write("home/.xprompts/greet.md", "Hello from home {1}\n");
  await sb.write("home/.xprompts/only_home.md", "home wins over config");
  await sb.write(
    "home/.config/sase/sase.yml",
    'xprompts:\n  greet: "config {{ name }}"\n  only_home: config text\n  cfg:\n    input:\n      name: word\n      count: { type: int, default: 1 }\n    content: "Hello {{ name }}, count is {{ count }}"\nxprompt_aliases:\n  hi: cfg\n',
  );
  const run = (args: string[], stdin?: string) =>
    runSase(["xprompt", ...args], { env: sb.env, cwd: sb.cwd, stdin });
  const direct = await run(["expand", "#greet(Alice)"]);
  assertEquals([direct.code, direct.stdout], [0, "Hello, Alice! (cwd)\n"]);
  const piped = await run(["expand"], "#greet:Bob\n");
  assertEquals(piped.stdout, "Hello, Bob! (cwd)\n");
  assertEquals((await run(["expand", "-"], "#only_home")).stdout, "home wins over config\n");
  assertEquals(
    (await run(["expand", "#cfg(Bob, count=3) #hi(Al)"])).stdout,
    "Hello Bob, count is 3 Hello Al, count is 1\n",
  );
  const traced = await run(["expand", "--trace", "#greet(Alice)"]);
  assertStringIncludes(traced.stderr, "[round 0] #greet from ");
  assertStringIncludes(traced.stderr, "work/.xprompts/greet.md (.xprompts/ (cwd))");
  assertStringIncludes(traced.stderr, 'user_name="Alice"');
});

Deno.test("sase xprompt expand: errors name the xprompt, input and value; exit 1", async () => {
  await using sb = await makeSandbox();
  await sb.write(
    "work/xprompts/n.md",
    "---\ninput: { count: int }\n---\nN={{ count }} {{ missing }}",
  );
  const bad = await runSase(["xprompt", "expand", "#n(abc)"], { env: sb.env, cwd: sb.cwd });
  assertEquals(bad.code, 1);
  assertMatch(bad.stderr, /error: xprompt '#n' input 'count': invalid value 'abc'/);
  const undef = await runSase(["xprompt", "expand", "#n(3)"], { env: sb.env, cwd: sb.cwd });
  assertMatch(
    undef.stderr,
    /error: xprompt '#n' \(.*n\.md\) template error: 'missing' is undefined/,
  );
  await sb.write("work/xprompts/a.md", "#b");
  await sb.write("work/xprompts/b.md", "#a");
  const cycle = await runSase(["xprompt", "expand", "go #a"], { env: sb.env, cwd: sb.cwd });
  assertMatch(cycle.stderr, /cycle: #a → #b → #a/);
});

Deno.test("sase xprompt list (and bare sase xprompt): JSON catalog incl. bundled entries", async () => {
  await using sb = await makeSandbox();
  await sb.write(
    "work/.xprompts/mine.md",
    "---\ndescription: Mine.\ntags: crs\ninput: { who: word }\n---\nhi {{ who }}",
  );
  await sb.write(
    "work/xprompts/flow.yml",
    "description: A flow.\nsteps:\n  - name: a\n    bash: echo hi\n",
  );
  for (const args of [["xprompt", "list"], ["xprompt"]]) {
    const result = await runSase(args, { env: sb.env, cwd: sb.cwd });
    assertEquals(result.code, 0, result.stderr);
    const entries = JSON.parse(result.stdout) as Record<string, unknown>[];
    const mine = entries.find((entry) => entry.name === "mine")!;
    assertEquals([mine.insertion, mine.type, mine.tags, mine.is_skill], ["#mine", "xprompt", [
      "crs",
    ], false]);
    assertEquals((mine.inputs as { name: string }[])[0].name, "who");
    const flow = entries.find((entry) => entry.name === "flow")!;
    assertEquals([flow.insertion, flow.kind, flow.type], ["#!flow", "workflow", "workflow"]);
    const names = entries.map((entry) => entry.name);
    for (
      const bundled of [
        "commit",
        "propose",
        "research",
        "bd/new_epic",
        "bd/work_phase_bead",
        "sase_plan",
      ]
    ) {
      assert(names.includes(bundled), `bundled ${bundled} listed`);
    }
    assertEquals(entries.find((entry) => entry.name === "sase_questions")?.is_skill, true);
  }
});

Deno.test("sase xprompt explain shows source, inputs and the rendered body", async () => {
  await using sb = await makeSandbox();
  const result = await runSase(["xprompt", "explain", "bd/work_phase_bead", "sase-7"], {
    env: sb.env,
    cwd: sb.cwd,
  });
  assertEquals(result.code, 0, result.stderr);
  assertStringIncludes(result.stdout, "tags:        work_phase_bead");
  assertStringIncludes(result.stdout, 'bead_id: word = "sase-7"');
  assertStringIncludes(result.stdout, "sase bead show sase-7");
  const missing = await runSase(["xprompt", "explain", "nope"], { env: sb.env, cwd: sb.cwd });
  assertEquals(missing.code, 1);
  assertStringIncludes(missing.stderr, "no xprompt or workflow named 'nope'");
});

Deno.test("sase xprompt expand warns on stderr about an unknown #name(...) and still prints the text", async () => {
  await using sb = await makeSandbox();
  await sb.write("work/.xprompts/greet.md", "---\ninput: { who: word }\n---\nHi {{ who }}");
  const run = (args: string[], stdin?: string) =>
    runSase(["xprompt", ...args], { env: sb.env, cwd: sb.cwd, stdin });
  const result = await run(["expand", "#gret(Bob) then #greet(Al), #nope, #gret(Bob) #gh:x"]);
  assertEquals(result.code, 0, result.stderr);
  assertEquals(result.stdout, "#gret(Bob) then Hi Al, #nope, #gret(Bob) #gh:x\n");
  // Once per distinct call; bare #words (hashtags, issue refs) are not calls and stay quiet.
  assertEquals(
    result.stderr,
    "warning: #gret(Bob): no xprompt named 'gret'; left as written (see `sase xprompt list`)\n",
  );
  const clean = await run(["expand", "#greet(Al) #nope"]);
  assertEquals([clean.code, clean.stderr], [0, ""]);
});

Deno.test("sase xprompt expand: an empty or extra argument is an error naming the input", async () => {
  await using sb = await makeSandbox();
  await sb.write(
    "work/.xprompts/pair.md",
    "---\ninput: { a: word, b: word }\n---\n{{ a }}+{{ b }}",
  );
  const run = (prompt: string) =>
    runSase(["xprompt", "expand", prompt], { env: sb.env, cwd: sb.cwd });
  const empty = await run("#pair(x,,y)");
  assertEquals(empty.code, 1);
  assertStringIncludes(
    empty.stderr,
    "error: xprompt '#pair' takes at most 2 positional arguments (a, b) but 3 were given",
  );
  const blank = await run("#pair(x,)");
  assertEquals(blank.code, 1);
  assertStringIncludes(blank.stderr, "error: xprompt '#pair' input 'b' (argument 2) is empty");
  assertStringIncludes(blank.stderr, 'hint: write "" for an empty value');
  assertEquals((await run("#pair(x, y)")).stdout, "x+y\n");
});

Deno.test("sase xprompt list -j prints the catalog with snake_case keys; bad files warn inert", async () => {
  await using sb = await makeSandbox();
  await sb.write("work/.xprompts/one.md", "---\ninput: { who: word }\n---\nHi");
  await sb.write("work/.xprompts/bad.md", "---\ndescription: *t\x1b]0;x\x07\n---\nbody");
  const plain = await runSase(["xprompt", "list"], { env: sb.env, cwd: sb.cwd });
  const json = await runSase(["xprompt", "list", "-j"], { env: sb.env, cwd: sb.cwd });
  assertEquals(json.code, 0, json.stderr);
  assertEquals(json.stdout, plain.stdout);
  const entries: Record<string, unknown>[] = JSON.parse(json.stdout);
  const one = entries.find((entry) => entry.name === "one")!;
  assertEquals(one.insertion, "#one");
  const keys = entries.flatMap((entry) => [
    ...Object.keys(entry),
    ...(entry.inputs as Record<string, unknown>[]).flatMap(Object.keys),
  ]);
  for (const key of new Set(keys)) assert(/^[a-z][a-z0-9_]*$/.test(key), key);
  assertStringIncludes(json.stderr, "bad.md:");
  assertEquals(json.stderr.includes("\x1b"), false, json.stderr);
});

Deno.test("sase xprompt explain neutralises control sequences from the xprompt file", async () => {
  await using sb = await makeSandbox();
  await sb.write(
    "work/.xprompts/t.md",
    '---\ndescription: "Title\\e]0;pwned\\a"\n---\nBody \x1b]52;c;aGk=\x07 end',
  );
  const result = await runSase(["xprompt", "explain", "t"], { env: sb.env, cwd: sb.cwd });
  assertEquals(result.code, 0, result.stderr);
  assertStringIncludes(result.stdout, "description: Title^[]0;pwned^G");
  assertStringIncludes(result.stdout, "Body ^[]52;c;aGk=^G end");
  assertEquals(result.stdout.includes("\x1b"), false);
});

Deno.test("sase xprompt expand reads at most 16 MiB from stdin", async () => {
  await using sb = await makeSandbox();
  const main = fileURLToPath(new URL("../../main.ts", import.meta.url));
  const output = await new Deno.Command("sh", {
    args: ["-c", `yes '#x' | "$0" run -A "$1" xprompt expand`, Deno.execPath(), main],
    env: { DENO_NO_UPDATE_CHECK: "1", ...sb.env },
    clearEnv: true,
    cwd: sb.cwd,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(output.stderr);
  assertEquals(output.code, 1, stderr);
  assertStringIncludes(stderr, "error: stdin: larger than 16 MiB, the most sase reads from it");
  assertEquals(output.stdout.length, 0);
});
