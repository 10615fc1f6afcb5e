/**
 * The Agents tab and the chrome of the real `sase ace` in tmux: the agent
 * query with its inline error (guide §9.9), the kill / dismiss
 * confirmation, the help, the leader key without history (§9.7), pinned
 * idle across a restart (§9.12), and a fakey agent launched with `sase run`
 * showing up and streaming its reply into the file panel.
 */

import { join } from "../../../../core/fs/path.ts";
import { readDismissedAgents } from "../../../../core/agent/index/dismissed.ts";
import { assert, assertEquals } from "../../../_helpers/assert.ts";
import { writeAceFixture } from "../../../_helpers/ace_fixtures.ts";
import { runSase } from "../../../_helpers/cli.ts";
import { makeSandbox } from "../../../_helpers/sandbox.ts";
import { needing } from "../../../_helpers/tools.ts";
import { body, shows, startAce, TMUX } from "./_ace_tmux.ts";

const ignore = !TMUX;

/** Agent rows of the list: those ending in a runtime suffix (`<start> · <elapsed>`). */
function agentRows(screen: readonly string[]): string[] {
  return body(screen).flatMap((row) => {
    const list = row.slice(0, row.lastIndexOf("│"));
    return /\d\d:\d\d.* · /.test(list) ? [list.trim()] : [];
  });
}

Deno.test({
  name: needing(
    "ACE §9.9: a bad agent query keeps the editor open with its error; status:running filters",
    "tmux",
    TMUX,
  ),
  ignore,
  async fn() {
    await using box = await makeSandbox();
    await writeAceFixture(box.saseHome, { changeSpecs: 0, agents: 20, projects: 2 });
    await using tmux = await startAce(box, ["-x", "-r", "600"]);
    await tmux.waitFor((s) => /^20 Agents/.test(s[2]), "the agents");
    await tmux.sendKeys("/");
    await tmux.waitFor((s) => shows(s, "Agent query"), "the agent query editor");
    await tmux.sendText("(status:running");
    await tmux.sendKeys("Enter");
    // tmux 3.3 ignores synchronized output, so a capture can land mid-frame: wait for a whole
    // frame with the error, then check the text is there.
    let screen = await tmux.waitFor(
      (s) =>
        shows(s, "Agent query") && shows(s, "(status:running") &&
        s.some((r) =>
          /│.*(expected|Expected|unbalanced|missing|\))/.test(r) && !r.includes("(status:running")
        ),
      "the inline error with the text kept",
    );
    assert(shows(screen, "(status:running"), "the text stays");
    await tmux.sendKeys("Escape");
    screen = await tmux.waitFor((s) => !shows(s, "Agent query"), "the editor closed");
    assert(/^20 Agents/.test(screen[2]), "the query is unchanged");
    await tmux.sendKeys("/");
    await tmux.waitFor((s) => shows(s, "Agent query"), "the editor again");
    await tmux.sendText("status:running");
    await tmux.sendKeys("Enter");
    screen = await tmux.waitFor((s) => s[2].includes("/ status:running"), "the query applied");
    await tmux.sendKeys("L");
    screen = await tmux.waitFor((s) => agentRows(s).length > 0, "rows");
    for (const row of agentRows(screen)) assert(row.includes("▶"), `not RUNNING: ${row}`);
  },
});

Deno.test({
  name: needing(
    "ACE: x on a finished agent asks once, y dismisses it and the focus moves on",
    "tmux",
    TMUX,
  ),
  ignore,
  async fn() {
    await using box = await makeSandbox();
    await writeAceFixture(box.saseHome, { changeSpecs: 0, agents: 10, projects: 1 });
    await using tmux = await startAce(box, ["-x", "-r", "600"]);
    await tmux.waitFor((s) => /^10 Agents/.test(s[2]), "the agents");
    await tmux.sendKeys("/");
    await tmux.sendText("status:done");
    await tmux.sendKeys("Enter");
    await tmux.waitFor((s) => s[2].includes("/ status:done"), "only DONE agents");
    await tmux.sendKeys("j");
    let screen = await tmux.waitFor(
      (s) => shows(s, "AGENT REPLY"),
      "an agent focused with its reply",
    );
    await tmux.sendKeys("x");
    screen = await tmux.waitFor((s) => shows(s, "Dismiss 1 finished agent"), "the confirmation");
    const name = /Dismiss 1 finished agent (\S+)\?/.exec(screen.join("\n"))![1];
    await tmux.sendKeys("y");
    await tmux.waitFor((s) => !shows(s, "Dismiss 1 finished agent"), "the dialog closed");
    await tmux.waitFor(() => readDismissedAgents(box.env).length === 1, "the dismissal recorded");
    screen = await tmux.waitFor(
      (s) => !agentRows(s).some((row) => row.includes(` ${name} `)),
      "the row gone",
    );
    assert(!shows(screen, `${name} `), `${name} is still shown`);
  },
});

