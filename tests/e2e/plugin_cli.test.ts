/**
 * Plugins end to end (issue 24): the example plugin's LLM provider runs an
 * agent, its xprompt and default config join discovery and the config
 * chain, and a broken plugin is an ERROR in `sase plugin doctor` while
 * everything else keeps working.
 */

import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { makeSandbox, type Sandbox } from "../_helpers/sandbox.ts";
import { runDirs } from "../_helpers/runs.ts";
import { runSase } from "../_helpers/cli.ts";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const EXAMPLE = fileURLToPath(
  new URL("../../examples/plugins/example_llm/mod.ts", import.meta.url),
);

async function json(path: string) {
  return JSON.parse(await Deno.readTextFile(path));
}

/** A project-local sase.yml listing `plugins`. */
async function listPlugins(sb: Sandbox, plugins: string[]): Promise<void> {
  await sb.write(
    "work/sase.yml",
    `plugins:\n${plugins.map((p) => `  - ${JSON.stringify(p)}\n`).join("")}`,
  );
}

const sase = (sb: Sandbox, args: string[], env: Record<string, string> = {}) =>
  runSase(args, { env: { ...sb.env, ...env }, cwd: sb.cwd });

Deno.test("the example plugin's LLM provider runs `%m:example/x hi`", async () => {
  await using sb = await makeSandbox();
  await listPlugins(sb, [EXAMPLE]);
  const result = await sase(sb, ["run", "%m:example/x hi"]);
  assertEquals(result.code, 0, result.stderr);
  const [dir] = await runDirs(sb);
  const done = await json(join(dir, "done.json"));
  assertEquals([done.outcome, done.provider, done.model], ["completed", "example", "x"]);
  // The provider's own command line: fakey's reply to the prompt the example provider framed.
  assertEquals(
    await Deno.readTextFile(join(dir, "live_reply.md")),
    "Hello from fakey. You asked: [example model x] hi",
  );
});

Deno.test("without the plugin listed, example/x is no provider (the built-ins only)", async () => {
  await using sb = await makeSandbox();
  const result = await sase(sb, ["plugin", "list", "-j"]);
  assertEquals(result.code, 0, result.stderr);
  const list = JSON.parse(result.stdout);
  assertEquals(list.plugins.map((p: { name: string }) => p.name), ["sase"]);
  const llm = list.plugins[0].entries.filter((e: { group: string }) => e.group === "sase_llm");
  assertEquals(llm.map((e: { name: string }) => e.name), [
    "claude",
    "codex",
    "qwen",
    "opencode",
    "agy",
    "gemini",
    "fakey",
  ]);
  assertEquals(list.failures, []);
});

Deno.test("a plugin's xprompts are found by `sase xprompt list`; the switches turn them off", async () => {
  await using sb = await makeSandbox();
  await listPlugins(sb, [EXAMPLE]);
  const listed = await sase(sb, ["xprompt", "list", "-j"]);
  assertEquals(listed.code, 0, listed.stderr);
  const found = JSON.parse(listed.stdout).find((x: { name: string }) =>
    x.name === "example_greeting"
  );
  assertEquals([found?.source, found?.source_path], [
    "plugin",
    join(EXAMPLE, "..", "xprompts", "example_greeting.md"),
  ]);
  for (const name of ["SASE_DISABLE_PLUGIN_XPROMPTS", "SASE_DISABLE_PLUGINS"]) {
    const off = await sase(sb, ["xprompt", "list", "-j"], { [name]: "1" });
    assertEquals(off.code, 0, off.stderr);
    assertEquals(
      JSON.parse(off.stdout).some((x: { name: string }) => x.name === "example_greeting"),
      false,
      name,
    );
  }
});

Deno.test("a plugin's default_config.yml is a layer under the user's config", async () => {
  await using sb = await makeSandbox();
  await listPlugins(sb, [EXAMPLE]);
  const layers = JSON.parse((await sase(sb, ["config", "layers", "-j"])).stdout);
  assertEquals(layers.layers.map((layer: { name: string }) => layer.name), [
    "default",
    "plugin:example_llm",
    "user",
    "local",
  ]);
  const alias = await sase(sb, ["config", "show", "xprompt_aliases.exgreet"]);
  assertEquals(alias.stdout.trim(), "example_greeting");
  // The user's own file wins over the plugin's default.
  await sb.write("home/.config/sase/sase.yml", "xprompt_aliases:\n  exgreet: mine\n");
  assertEquals(
    (await sase(sb, ["config", "show", "xprompt_aliases.exgreet"])).stdout.trim(),
    "mine",
  );
  const off = await sase(sb, ["config", "show", "xprompt_aliases.exgreet"], {
    SASE_DISABLE_PLUGIN_CONFIG: "1",
  });
  assertEquals(off.stdout.trim(), "mine");
});

