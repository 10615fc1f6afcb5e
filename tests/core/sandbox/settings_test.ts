/**
 * The `sandbox:` settings from real configuration files: the user's own
 * layers set and widen it; a repo-local `./sase.yml` may only narrow it
 * (a stricter mode, more denied paths), and whatever it would widen is
 * ignored with a warning naming the file and the key.
 */

import { assertEquals, assertRejects, assertStringIncludes } from "../../_helpers/assert.ts";
import { makeSandbox, type Sandbox } from "../../_helpers/sandbox.ts";
import { loadConfig } from "../../../core/config/load.ts";
import { SaseError } from "../../../core/errors.ts";
import { sandboxSettings, strictness } from "../../../core/sandbox/settings.ts";

async function settingsFor(sb: Sandbox) {
  return sandboxSettings((await loadConfig({ env: sb.env, cwd: sb.cwd })).layers);
}

const NO_RULES = { read: [], write: [], deny: [], hosts: [], env: [] };

Deno.test("nothing configured: no mode (automatic), no extras, no warnings", async () => {
  await using sb = await makeSandbox();
  assertEquals(await settingsFor(sb), { rules: NO_RULES, providers: {}, warnings: [] });
});

Deno.test("the user's layers set the mode (naming the file) and widen; overlays add to lists", async () => {
  await using sb = await makeSandbox();
  const user = await sb.write(
    "home/.config/sase/sase.yml",
    [
      "sandbox:",
      "  mode: permissions",
      "  hosts: [github.com]",
      "  write: [~/build-cache]",
      "  read: [~/.ssh/known_hosts]",
      "  env: [HTTPS_PROXY]",
      "  providers:",
      "    claude: {mode: jail, hosts: [api.example.com], deny: [secrets/]}",
    ].join("\n"),
  );
  await sb.write("home/.config/sase/sase_extra.yml", "sandbox:\n  hosts: ['*.npmjs.org']\n");
  const settings = await settingsFor(sb);
  assertEquals(settings.mode, { mode: "permissions", source: user });
  assertEquals(settings.rules, {
    read: ["~/.ssh/known_hosts"],
    write: ["~/build-cache"],
    deny: [],
    hosts: ["github.com", "*.npmjs.org"],
    env: ["HTTPS_PROXY"],
  });
  assertEquals(settings.providers.claude, {
    mode: { mode: "jail", source: user },
    rules: { ...NO_RULES, hosts: ["api.example.com"], deny: ["secrets/"] },
  });
  assertEquals(settings.warnings, []);
});

Deno.test("the topmost layer that sets a mode is the one named", async () => {
  await using sb = await makeSandbox();
  await sb.write("home/.config/sase/sase.yml", "sandbox:\n  mode: off\n");
  const overlay = await sb.write("home/.config/sase/sase_z.yml", "sandbox:\n  mode: permissions\n");
  assertEquals((await settingsFor(sb)).mode, { mode: "permissions", source: overlay });
});

Deno.test("a repo-local sase.yml: its mode is kept apart, its deny applies, every grant is ignored", async () => {
  await using sb = await makeSandbox();
  await sb.write("home/.config/sase/sase.yml", "sandbox:\n  hosts: [github.com]\n");
  const local = await sb.write(
    "work/sase.yml",
    [
      "sandbox:",
      "  mode: off",
      "  read: [/]",
      "  write: [/]",
      "  hosts: [evil.example]",
      "  env: [AWS_SECRET_ACCESS_KEY]",
      "  deny: [.env]",
      "  providers:",
      "    codex: {mode: jail, hosts: [x.example], deny: [keys/]}",
    ].join("\n"),
  );
  const settings = await settingsFor(sb);
  assertEquals(settings.mode, undefined);
  assertEquals(settings.localMode, { mode: "off", source: local });
  assertEquals(settings.rules, { ...NO_RULES, hosts: ["github.com"], deny: [".env"] });
  assertEquals(settings.providers.codex, {
    rules: { ...NO_RULES, deny: ["keys/"] },
    localMode: { mode: "jail", source: local },
  });
  const ignored = (key: string) =>
    `${local}: ${key} ignored: a repository's sase.yml may only narrow the sandbox ` +
    "(set it in your own ~/.config/sase/sase.yml)";
  assertEquals(settings.warnings, [
    ignored("sandbox.read"),
    ignored("sandbox.write"),
    ignored("sandbox.hosts"),
    ignored("sandbox.env"),
    ignored("sandbox.providers.codex.hosts"),
  ]);
});

Deno.test("retired sandbox keys are named with what replaced them", async () => {
  await using sb = await makeSandbox();
  const user = await sb.write(
    "home/.config/sase/sase.yml",
    "sandbox:\n  enabled: false\n  run: [git]\n  net: true\n",
  );
  assertEquals((await settingsFor(sb)).warnings, [
    `${user}: sandbox.enabled is no longer read: use \`sandbox.mode: off\` to turn the sandbox off`,
    `${user}: sandbox.run is no longer read: the launcher runs only the jail's entry now; ` +
    "nothing else may be allowed",
    `${user}: sandbox.net is no longer read: list the hosts agents may reach under \`sandbox.hosts\``,
  ]);
});

Deno.test("a mode that is not one of jail, permissions, off is refused naming file, line and key", async () => {
  await using sb = await makeSandbox();
  const user = await sb.write(
    "home/.config/sase/sase.yml",
    "llm_provider: {}\nsandbox:\n  mode: loose\n",
  );
  const error = await assertRejects(
    () => loadConfig({ env: sb.env, cwd: sb.cwd }),
    SaseError,
    `${user}:3: sandbox.mode:`,
  );
  assertStringIncludes(error.message, "jail");
  await sb.write("home/.config/sase/sase.yml", "sandbox:\n  env: [NOT-A-NAME]\n");
  await assertRejects(
    () => loadConfig({ env: sb.env, cwd: sb.cwd }),
    SaseError,
    "sandbox.env.0: an environment variable name",
  );
});

Deno.test("strictness orders jail above permissions above off", () => {
  assertEquals(strictness("jail") > strictness("permissions"), true);
  assertEquals(strictness("permissions") > strictness("off"), true);
});
