import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { makeSandbox } from "../_helpers/sandbox.ts";
import { runSase } from "../_helpers/cli.ts";
import denoConfig from "../../deno.json" with { type: "json" };

Deno.test("--version and --help exit 0; help lists every registered group", async () => {
  await using sb = await makeSandbox();
  const version = await runSase(["--version"], { env: sb.env });
  assertEquals(version.code, 0);
  assertEquals(version.stdout.trim(), denoConfig.version);
  const help = await runSase(["--help"], { env: sb.env });
  assertEquals(help.code, 0);
  for (const group of ["config", "doctor", "path"]) assertStringIncludes(help.stdout, group);
});

Deno.test("unknown commands and options are usage errors (exit 2) with a suggestion and a hint", async () => {
  await using sb = await makeSandbox();
  const unknown = await runSase(["doctr"], { env: sb.env });
  assertEquals([unknown.code, unknown.stdout], [2, ""]);
  assertEquals(
    unknown.stderr,
    "error: unknown command 'doctr'\n(Did you mean doctor?)\nhint: run `sase --help` for usage\n",
  );
  const option = await runSase(["doctor", "--bogus"], { env: sb.env });
  assertEquals([option.code, option.stdout], [2, ""]);
  assertEquals(
    option.stderr,
    "error: unknown option '--bogus'\nhint: run `sase doctor --help` for usage\n",
  );
  const nested = await runSase(["changespec", "nosuch"], { env: sb.env });
  assertEquals(nested.code, 2);
  assertEquals(
    nested.stderr,
    "error: unknown command 'nosuch'\nhint: run `sase changespec --help` for usage\n",
  );
});

Deno.test("every usage error ends with a hint naming the help of the command at fault", async () => {
  await using sb = await makeSandbox();
  const cases: [string[], string, string][] = [
    // commander: a missing argument, too many arguments (also in a nested group)
    [["changespec", "show"], "error: missing required argument 'name'", "sase changespec show"],
    [["doctor", "extra"], "error: too many arguments for 'doctor'.", "sase doctor"],
    [
      ["project", "alias", "add", "p", "a", "b"],
      "error: too many arguments for 'add'.",
      "sase project alias add",
    ],
    // a usage error raised by sase itself, without a hint of its own
    [
      ["prompt", "list", "-l", "x"],
      "error: expected a non-negative integer, got 'x'",
      "sase prompt list",
    ],
  ];
  for (const [args, error, command] of cases) {
    const result = await runSase(args, { env: sb.env, cwd: sb.cwd });
    assertEquals(result.code, 2, args.join(" "));
    const lines = result.stderr.trimEnd().split("\n");
    assertStringIncludes(lines[0], error);
    assertEquals(lines.at(-1), `hint: run \`${command} --help\` for usage`);
  }
  // A group that has no default command, invoked bare, shows its commands.
  const bare = await runSase(["changespec"], { env: sb.env });
  assertEquals(bare.code, 2);
  assertStringIncludes(bare.stderr, "Usage: sase changespec [options] [command]");
  assert(bare.stderr.endsWith("hint: name one of the commands listed above\n"), bare.stderr);
  // The quick `sase run` path has no command tree but still names run's help,
  // as commander's path does for the same mistake.
  for (const args of [["run", ""], ["run", "-j", ""]]) {
    const empty = await runSase(args, { env: sb.env, cwd: sb.cwd });
    assertEquals([empty.code, empty.stderr], [
      2,
      "error: the prompt is empty\nhint: run `sase run --help` for usage\n",
    ]);
  }
});

Deno.test("sase help TOPIC... prints that command's help; an unknown topic is a usage error", async () => {
  await using sb = await makeSandbox();
  const root = await runSase(["help"], { env: sb.env });
  assertEquals(root.code, 0);
  assertStringIncludes(root.stdout, "Usage: sase [options] [command]");
  const doctor = await runSase(["help", "doctor"], { env: sb.env });
  assertEquals([doctor.code, doctor.stderr], [0, ""]);
  assert(doctor.stdout.startsWith("Usage: sase doctor [options]\n"), doctor.stdout);
  const nested = await runSase(["help", "project", "alias", "add"], { env: sb.env });
  assertEquals(nested.code, 0);
  assert(nested.stdout.startsWith("Usage: sase project alias add [options] <project> <alias>\n"));
  const unknown = await runSase(["help", "nosuch"], { env: sb.env });
  assertEquals([unknown.code, unknown.stdout], [2, ""]);
  assertEquals(
    unknown.stderr,
    "error: unknown command 'nosuch'\nhint: run `sase --help` to see its commands\n",
  );
  const deeper = await runSase(["help", "project", "nosuch"], { env: sb.env });
  assertEquals([deeper.code, deeper.stdout], [2, ""]);
  assertEquals(
    deeper.stderr,
    "error: unknown command 'project nosuch'\nhint: run `sase project --help` to see its commands\n",
  );
});

Deno.test("a SaseError prints error + hint, no stack trace unless SASE_DEBUG=1", async () => {
  await using sb = await makeSandbox();
  const plain = await runSase(["path", "nope"], { env: sb.env });
  assertEquals(plain.code, 2);
  assertStringIncludes(plain.stderr, "error: unknown path name 'nope'\nhint: known names:");
  assertEquals(plain.stderr.includes(" at "), false);
  const debug = await runSase(["path", "nope"], { env: { ...sb.env, SASE_DEBUG: "1" } });
  assertStringIncludes(debug.stderr, "SaseError");
});

Deno.test("sase path prints sandboxed locations; SASE_HOME moves the state root", async () => {
  await using sb = await makeSandbox();
  const json = JSON.parse((await runSase(["path", "-j"], { env: sb.env })).stdout);
  assertEquals(json["state-root"], sb.saseHome);
  const moved = await runSase(["path", "state-root"], {
    env: { ...sb.env, SASE_HOME: "/tmp/elsewhere" },
  });
  assertEquals(moved.stdout.trim(), "/tmp/elsewhere");
});

Deno.test("sase path config-schema writes a JSON Schema generated from the config schema", async () => {
  await using sb = await makeSandbox();
  const result = await runSase(["path", "config-schema"], { env: sb.env });
  assertEquals(result.code, 0, result.stderr);
  const path = result.stdout.trim();
  assertEquals(path, `${sb.saseHome}/schemas/sase.schema.json`);
  const schema = JSON.parse(await Deno.readTextFile(path));
  assertEquals(schema.properties.axe.properties.max_hook_runners.type, "integer");
  assertEquals(schema.properties.mobile_gateway.properties.push_provider.enum, [
    "disabled",
    "test",
    "fcm",
  ]);
});

Deno.test("sase xprompt list takes -j like every listing; the catalog is JSON either way", async () => {
  await using sb = await makeSandbox();
  const plain = await runSase(["xprompt", "list"], { env: sb.env, cwd: sb.cwd });
  const json = await runSase(["xprompt", "list", "-j"], { env: sb.env, cwd: sb.cwd });
  assertEquals([plain.code, json.code], [0, 0], json.stderr);
  const catalog = JSON.parse(json.stdout);
  assert(Array.isArray(catalog) && catalog.length > 0);
  assertEquals(catalog, JSON.parse(plain.stdout));
});