Deno.test("a plugin that throws on load is an ERROR in plugin doctor; everything else works", async () => {
  await using sb = await makeSandbox();
  await sb.write("work/broken.ts", 'throw new Error("boom while loading");\n');
  await sb.write("work/no_manifest.ts", "export const nothing = 1;\n");
  await listPlugins(sb, ["./broken.ts", "./no_manifest.ts", EXAMPLE]);
  const doctor = await sase(sb, ["plugin", "doctor", "-j"]);
  assertEquals(doctor.code, 1, doctor.stderr);
  const report = JSON.parse(doctor.stdout);
  assertEquals(report.status, "ERROR");
  const loads = report.findings.filter((f: { check: string }) => f.check === "plugin_load");
  assertEquals(loads.map((f: { status: string }) => f.status), ["ERROR", "ERROR"]);
  assertStringIncludes(loads[0].message, "plugin './broken.ts' failed to load: boom while loading");
  assertStringIncludes(loads[1].message, "./no_manifest.ts: the module exports no 'manifest'");
  const human = await sase(sb, ["plugin", "doctor"]);
  assertEquals(human.code, 1);
  assertStringIncludes(human.stdout, "ERROR plugin_load: plugin './broken.ts' failed to load");
  // The working plugin and sase itself are unaffected.
  const listed = await sase(sb, ["xprompt", "list", "-j"]);
  assertEquals(listed.code, 0, listed.stderr);
  assert(JSON.parse(listed.stdout).some((x: { name: string }) => x.name === "example_greeting"));
  const run = await sase(sb, ["run", "%m:example/x hi"]);
  assertEquals(run.code, 0, run.stderr);
  const list = await sase(sb, ["plugin", "list"]);
  assertEquals(list.code, 0, list.stderr);
  assertStringIncludes(list.stdout, "failed: ./broken.ts: boom while loading");
});

Deno.test("plugin doctor: missing configured chop scripts are ERROR, unconfigured scripts WARN", async () => {
  await using sb = await makeSandbox();
  const scripts = join(sb.root, "chops");
  await Deno.mkdir(scripts, { recursive: true });
  const script = async (name: string) => {
    await sb.write(`chops/${name}`, "#!/bin/sh\nexit 0\n");
    await Deno.chmod(join(scripts, name), 0o755);
  };
  const config = (extraChop: string) =>
    `axe:\n  chop_script_dirs: [${JSON.stringify(scripts)}]\n` +
    (extraChop
      ? `  lumberjacks:\n    nightly:\n      interval: 60\n      chops:\n` +
        `        - name: ${extraChop}\n          description: a site chop\n`
      : "");
  // The default lumberjacks run built-in chops only: nothing is missing on a fresh install.
  await sb.write("home/.config/sase/sase.yml", config(""));
  const clean = await sase(sb, ["plugin", "doctor", "-j"]);
  assertEquals([clean.code, JSON.parse(clean.stdout).status], [0, "OK"], clean.stdout);
  await script("extra_report");
  const warn = await sase(sb, ["plugin", "doctor", "-j"]);
  const warned = JSON.parse(warn.stdout);
  assertEquals([warn.code, warned.status], [0, "WARN"]);
  assertEquals(warned.findings.map((f: { check: string }) => f.check), ["chop_unconfigured"]);
  assertStringIncludes(warned.findings[0].message, "chop script 'extra_report'");
  // A configured chop with neither a script nor a built-in of its name is an ERROR.
  await sb.write("home/.config/sase/sase.yml", config("site_report"));
  const error = await sase(sb, ["plugin", "doctor", "-j"]);
  const errored = JSON.parse(error.stdout);
  assertEquals([error.code, errored.status], [1, "ERROR"], error.stdout);
  assertEquals(
    errored.findings.filter((f: { status: string }) => f.status === "ERROR").map((
      f: { message: string },
    ) => f.message),
    ["lumberjack 'nightly' runs chop 'site_report', but no script for it is installed"],
  );
  // Installing it clears the error.
  await script("site_report");
  const fixed = await sase(sb, ["plugin", "doctor", "-j"]);
  assertEquals(
    JSON.parse(fixed.stdout).findings.some((f: { status: string }) => f.status === "ERROR"),
    false,
  );
});

Deno.test("sase plugin: bare runs list", async () => {
  await using sb = await makeSandbox();
  const bare = await sase(sb, ["plugin"]);
  assertEquals(bare.code, 0, bare.stderr);
  assertStringIncludes(bare.stdout, "PLUGIN");
  assertStringIncludes(bare.stdout, "sase ");
});