Deno.test({
  name: needing(
    "ACE: ? shows the tab's keys and query syntax; §9.7 ,, without history toasts",
    "tmux",
    TMUX,
  ),
  ignore,
  async fn() {
    await using box = await makeSandbox();
    await using tmux = await startAce(box, ["-x", "-t", "changespecs"]);
    await tmux.waitFor((s) => s.at(-1)!.includes("STOPPED"), "started");
    await tmux.sendKeys("?");
    let screen = await tmux.waitFor((s) => shows(s, "─ Help "), "the help");
    assert(shows(screen, "Query Syntax"), "the PRs query syntax");
    assert(shows(screen, "Cycle COMMITS"), "the fold keys");
    await tmux.sendKeys("?");
    await tmux.waitFor((s) => !shows(s, "─ Help "), "the help closed");
    await tmux.sendKeys(",");
    screen = await tmux.waitFor((s) => s.at(-1)!.startsWith(" LEADER "), "the LEADER mode label");
    await tmux.sendKeys(",");
    screen = await tmux.waitFor((s) => shows(s, "No previous leader command"), "the toast");
    assert(!leaderShown(screen), "the mode ended");
  },
});

function leaderShown(screen: readonly string[]): boolean {
  return screen.at(-1)!.startsWith(" LEADER ");
}

Deno.test({
  name: needing(
    "ACE §9.12: I pins a red IDLE that survives j and a restart; I again clears it",
    "tmux",
    TMUX,
  ),
  ignore,
  async fn() {
    await using box = await makeSandbox();
    const marker = join(box.saseHome, "tui_pinned_idle");
    {
      await using tmux = await startAce(box, ["-x"]);
      await tmux.waitFor((s) => s.at(-1)!.includes("STOPPED"), "started");
      await tmux.sendKeys("I");
      await tmux.waitFor((s) => /\bIDLE\b/.test(s[0]), "IDLE");
      await tmux.waitFor(() => {
        try {
          Deno.statSync(marker);
          return true;
        } catch {
          return false;
        }
      }, "the marker file");
      await tmux.sendKeys("j");
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert(/\bIDLE\b/.test((await tmux.capture())[0]), "still IDLE after j");
      await tmux.sendKeys("q");
      await tmux.waitFor((s) => shows(s, "ace exited 0"), "quit");
    }
    await using tmux = await startAce(box, ["-x"]);
    await tmux.waitFor((s) => /\bIDLE\b/.test(s[0]), "IDLE restored");
    await tmux.sendKeys("I");
    await tmux.waitFor((s) => !/\bIDLE\b/.test(s[0]), "IDLE cleared");
    await tmux.waitFor(() => {
      try {
        Deno.statSync(marker);
        return false;
      } catch {
        return true;
      }
    }, "the marker removed");
  },
});

Deno.test({
  name: needing(
    "ACE: a fakey agent from `sase run` appears RUNNING and its reply streams into the panel",
    "tmux",
    TMUX,
  ),
  ignore,
  async fn() {
    await using box = await makeSandbox();
    await using tmux = await startAce(box, ["-x", "-r", "600"]);
    await tmux.waitFor((s) => /^0 Agents/.test(s[2]), "no agents yet");
    const launch = await runSase(
      ["run", "-d", "%n:streamer %model:fakey/slow tell me a story"],
      { env: box.env, cwd: box.cwd },
    );
    assertEquals(launch.code, 0, launch.stderr);
    let screen = await tmux.waitFor(
      (s) => agentRows(s).some((row) => row.includes("streamer")),
      "the new agent row",
    );
    await tmux.sendKeys("j");
    screen = await tmux.waitFor(
      (s) => shows(s, "Slowly answering: tell me a story"),
      "the streamed reply",
    );
    screen = await tmux.waitFor(
      (s) => agentRows(s).some((row) => row.includes("✓ streamer")),
      "DONE at the end",
      60_000,
    );
    assert(shows(screen, "AGENT REPLY"));
  },
});
