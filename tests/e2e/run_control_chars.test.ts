/**
 * Agent-written text reaches the user's terminal with its control
 * sequences neutralised (issue 13, section 3): a reply that tries to
 * retitle the window or write the clipboard shows up as visible, inert text.
 */

import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { runSase } from "../_helpers/cli.ts";
import { runDirs } from "../_helpers/runs.ts";
import { makeSandbox, type Sandbox } from "../_helpers/sandbox.ts";
import { shellQuote } from "../../core/self_command.ts";

const MAIN = fileURLToPath(new URL("../../main.ts", import.meta.url));
const ESC = "\x1b";
const HOSTILE = `${ESC}]0;pwned${ESC}\\ then ${ESC}]52;c;ZXZpbA==\x07 and ${ESC}[2J done`;
const SHOWN = "^[]0;pwned^[\\ then ^[]52;c;ZXZpbA==^G and ^[[2J done";

/** Whether `text` still carries one of the hostile sequences raw (sase's own styling may remain). */
function hostileRaw(text: string): boolean {
  return [`${ESC}]0;`, `${ESC}]52;`, `${ESC}[2J`, "\x07"].some((raw) => text.includes(raw));
}

/** Run sase with its stdout on a pseudo-terminal (util-linux `script`). */
async function onTerminal(sb: Sandbox, args: string[]): Promise<string> {
  const command = [Deno.execPath(), "run", "-A", "--unstable-worker-options", MAIN, ...args]
    .map(shellQuote).join(" ");
  const output = await new Deno.Command("script", {
    args: ["-qec", command, "/dev/null"],
    env: { DENO_NO_UPDATE_CHECK: "1", ...sb.env },
    clearEnv: true,
    cwd: sb.cwd,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert(output.success, new TextDecoder().decode(output.stderr));
  return new TextDecoder().decode(output.stdout);
}

async function hostileScript(sb: Sandbox): Promise<Record<string, string>> {
  const script = await sb.write(
    "hostile.json",
    JSON.stringify({ steps: [{ text: HOSTILE }] }),
  );
  return { ...sb.env, SASE_FAKEY_SCRIPT: script };
}

Deno.test({
  name: "a foreground reply on a terminal is neutralised; into a pipe it stays byte for byte",
  ignore: Deno.build.os !== "linux",
  async fn() {
    await using sb = await makeSandbox();
    sb.env.SASE_FAKEY_SCRIPT = (await hostileScript(sb)).SASE_FAKEY_SCRIPT;
    const shown = await onTerminal(sb, ["run", "%m:fakey/scripted tell me"]);
    assertStringIncludes(shown, SHOWN);
    assert(!hostileRaw(shown), JSON.stringify(shown));
    const piped = await runSase(["run", "%m:fakey/scripted tell me"], { env: sb.env, cwd: sb.cwd });
    assertEquals(piped.stdout, HOSTILE + "\n");
    const [first] = await runDirs(sb);
    assertEquals(await Deno.readTextFile(join(first, "live_reply.md")), HOSTILE);
  },
});

Deno.test({
  name: "agent show, agent list and chat show neutralise what agents wrote",
  ignore: Deno.build.os !== "linux",
  async fn() {
    await using sb = await makeSandbox();
    const env = await hostileScript(sb);
    const run = await runSase(["run", `%n:evil %m:fakey/scripted say ${ESC}]0;x${ESC}\\ hi`], {
      env,
      cwd: sb.cwd,
    });
    assertEquals(run.code, 0, run.stderr);
    const show = await runSase(["agent", "show", "evil"], { env, cwd: sb.cwd });
    assertEquals(show.code, 0, show.stderr);
    assert(!show.stdout.includes(ESC), JSON.stringify(show.stdout));
    assertStringIncludes(show.stdout, SHOWN);
    assertStringIncludes(show.stdout, "say ^[]0;x^[\\ hi");
    const list = await runSase(["agent", "list"], { env, cwd: sb.cwd });
    assert(!list.stdout.includes(ESC), JSON.stringify(list.stdout));
    assertStringIncludes(list.stdout, "say ^[]0;x^[\\ hi");
    // JSON escapes control characters itself: the text is kept as written.
    const json = JSON.parse(
      (await runSase(["agent", "show", "evil", "-j"], { env, cwd: sb.cwd }))
        .stdout,
    );
    assertStringIncludes(json.reply_tail, HOSTILE);
    const chat = await onTerminal(sb, ["chat", "show", "evil", "-f", "response"]);
    assertStringIncludes(chat, SHOWN);
    assert(!hostileRaw(chat), JSON.stringify(chat));
    const chatList = await onTerminal(sb, ["chat", "list"]);
    assert(!hostileRaw(chatList), JSON.stringify(chatList));
    const raw = await runSase(["chat", "show", "evil"], { env, cwd: sb.cwd });
    assertStringIncludes(raw.stdout, HOSTILE);
  },
});
