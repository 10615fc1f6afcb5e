/**
 * `sase memory review` on a real terminal (tmux): the screen lists the
 * pending proposals of a real repository; `j` then `a` approves the
 * highlighted one (the note appears with its frontmatter); `r` refuses an
 * empty reason and rejects with one; `e` hands the terminal to `$EDITOR`
 * (the keys typed reach the editor) and approves what it saved; SIGTERM
 * gives the terminal back.
 */

import { fromFileUrl, join } from "../../../core/fs/path.ts";
import { Tmux } from "../../_helpers/tmux.ts";
import { haveTool, needing } from "../../_helpers/tools.ts";
import { assert, assertEquals } from "../../_helpers/assert.ts";
import { makeSandbox, type Sandbox } from "../../_helpers/sandbox.ts";
import { ledgerRows, proposalRepo } from "./_proposals.ts";

const MAIN = fromFileUrl(new URL("../../../main.ts", import.meta.url));
const TMUX = await haveTool("tmux", ["-V"]);
const ignore = !TMUX;

/** Start `sase memory review` in `work`; the shell reports its exit status and stays. */
function startReview(sb: Sandbox, work: string, env: Record<string, string> = {}): Promise<Tmux> {
  const command = `${Deno.execPath()} run -A --unstable-worker-options ${MAIN} memory review`;
  return Tmux.start(["bash", "-c", `${command}; echo "review exited $?"; sleep 600`], {
    columns: 120,
    rows: 24,
    cwd: work,
    env: { ...sb.env, USER: "alice", ...env },
  });
}

const has = (text: string) => (screen: string[]) => screen.some((line) => line.includes(text));

/** The pid of the review's Deno process: the child of the pane's shell. */
async function reviewPid(tmux: Tmux): Promise<number> {
  const shell = Number(await tmux.pane("#{pane_pid}"));
  const children = (await Deno.readTextFile(`/proc/${shell}/task/${shell}/children`)).trim();
  assert(children !== "", "the review process is not running");
  return Number(children.split(/\s+/)[0]);
}

Deno.test({
  name: needing(
    "memory review TUI: j + a approves the highlighted proposal; r refuses an empty reason, then rejects",
    "tmux",
    TMUX,
  ),
  ignore,
  async fn() {
    await using sb = await makeSandbox();
    const { work, ids } = await proposalRepo(sb, [
      { title: "Generated skills", slug: "generated_skills", body: "Skills body\n" },
      { title: "Build tips", slug: "build_tips", body: "Run the build\n", keywords: ["build"] },
    ]);
    await using tmux = await startReview(sb, work);
    await tmux.waitFor(has("2 pending"), "the first frame");
    // The first proposal is highlighted: its id titles the panel.
    await tmux.waitFor(has(`─ ${ids[0]} ─`), "the first proposal's panel");

    await tmux.sendKeys("j");
    await tmux.waitFor(has(`─ ${ids[1]} ─`), "j highlights the second proposal");
    await tmux.sendKeys("a");
    let screen = await tmux.waitFor(has(`approved ${ids[1]}`), "the approval toast");
    assert(has("wrote memory/build_tips.md")(screen), screen.join("\n"));
    assertEquals(
      await Deno.readTextFile(join(work, "memory", "build_tips.md")),
      [
        "---",
        "type: long",
        "parent: AGENTS.md",
        "description: Build tips",
        `source_candidate: ${ids[1]}`,
        "keywords:",
        '  - "build"',
        "---",
        "",
        "Run the build",
        "",
      ].join("\n"),
    );
    // The approved proposal left the list; the remaining one is highlighted.
    await tmux.waitFor(has("1 pending"), "one pending after the approval");
    await tmux.waitFor(has(`─ ${ids[0]} ─`), "the remaining proposal highlighted");

    await tmux.sendKeys("r");
    await tmux.waitFor(has(`Reject ${ids[0]}`), "the reason prompt");
    await tmux.sendKeys("Enter");
    screen = await tmux.waitFor(has("a rejection needs a reason"), "the empty reason refused");
    assert(has(`Reject ${ids[0]}`)(screen), "the prompt stays open after an empty reason");
    assertEquals((await ledgerRows(sb)).map((row) => row.event_type), [
      "proposed",
      "proposed",
      "approved",
    ]);
    await tmux.sendText("Too speculative");
    await tmux.sendKeys("Enter");
    await tmux.waitFor(has(`rejected ${ids[0]}`), "the rejection toast");
    await tmux.waitFor(has("0 pending"), "nothing pending");
    const rows = await ledgerRows(sb);
    assertEquals(rows.length, 4);
    assertEquals(rows[3].event_type, "rejected");
    assertEquals(rows[3].proposal_id, ids[0]);
    assertEquals(rows[3].reason, "Too speculative");
    assertEquals(rows[3].reviewer_user, "alice");
    assertEquals(
      await Deno.stat(join(work, "memory", "generated_skills.md")).catch(() => null),
      null,
    );

    await tmux.sendKeys("q");
    screen = await tmux.waitFor(has("review exited"), "the exit");
    assert(has("review exited 0")(screen), screen.join("\n"));
    assertEquals(await tmux.pane("#{alternate_on} #{cursor_flag}"), "0 1");
  },
});

