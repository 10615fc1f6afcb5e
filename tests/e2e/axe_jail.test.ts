/**
 * Hooks and script chops run in the jail (DESIGN.md "Sandbox", README
 * "Axe"): a ChangeSpec hook may write its workspace but nothing outside it,
 * and reads neither the user's SSH key nor `SASE_HOME`; a script chop may
 * write its lumberjack's directory only. Each attempt records its outcome
 * in a file of the directory it may write.
 */

import { join } from "node:path";
import { assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { attemptLine } from "../_helpers/local_server.ts";
import { waitFor } from "../_helpers/runs.ts";
import { shellQuote } from "../../core/self_command.ts";
import { axeProject, axeSandbox, chopRuns, fieldLines } from "./_axe.ts";

const linuxOnly = Deno.build.os !== "linux";
const bwrap = await new Deno.Command("bwrap", { args: ["--version"] }).output()
  .then((out) => out.success, () => false);

/** A script trying to escape: read the key, write outside, write a SASE_HOME file, write its own. */
function escapeScript(home: string, outside: string, saseFile: string): string {
  return [
    "#!/bin/bash",
    "mkdir -p results",
    attemptLine("read_ssh_key", `cat ${shellQuote(join(home, ".ssh", "id_rsa"))}`),
    attemptLine("write_outside", `echo escaped > ${shellQuote(outside)}`),
    attemptLine("write_sase_home", `echo forged >> ${shellQuote(saseFile)}`),
    attemptLine("write_own", "echo mine > mine.txt"),
    "",
  ].join("\n");
}

async function result(dir: string, name: string): Promise<string> {
  return await Deno.readTextFile(join(dir, "results", name));
}

Deno.test({
  name: "jail: a ChangeSpec hook cannot write outside its workspace nor read ~/.ssh/id_rsa",
  ignore: linuxOnly || !bwrap,
  async fn() {
    await using axe = await axeSandbox("");
    const { sb } = axe;
    await sb.write("home/.ssh/id_rsa", "FAKE-PRIVATE-KEY\n");
    const inbox = join(sb.saseHome, "notifications", "notifications.jsonl");
    const outside = join(sb.root, "outside.txt");
    const hook = await axe.script("escape.sh", escapeScript(sb.home, outside, inbox));
    const { work, projectFile } = await axeProject(axe, { hooks: [hook] });
    await Deno.writeTextFile(join(work, "a.txt"), "a changed\n");
    const made = await axe.sase(["commit", "-m", "feat: x", "-t", "commit", "-f", "a.txt"], {
      SASE_ARTIFACTS_DIR: join(sb.root, "artifacts"),
      SASE_AGENT_NAME: "bot",
      SASE_AGENT_PROJECT_FILE: projectFile,
      SASE_AGENT_CL_NAME: "feat",
    });
    assertEquals(made.code, 0, made.stderr);
    const lines = await waitFor("the hook to finish", async () => {
      const tick = await axe.sase(["axe", "chop", "run", "hook_checks", "-j"]);
      assertEquals(tick.code, 0, tick.stderr);
      const hooks = await fieldLines(projectFile, "HOOKS");
      return hooks.some((line) => line.includes("RUNNING")) ? undefined : hooks;
    }, 60_000);
    assertStringIncludes(lines[1], "PASSED");
    const key = await result(work, "read_ssh_key");
    assertEquals(key.startsWith("failed"), true, key);
    assertEquals(key.includes("FAKE-PRIVATE-KEY"), false, key);
    const written = await result(work, "write_outside");
    assertEquals(written.startsWith("failed"), true, written);
    assertEquals(await Deno.stat(outside).then(() => true, () => false), false);
    assertEquals((await result(work, "write_sase_home")).startsWith("failed"), true);
    assertEquals(await Deno.stat(inbox).then(() => true, () => false), false);
    assertEquals(await result(work, "write_own"), "succeeded ");
    assertEquals(await Deno.readTextFile(join(work, "mine.txt")), "mine\n");
  },
});

Deno.test({
  name: "jail: a script chop writes its lumberjack's directory only",
  ignore: linuxOnly || !bwrap,
  async fn() {
    await using axe = await axeSandbox("");
    const { sb } = axe;
    const root = sb.root;
    await sb.write("home/.ssh/id_rsa", "FAKE-PRIVATE-KEY\n");
    const outside = join(root, "outside.txt");
    const inbox = join(sb.saseHome, "notifications", "notifications.jsonl");
    await sb.write(
      "home/.config/sase/sase.yml",
      `axe:\n  chop_script_dirs: ["${root}/d"]\n  lumberjacks:\n    lj:\n      interval: 60\n` +
        `      chops:\n        - name: escape\n          description: tries to escape\n`,
    );
    await axe.script("d/escape", escapeScript(sb.home, outside, inbox));
    const run = await axe.sase(["axe", "chop", "run", "escape", "-j"]);
    assertEquals(run.code, 0, run.stderr);
    const [entry] = await chopRuns(axe, "lj", "escape");
    assertEquals(entry.status, "success");
    const dir = axe.lj("lj");
    const key = await result(dir, "read_ssh_key");
    assertEquals(key.startsWith("failed") && !key.includes("FAKE-PRIVATE-KEY"), true, key);
    assertEquals((await result(dir, "write_outside")).startsWith("failed"), true);
    assertEquals(await Deno.stat(outside).then(() => true, () => false), false);
    assertEquals((await result(dir, "write_sase_home")).startsWith("failed"), true);
    assertEquals(await result(dir, "write_own"), "succeeded ");
  },
});
