import { assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
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

Deno.test("unknown commands and options are usage errors (exit 2) with a suggestion", async () => {
  await using sb = await makeSandbox();
  const unknown = await runSase(["doctr"], { env: sb.env });
  assertEquals(unknown.code, 2);
  assertStringIncludes(unknown.stderr, "error: unknown command 'doctr'");
  assertStringIncludes(unknown.stderr, "doctor");
  const option = await runSase(["doctor", "--bogus"], { env: sb.env });
  assertEquals(option.code, 2);
  assertStringIncludes(option.stderr, "unknown option '--bogus'");
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