Deno.test({
  name: needing(
    "memory review TUI: e hands the terminal to $EDITOR, approves what it saved, and resumes",
    "tmux",
    TMUX,
  ),
  ignore,
  async fn() {
    await using sb = await makeSandbox();
    const { work, ids } = await proposalRepo(sb, [
      { title: "Edited note", slug: "edited", body: "draft text\n" },
      { title: "Other note", slug: "other", body: "other text\n" },
    ]);
    // An editor that asks on the terminal: only keys that reach it end up in the note.
    const editor = await sb.write(
      "editor.sh",
      '#!/bin/sh\nprintf "editor says: "\nread line\nprintf "%s\\n" "$line" >> "$1"\n',
    );
    await Deno.chmod(editor, 0o755);
    await using tmux = await startReview(sb, work, { EDITOR: editor });
    await tmux.waitFor(has(`─ ${ids[0]} ─`), "the first frame");
    await tmux.sendKeys("e");
    await tmux.waitFor(has("editor says:"), "the editor on the main screen");
    assertEquals(await tmux.pane("#{alternate_on}"), "0");
    await tmux.sendText("typed in the editor");
    await tmux.sendKeys("Enter");
    await tmux.waitFor(has(`approved ${ids[0]}`), "the screen back with the approval");
    assertEquals(await tmux.pane("#{alternate_on}"), "1");
    const note = await Deno.readTextFile(join(work, "memory", "edited.md"));
    assert(note.endsWith("---\n\ndraft text\ntyped in the editor\n"), note);
    assertEquals((await ledgerRows(sb)).at(-1)?.event_type, "approved_with_edits");
    // The screen still takes keys after the hand-off.
    await tmux.sendKeys("q");
    const screen = await tmux.waitFor(has("review exited"), "the exit");
    assert(has("review exited 0")(screen), screen.join("\n"));
  },
});

Deno.test({
  name: needing("memory review TUI: SIGTERM restores the terminal and exits 143", "tmux", TMUX),
  ignore,
  async fn() {
    await using sb = await makeSandbox();
    const { work } = await proposalRepo(sb, [
      { title: "Generated skills", slug: "generated_skills", body: "Skills body\n" },
    ]);
    await using tmux = await startReview(sb, work);
    await tmux.waitFor(has("1 pending"), "the first frame");
    Deno.kill(await reviewPid(tmux), "SIGTERM");
    const screen = await tmux.waitFor(has("review exited"), "the exit");
    assert(has("review exited 143")(screen), screen.join("\n"));
    assertEquals(await tmux.pane("#{alternate_on} #{cursor_flag}"), "0 1");
    assert(!has("Memory review")(screen), screen.join("\n"));
  },
});
