/**
 * ACE kept live and kept whole, in tmux: a changed ProjectSpec and a plan
 * proposal (its notification and the refresh pulse) show up without the
 * `-r` timer; a resized window redraws without corrupted rows; SIGTERM
 * gives the terminal back; CJK and emoji text stays aligned.
 */

import { textWidth } from "../../../../tui/engine/width.ts";
import { assert, assertEquals } from "../../../_helpers/assert.ts";
import { writeAceFixture } from "../../../_helpers/ace_fixtures.ts";
import { runSase } from "../../../_helpers/cli.ts";
import { makeSandbox } from "../../../_helpers/sandbox.ts";
import { needing } from "../../../_helpers/tools.ts";
import {
  acePid,
  body,
  shows,
  spec,
  startAce,
  TMUX,
  writeGuideFixture,
  writeProject,
} from "./_ace_tmux.ts";

const ignore = !TMUX;

/** The cell column of the list / detail divider on `row` (-1 without one). */
function dividerColumn(row: string): number {
  const at = row.lastIndexOf("│");
  return at === -1 ? -1 : textWidth(row.slice(0, at));
}

Deno.test({
  name: needing(
    "ACE: a ChangeSpec added to a ProjectSpec shows up without waiting for -r",
    "tmux",
    TMUX,
  ),
  ignore,
  async fn() {
    await using box = await makeSandbox();
    await writeGuideFixture(box);
    await using tmux = await startAce(box, ["-x", "-r", "600", "-t", "changespecs", "+my_project"]);
    await tmux.waitFor((s) => s[2].includes("3 PRs"), "three PRs");
    await writeProject(box, "my_project", [
      spec("my_project_a_1", "WIP"),
      spec("my_project_b_1", "Draft"),
      spec("my_project_c_1", "Ready"),
      spec("my_project_d_1", "WIP"),
    ]);
    const screen = await tmux.waitFor((s) => s[2].includes("4 PRs"), "the new PR");
    assert(shows(screen, "my_project_d_1"));
  },
});

Deno.test({
  name: needing(
    "ACE §9.14 (refresh part): a plan proposed by an agent flips its row to PLAN and toasts",
    "tmux",
    TMUX,
  ),
  ignore,
  async fn() {
    await using box = await makeSandbox();
    await using tmux = await startAce(box, ["-x", "-r", "600"]);
    await tmux.waitFor((s) => /^0 Agents/.test(s[2]), "no agents yet");
    const launch = await runSase(["run", "-d", "%n:planner %model:fakey/plan plan it"], {
      env: box.env,
      cwd: box.cwd,
    });
    assertEquals(launch.code, 0, launch.stderr);
    const screen = await tmux.waitFor(
      (s) => body(s).some((row) => /◆ planner/.test(row)),
      "the PLAN row",
      60_000,
    );
    await tmux.waitFor((s) => shows(s, "Plan ready for review"), "the warning toast");
    assert(/✉ \d+/.test((await tmux.capture())[0]), `the indicator: ${screen[0]}`);
  },
});

Deno.test({
  name: needing("ACE: resizing the window redraws without corrupted rows", "tmux", TMUX),
  ignore,
  async fn() {
    await using box = await makeSandbox();
    await writeAceFixture(box.saseHome, { changeSpecs: 0, agents: 40, projects: 3 });
    await using tmux = await startAce(box, ["-x", "-r", "600"], { columns: 160, rows: 40 });
    await tmux.waitFor((s) => /^40 Agents/.test(s[2]), "the agents");
    for (const [columns, rows] of [[100, 24], [130, 32], [80, 20]]) {
      await tmux.resize(columns, rows);
      // Rows 3 .. rows-3 are list / detail rows (the footer may take the last two).
      const panes = (s: string[]) => s.slice(3, rows - 2);
      const screen = await tmux.waitFor(
        (s) =>
          s.length === rows && s.slice(-2).some((row) => row.includes("STOPPED")) &&
          /^\d+ Agents/.test(s[2]) &&
          panes(s).every((row) => dividerColumn(row) === dividerColumn(s[3])),
        `a clean ${columns}x${rows} frame`,
      );
      assert(screen[0].startsWith(" sase ace"), screen[0]);
      assert(screen[1].includes("PRs    Agents    AXE"), screen[1]);
      for (const row of screen) assert(textWidth(row) <= columns, `too wide: ${row}`);
      const divider = dividerColumn(screen[3]);
      assertEquals(divider, Math.max(30, Math.floor(columns * 0.5)), "the divider's column");
    }
  },
});

Deno.test({
  name: needing("ACE: SIGTERM restores the terminal (main screen, cursor shown)", "tmux", TMUX),
  ignore,
  async fn() {
    await using box = await makeSandbox();
    await using tmux = await startAce(box, ["-x"]);
    await tmux.waitFor((s) => s.at(-1)!.includes("STOPPED"), "started");
    assertEquals(await tmux.pane("#{alternate_on} #{cursor_flag}"), "1 0");
    Deno.kill(await acePid(tmux), "SIGTERM");
    await tmux.waitFor((s) => shows(s, "ace exited"), "the exit");
    assertEquals(await tmux.pane("#{alternate_on} #{cursor_flag}"), "0 1");
  },
});

Deno.test({
  name: needing("ACE: a ChangeSpec description in CJK and emoji renders aligned", "tmux", TMUX),
  ignore,
  async fn() {
    await using box = await makeSandbox();
    const description = "日本語の説明 👍 絵文字 ✨ done";
    await writeProject(box, "uni", [
      spec("uni_a_1", "WIP", description),
      spec("uni_b_1", "Draft"),
    ]);
    await using tmux = await startAce(box, ["-x", "-t", "changespecs", "+uni"]);
    await tmux.waitFor((s) => s[2].includes("2 PRs"), "the PRs");
    await tmux.sendKeys("j");
    const screen = await tmux.waitFor((s) => shows(s, "NAME: uni_a_1"), "the detail");
    const row = screen.find((r) => r.includes("日本語"))!;
    const divider = dividerColumn(screen[4]);
    assertEquals(dividerColumn(row.slice(0, row.indexOf("日本語"))), divider, "the divider");
    // `│ DESCRIPTION: <text>`: the detail starts two cells after the divider.
    const column = divider + 2 + textWidth("DESCRIPTION: ");
    assertEquals(textWidth(row.slice(0, row.indexOf("日本語"))), column, "the text's column");
    assert(row.includes(`DESCRIPTION: ${description}`), row);
    assertEquals(textWidth(row.trimEnd()), column + textWidth(description));
    for (const line of body(screen)) assert(textWidth(line) <= 200, line);
  },
});
