/**
 * `sase doctor -C sandbox`: the mode agents run in, why, and what is
 * missing to enable the jail.
 */

import { join } from "node:path";
import { assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { runSase } from "../_helpers/cli.ts";
import { makeSandbox, type Sandbox } from "../_helpers/sandbox.ts";

const linuxOnly = Deno.build.os !== "linux";

async function sandboxCheck(sb: Sandbox, env: Record<string, string> = sb.env) {
  const result = await runSase(["doctor", "-j", "-C", "sandbox"], { env, cwd: sb.cwd });
  const report = JSON.parse(result.stdout);
  assertEquals(report.checks.length, 1, result.stderr);
  return report.checks[0];
}

Deno.test({
  name: "doctor: the jail, chosen automatically where it works",
  ignore: linuxOnly,
  async fn() {
    await using sb = await makeSandbox();
    const check = await sandboxCheck(sb);
    assertEquals([check.id, check.status], ["sandbox.mode", "OK"]);
    assertEquals(check.summary, "jail (automatic: the jail works here)");
    assertEquals(check.data.jail_available, true);
    assertEquals(check.data.missing, []);
  },
});

Deno.test({
  name:
    "doctor: without the jail's programs, permissions mode, what it leaves open and what to install",
  ignore: linuxOnly,
  async fn() {
    await using sb = await makeSandbox();
    const bin = join(sb.root, "bin");
    await Deno.mkdir(bin);
    const check = await sandboxCheck(sb, { ...sb.env, PATH: bin });
    assertEquals(check.status, "WARN");
    assertStringIncludes(
      check.summary,
      "permissions (automatic: the jail is unavailable (bwrap not found",
    );
    assertStringIncludes(
      check.details[0],
      "permissions mode: the agent can read and write every file",
    );
    assertEquals(check.next_steps, [
      "Install or fix: bwrap not found on PATH (apt-get install bubblewrap).",
      "Install or fix: socat not found on PATH (apt-get install socat).",
      "Install or fix: rg not found on PATH (apt-get install ripgrep).",
      "Then rerun `sase doctor -C sandbox`.",
    ]);
    // Asked for explicitly, an unavailable jail is an error, not a fallback.
    const user = await sb.write("home/.config/sase/sase.yml", "sandbox:\n  mode: jail\n");
    const required = await sandboxCheck(sb, { ...sb.env, PATH: bin });
    assertEquals(required.status, "ERROR");
    assertStringIncludes(
      required.summary,
      `sandbox.mode: jail in ${user} asks for the jail, which is unavailable here: bwrap not found`,
    );
  },
});

Deno.test({
  name:
    "doctor: a configured mode names its file; provider modes and ignored local settings listed",
  ignore: linuxOnly,
  async fn() {
    await using sb = await makeSandbox();
    const user = await sb.write(
      "home/.config/sase/sase.yml",
      "sandbox:\n  mode: off\n  providers:\n    claude: {mode: permissions}\n",
    );
    const local = await sb.write("work/sase.yml", "sandbox:\n  hosts: [evil.example]\n");
    const check = await sandboxCheck(sb);
    assertEquals(check.status, "WARN");
    assertEquals(check.summary, `off (sandbox.mode: off in ${user})`);
    assertEquals(check.next_steps, [
      "Remove `sandbox.mode` from your sase.yml to run agents in the jail.",
    ]);
    assertEquals(check.data.providers, { claude: "permissions" });
    assertEquals(check.details, [
      "off: agents run unconfined, with your whole environment",
      `why: sandbox.mode: off in ${user}`,
      `provider claude: permissions (sandbox.providers.claude.mode: permissions in ${user})`,
      `${local}: sandbox.hosts ignored: a repository's sase.yml may only narrow the sandbox ` +
      "(set it in your own ~/.config/sase/sase.yml)",
    ]);
  },
});
