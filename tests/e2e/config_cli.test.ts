import { assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { makeSandbox } from "../_helpers/sandbox.ts";
import { runSase } from "../_helpers/cli.ts";

Deno.test("sase config show -j prints the merged config; KEY narrows it", async () => {
  await using sb = await makeSandbox();
  await sb.write("home/.config/sase/sase.yml", "axe:\n  max_hook_runners: 7\n");
  await sb.write("work/sase.yml", "xprompt_aliases:\n  r: research\n");
  const all = await runSase(["config", "show", "-j"], { env: sb.env, cwd: sb.cwd });
  assertEquals(all.code, 0, all.stderr);
  const config = JSON.parse(all.stdout);
  assertEquals(config.axe.max_hook_runners, 7);
  assertEquals(config.xprompt_aliases, { c: "commit", p: "propose", r: "research" });
  const one = await runSase(["config", "show", "axe.max_hook_runners"], {
    env: sb.env,
    cwd: sb.cwd,
  });
  assertEquals(one.stdout.trim(), "7");
  const missing = await runSase(["config", "show", "axe.nope"], { env: sb.env, cwd: sb.cwd });
  assertEquals(missing.code, 1);
  assertStringIncludes(missing.stderr, "error: no configuration value at 'axe.nope'");
});

Deno.test("malformed ~/.config/sase/sase.yml: config show exits 1 naming file and line", async () => {
  await using sb = await makeSandbox();
  const path = await sb.write(
    "home/.config/sase/sase.yml",
    "timezone: UTC\naxe: {max_hook_runners: 3\n",
  );
  const result = await runSase(["config", "show"], { env: sb.env, cwd: sb.cwd });
  assertEquals(result.code, 1);
  assertStringIncludes(result.stderr, `error: ${path}:`);
  assertStringIncludes(result.stderr, "invalid YAML");
  assertEquals(result.stderr.includes("    at "), false, "no stack trace");
});

Deno.test("a wrong type on a known key names the key path", async () => {
  await using sb = await makeSandbox();
  const path = await sb.write("home/.config/sase/sase.yml", "mobile_gateway:\n  port: lots\n");
  const result = await runSase(["config", "show"], { env: sb.env, cwd: sb.cwd });
  assertEquals(result.code, 1);
  assertStringIncludes(result.stderr, `${path}:2: mobile_gateway.port:`);
});

Deno.test("sase config layers lists the merge chain, -j included", async () => {
  await using sb = await makeSandbox();
  await sb.write("home/.config/sase/sase_z.yml", "timezone: UTC\n");
  const result = await runSase(["config", "layers", "-j"], { env: sb.env, cwd: sb.cwd });
  assertEquals(result.code, 0, result.stderr);
  const report = JSON.parse(result.stdout);
  assertEquals(report.layers.map((layer: { name: string }) => layer.name), [
    "default",
    "user",
    "overlay:sase_z.yml",
    "local",
  ]);
  assertEquals(report.layers[1].exists, false);
  // -j keys are snake_case, warnings included.
  await sb.write("home/.config/sase/sase_z.yml", "timezone: UTC\nnot_a_key: 1\n");
  const warned = JSON.parse(
    (await runSase(["config", "layers", "-j"], { env: sb.env, cwd: sb.cwd })).stdout,
  );
  assertEquals(warned.warnings.map((w: { key: string; line: number }) => [w.key, w.line]), [
    ["not_a_key", 2],
  ]);
  const keys = (value: unknown): string[] =>
    Array.isArray(value)
      ? value.flatMap(keys)
      : value && typeof value === "object"
      ? Object.entries(value).flatMap(([key, inner]) => [key, ...keys(inner)])
      : [];
  for (const key of keys(warned)) assertEquals(/^[a-z][a-z0-9_]*$/.test(key), true, key);
  const human = await runSase(["config", "layers"], { env: sb.env, cwd: sb.cwd });
  assertStringIncludes(human.stdout, "overlay:sase_z.yml");
});

Deno.test("hostile config files end in an error naming the file, never a crash", async () => {
  await using sb = await makeSandbox();
  const user = `${sb.configDir}/sase.yml`;
  const bomb = ["a: &a [x, x, x, x, x, x, x, x, x]"];
  for (const [index, name] of ["b", "c", "d", "e", "f", "g"].entries()) {
    bomb.push(`${name}: &${name} [${Array(9).fill(`*${"abcdef"[index]}`).join(", ")}]`);
  }
  const cases: [string, string][] = [
    [
      "timezone: UTC\nx: " + "[".repeat(50_000) + "]".repeat(50_000) + "\n",
      `${user}:2: lists and mappings nest deeper than 100 levels`,
    ],
    [bomb.join("\n") + "\n", `${user}:2: aliases expand to too many values`],
    ["timezone: *zone\n", `${user}:1: unknown alias '*zone'`],
    ["# padding\n" + "#".repeat(5 * 1024 * 1024) + "\n", `${user}: larger than 4 MiB`],
  ];
  for (const [text, message] of cases) {
    await Deno.writeTextFile(user, text);
    const result = await runSase(["config", "show"], { env: sb.env, cwd: sb.cwd });
    assertEquals(result.code, 1, result.stderr);
    assertStringIncludes(result.stderr, `error: ${message}`);
    assertEquals(result.stderr.includes("report it"), false, result.stderr);
    assertEquals(result.stdout, "");
  }
  await Deno.remove(user);
  await Deno.mkdir(user);
  const dir = await runSase(["config", "layers"], { env: sb.env, cwd: sb.cwd });
  assertEquals(dir.code, 1);
  assertStringIncludes(dir.stderr, `error: ${user}: is a directory, expected a file`);
});

Deno.test("config text shown to people has its control characters neutralised", async () => {
  await using sb = await makeSandbox();
  await sb.write(
    "home/.config/sase/sase.yml",
    'timezone: "UTC\\e]0;pwned\\a"\n"\\e]52;c;aGk=\\a": 1\n',
  );
  const show = await runSase(["config", "show", "timezone"], { env: sb.env, cwd: sb.cwd });
  assertEquals(show.stdout, "UTC^[]0;pwned^G\n");
  const layers = await runSase(["config", "layers"], { env: sb.env, cwd: sb.cwd });
  assertEquals(layers.code, 0, layers.stderr);
  assertStringIncludes(layers.stderr, "unknown configuration key '^[]52;c;aGk=^G'");
  assertEquals(layers.stderr.includes("\x1b"), false);
  // JSON keeps the exact text (JSON escapes it).
  const json = await runSase(["config", "show", "timezone", "-j"], { env: sb.env, cwd: sb.cwd });
  assertEquals(JSON.parse(json.stdout), "UTC\x1b]0;pwned\x07");
});
