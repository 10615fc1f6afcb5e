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
  const human = await runSase(["config", "layers"], { env: sb.env, cwd: sb.cwd });
  assertStringIncludes(human.stdout, "overlay:sase_z.yml");
});
