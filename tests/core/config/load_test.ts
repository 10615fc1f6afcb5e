import {
  assert,
  assertEquals,
  assertMatch,
  assertRejects,
  assertStringIncludes,
} from "../../_helpers/assert.ts";
import { join } from "node:path";
import { makeSandbox } from "../../_helpers/sandbox.ts";
import { loadConfig } from "../../../core/config/load.ts";
import { SaseError } from "../../../core/errors.ts";

Deno.test("the five layers load from real files in the documented order", async () => {
  await using sb = await makeSandbox();
  await sb.write(
    "home/.config/sase/sase.yml",
    [
      "timezone: US/Pacific",
      "axe:",
      "  max_hook_runners: 5",
      "linked_repos:",
      "  - {name: user, path: ../u, description: user repo}",
      "sibling_repos:",
      "  - {name: dep, path: ../d}",
    ].join("\n"),
  );
  await sb.write("home/.config/sase/sase_b.yml", "linked_repos:\n  - {name: overlay_b, path: b}\n");
  await sb.write("home/.config/sase/sase_a.yml", "axe:\n  chop_script_dirs: [c]\n");
  await sb.write("work/sase.yml", "use_chezmoi: true\nlinked_repos:\n  - {name: local, path: l}\n");
  const loaded = await loadConfig({
    env: sb.env,
    cwd: sb.cwd,
    pluginLayers: [{
      name: "demo",
      path: "/plugins/demo/default_config.yml",
      text: "axe:\n  chop_script_dirs: [b]\n",
    }],
  });
  assertEquals(loaded.layers.map((layer) => [layer.name, layer.strategy]), [
    ["default", "concatenate"],
    ["plugin:demo", "concatenate"],
    ["user", "replace"],
    ["overlay:sase_a.yml", "concatenate"],
    ["overlay:sase_b.yml", "concatenate"],
    ["local", "concatenate"],
  ]);
  const { raw } = loaded;
  assertEquals((raw.linked_repos as { name: string }[]).map((repo) => repo.name), [
    "user",
    "overlay_b",
    "local",
  ]);
  assertEquals((raw.axe as Record<string, unknown>).chop_script_dirs, ["b", "c"]);
  assertEquals((raw.axe as Record<string, unknown>).max_hook_runners, 5);
  assertEquals((raw.axe as Record<string, unknown>).max_agent_runners, 3, "default kept");
  assertEquals(raw.timezone, "US/Pacific");
  assertEquals(raw.use_chezmoi, true);
  assertEquals(raw.xprompt_aliases, { c: "commit", p: "propose" });
  assertEquals(loaded.warnings.map((warning) => [warning.layer, warning.key]), [[
    "user",
    "sibling_repos",
  ]]);
});

Deno.test("local layer can be turned off (ACE) and SASE_DISABLE_PLUGIN_CONFIG drops plugin layers", async () => {
  await using sb = await makeSandbox();
  await sb.write("work/sase.yml", "timezone: UTC\n");
  const loaded = await loadConfig({
    env: { ...sb.env, SASE_DISABLE_PLUGIN_CONFIG: "1" },
    cwd: sb.cwd,
    includeLocal: false,
    pluginLayers: [{ name: "demo", path: "/p.yml", text: "timezone: X\n" }],
  });
  assertEquals(loaded.layers.map((layer) => layer.name), ["default", "user"]);
  assertEquals(loaded.raw.timezone, "America/New_York");
});

Deno.test("malformed YAML names the file and line", async () => {
  await using sb = await makeSandbox();
  const path = await sb.write(
    "home/.config/sase/sase.yml",
    "axe:\n  max_hook_runners: 3\n  bad: [1, 2\nother: x\n",
  );
  const error = await assertRejects(() => loadConfig({ env: sb.env, cwd: sb.cwd }), SaseError);
  assert(error instanceof SaseError);
  assertEquals(error.code, "config.parse");
  assertStringIncludes(error.message, path);
  assertMatch(error.message, /sase\.yml:\d+: invalid YAML/);
});

Deno.test("a wrong type names file, line and key path", async () => {
  await using sb = await makeSandbox();
  const path = await sb.write(
    "home/.config/sase/sase_work.yml",
    "timezone: UTC\naxe:\n  lumberjacks:\n    hooks:\n      interval: soon\n",
  );
  const error = await assertRejects(() => loadConfig({ env: sb.env, cwd: sb.cwd }), SaseError);
  assertStringIncludes(error.message, `${path}:5: axe.lumberjacks.hooks.interval:`);
});

Deno.test("SASE_HOME does not move user config; HOME does", async () => {
  await using sb = await makeSandbox();
  await sb.write("home/.config/sase/sase.yml", "precommit_command: just fmt\n");
  const loaded = await loadConfig({
    env: { ...sb.env, SASE_HOME: join(sb.root, "elsewhere") },
    cwd: sb.cwd,
  });
  assertEquals(loaded.raw.precommit_command, "just fmt");
});
