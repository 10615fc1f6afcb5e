/**
 * The shell and its modals in a real terminal: `i` opens the notifications
 * inbox over the tab and `Esc` closes it; `,h` opens the prompt bar, and a
 * fakey agent launched from it shows up as a row whose reply streams into
 * the file panel.
 */

import { assert } from "../../../_helpers/assert.ts";
import { makeSandbox } from "../../../_helpers/sandbox.ts";
import { needing } from "../../../_helpers/tools.ts";
import { body, shows, startAce, TMUX } from "./_ace_tmux.ts";

const ignore = !TMUX;

Deno.test({
  name: needing("ACE: i opens the inbox over the tab, Esc closes it", "tmux", TMUX),
  ignore,
  async fn() {
    await using box = await makeSandbox();
    await using tmux = await startAce(box, ["-x"]);
    await tmux.waitFor((s) => s.at(-1)!.includes("STOPPED"), "started");
    await tmux.sendKeys("i");
    const screen = await tmux.waitFor(
      (s) => s.some((row) => /╭─ .*(Notifications|Inbox)/i.test(row)),
      "the inbox frame",
    );
    assert(screen[1].includes("PRs    Agents    AXE"), "the tabs stay under it");
    await tmux.sendKeys("Escape");
    await tmux.waitFor((s) => !s.some((row) => /╭─ .*(Notifications|Inbox)/i.test(row)), "closed");
  },
});

Deno.test({
  name: needing(
    "ACE: a fakey agent launched from the prompt bar (,h) appears and its reply streams in",
    "tmux",
    TMUX,
  ),
  ignore,
  async fn() {
    await using box = await makeSandbox();
    await using tmux = await startAce(box, ["-x", "-r", "600"]);
    await tmux.waitFor((s) => /^0 Agents/.test(s[2]), "no agents yet");
    await tmux.sendKeys(",", "h");
    await tmux.waitFor((s) => shows(s, "Prompt [INSERT]"), "the prompt bar");
    await tmux.sendText("%n:barista %model:fakey/slow brew the coffee");
    await tmux.sendKeys("Enter");
    await tmux.waitFor((s) => !shows(s, "Prompt [INSERT]"), "the bar closed on submit");
    await tmux.waitFor(
      (s) => body(s).some((row) => /[▶⦿✓] barista/.test(row)),
      "the new agent row",
      60_000,
    );
    await tmux.sendKeys("j");
    await tmux.waitFor(
      (s) => shows(s, "Slowly answering: brew the coffee"),
      "the streamed reply",
      60_000,
    );
  },
});
