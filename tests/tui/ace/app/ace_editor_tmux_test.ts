/**
 * ACE hands the terminal to `$EDITOR` and takes it back (the runner's
 * hand-off): `Ctrl+G g` in the prompt bar opens the bar's text in a
 * scripted editor on the main screen, and the saved text launches a fakey
 * agent whose reply streams in. One editor rewrites the file itself; the
 * other reads a line typed on the terminal, so a key ACE's input reader
 * swallowed would be missing from the launched prompt.
 */

import { assertEquals } from "../../../_helpers/assert.ts";
import { makeSandbox } from "../../../_helpers/sandbox.ts";
import type { Tmux } from "../../../_helpers/tmux.ts";
import { needing } from "../../../_helpers/tools.ts";
import { body, shows, startAce, TMUX } from "./_ace_tmux.ts";

const ignore = !TMUX;

/**
 * A tmux test: ACE on the Agents tab with `editorScript` (a `/bin/sh`
 * script) as `$EDITOR` and the prompt bar open, driven by `drive`.
 */
function editorTest(name: string, editorScript: string, drive: (tmux: Tmux) => Promise<void>) {
  Deno.test({
    name: needing(name, "tmux", TMUX),
    ignore,
    async fn() {
      await using box = await makeSandbox();
      const editor = await box.write("editor.sh", `#!/bin/sh\n${editorScript}`);
      await Deno.chmod(editor, 0o755);
      await using tmux = await startAce(box, ["-x", "-r", "600"], { columns: 160, rows: 40 }, {
        EDITOR: editor,
      });
      await tmux.waitFor((s) => /^0 Agents/.test(s[2]), "no agents yet");
      await tmux.sendKeys(",", "h");
      await tmux.waitFor((s) => shows(s, "Prompt [INSERT]"), "the prompt bar");
      await drive(tmux);
    },
  });
}

/** The agent `name` appears and, selected, shows `reply` streamed in. */
async function agentReplies(tmux: Tmux, name: string, reply: string): Promise<void> {
  await tmux.waitFor(
    (s) => body(s).some((row) => new RegExp(`[▶⦿✓] ${name}`).test(row)),
    `the agent row ${name}`,
    60_000,
  );
  await tmux.sendKeys("j");
  await tmux.waitFor((s) => shows(s, reply), "the streamed reply", 60_000);
}

editorTest(
  "ACE: Ctrl+G g opens the prompt bar's text in $EDITOR; the saved prompt launches a fakey agent",
  // The editor receives the bar's text in the file and saves it with a name and model added.
  'text=$(cat "$1")\nprintf \'%%n:roaster %%model:fakey/slow %s, edited\\n\' "$text" > "$1"\n',
  async (tmux) => {
    await tmux.sendText("grind the beans");
    await tmux.sendKeys("C-g", "g");
    await tmux.waitFor((s) => !shows(s, "Prompt [INSERT]"), "the bar closed for the editor");
    await agentReplies(tmux, "roaster", "Slowly answering: grind the beans, edited");
    assertEquals(await tmux.pane("#{alternate_on} #{cursor_flag}"), "1 0");
  },
);

editorTest(
  "ACE: Ctrl+G g hands the terminal to $EDITOR; every key typed reaches it, then ACE takes keys again",
  // An editor that asks on the terminal: only keys that reach it end up in the prompt.
  'printf "editor says: "\nread line\nprintf "%s\\n" "$line" > "$1"\n',
  async (tmux) => {
    await tmux.sendKeys("C-g", "g");
    await tmux.waitFor((s) => shows(s, "editor says:"), "the editor on the main screen");
    assertEquals(await tmux.pane("#{alternate_on} #{cursor_flag}"), "0 1");
    await tmux.sendText("%n:typist %model:fakey/slow typed into the editor");
    await tmux.sendKeys("Enter");
    await agentReplies(tmux, "typist", "Slowly answering: typed into the editor");
    assertEquals(await tmux.pane("#{alternate_on} #{cursor_flag}"), "1 0");
    // ACE reads keys again: `,h` opens the prompt bar once more.
    await tmux.sendKeys(",", "h");
    await tmux.waitFor((s) => shows(s, "Prompt [INSERT]"), "the prompt bar again");
  },
);
