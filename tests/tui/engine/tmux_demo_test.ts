/**
 * The engine in a real terminal: the demo program (tests/tui/_demo) runs in
 * tmux; the tests read tmux's screen and its pane state (alternate screen,
 * cursor) to prove rows are drawn where the user sees them, survive a
 * resize, and that the terminal is given back on SIGTERM, on quit and
 * around Ctrl+Z / `fg`.
 */

import { fromFileUrl } from "../../../core/fs/path.ts";
import { textWidth } from "../../../tui/engine/width.ts";
import { Tmux } from "../../_helpers/tmux.ts";
import { haveTool, needing } from "../../_helpers/tools.ts";
import { assert, assertEquals } from "../../_helpers/assert.ts";

const ROOT = fromFileUrl(new URL("../../../", import.meta.url));
const DEMO = "tests/tui/_demo/list_demo.ts";
const TMUX = await haveTool("tmux", ["-V"]);
const ignore = !TMUX;

/** The demo's command line, run from the repository. */
const demoCommand = `${Deno.execPath()} run -A ${DEMO}`;

/**
 * Start the demo under a shell that reports its exit status and stays, so
 * the pane (and what the terminal was left as) can be read after it exits.
 */
function startDemo(columns: number, rows: number): Promise<Tmux> {
  return Tmux.start(
    ["bash", "-c", `${demoCommand}; echo "demo exited $?"; sleep 600`],
    { columns, rows, cwd: ROOT, env: { COLORTERM: "truecolor" } },
  );
}

/** The pid of the demo's Deno process: the child of the pane's shell. */
async function demoPid(tmux: Tmux): Promise<number> {
  const shell = Number(await tmux.pane("#{pane_pid}"));
  const children = (await Deno.readTextFile(`/proc/${shell}/task/${shell}/children`)).trim();
  assert(children !== "", "the demo process is not running");
  return Number(children.split(/\s+/)[0]);
}

/**
 * Every list row of `screen` (rows 2 .. rows-2) is intact: it is a demo row
 * (`row NNN …` or `group NNN`) and its `|end` suffix ends exactly at the
 * right edge, measured in cells: a CJK or emoji row measured wrongly by the
 * engine would shift or cut it.
 */
function assertRowsIntact(screen: string[], columns: number): void {
  const rows = screen.slice(2, -1);
  assert(rows.length > 0, "no list rows");
  for (const row of rows) {
    assert(
      /^[ ▌](▼ group \d{3}|│ row \d{3} (plain|日本語テキスト|👍 emoji 👨‍👩‍👧)) +\|end$/u.test(row),
      `corrupted row: ${JSON.stringify(row)}`,
    );
    const suffixAt = textWidth(row.slice(0, row.lastIndexOf("|end")));
    assertEquals(suffixAt, columns - 4, `suffix misplaced in ${JSON.stringify(row)}`);
  }
}

Deno.test({
  name: needing(
    "tmux demo: rows render, j/k move the selection, CJK and emoji rows align",
    "tmux",
    TMUX,
  ),
  ignore,
  async fn() {
    await using tmux = await startDemo(70, 16);
    let screen = await tmux.waitFor((s) => s[1]?.startsWith("size 70x16"), "the first frame");
    assertEquals(screen[0].trimEnd(), " PRs   Agents   AXE");
    assertEquals(screen[2].trimEnd().startsWith("▌▼ group 000"), true);
    assertRowsIntact(screen, 70);
    assertEquals(await tmux.pane("#{alternate_on} #{cursor_flag}"), "1 0");
    await tmux.sendKeys("j", "j", "j");
    screen = await tmux.waitFor((s) => s[1]?.includes("selected 3"), "three j");
    assert(screen[5].startsWith("▌│ row 003 日本語テキスト"), screen[5]);
    assert(screen[2].startsWith(" ▼ group 000"), "the old selection's bar was not cleared");
    await tmux.sendKeys("k");
    screen = await tmux.waitFor((s) => s[1]?.includes("selected 2"), "k");
    assert(screen[4].startsWith("▌│ row 002 plain"), screen[4]);
    // Far down: the list scrolls and keeps rows whole.
    for (let i = 0; i < 3; i++) await tmux.sendKeys(..."j".repeat(10).split(""));
    screen = await tmux.waitFor((s) => s[1]?.includes("selected 32"), "thirty j");
    assert(screen.at(-2)!.startsWith("▌│ row 032"), screen.at(-2));
    assertRowsIntact(screen, 70);
    await tmux.sendKeys("q");
    screen = await tmux.waitFor((s) => s.some((l) => l === "demo exited 0"), "the exit");
    assertEquals(await tmux.pane("#{alternate_on} #{cursor_flag}"), "0 1");
  },
});

Deno.test({
  name: needing(
    "tmux demo: a resize redraws every row at the new width, none corrupted",
    "tmux",
    TMUX,
  ),
  ignore,
  async fn() {
    await using tmux = await startDemo(70, 16);
    await tmux.waitFor((s) => s[1]?.startsWith("size 70x16"), "the first frame");
    await tmux.sendKeys("j", "j", "j", "j", "j");
    await tmux.waitFor((s) => s[1]?.includes("selected 5"), "five j");
    await tmux.resize(46, 10);
    let screen = await tmux.waitFor((s) => s[1]?.startsWith("size 46x10"), "the narrow frame");
    assertEquals(screen.length, 10);
    assertRowsIntact(screen, 46);
    assert(screen.some((row) => row.startsWith("▌│ row 005")), "the selection was lost");
    await tmux.resize(90, 20);
    screen = await tmux.waitFor((s) => s[1]?.startsWith("size 90x20"), "the wide frame");
    assertRowsIntact(screen, 90);
    assert(screen.at(-1)!.endsWith("DEMO"), "the footer's status is not pinned right");
  },
});

Deno.test({
  name: needing(
    "tmux demo: SIGTERM restores the terminal (main screen, cursor shown) and exits 143",
    "tmux",
    TMUX,
  ),
  ignore,
  async fn() {
    await using tmux = await startDemo(60, 12);
    await tmux.waitFor((s) => s[1]?.startsWith("size 60x12"), "the first frame");
    Deno.kill(await demoPid(tmux), "SIGTERM");
    const screen = await tmux.waitFor(
      (s) => s.some((l) => l.startsWith("demo exited")),
      "the exit",
    );
    assert(screen.includes("demo exited 143"), screen.join("\n"));
    assertEquals(await tmux.pane("#{alternate_on} #{cursor_flag}"), "0 1");
    // The main screen is back: none of the demo's rows are on it.
    assert(!screen.some((l) => l.includes("|end")), screen.join("\n"));
  },
});

Deno.test({
  name: needing(
    "tmux demo: Ctrl+Z gives the shell its terminal; fg redraws the program",
    "tmux",
    TMUX,
  ),
  ignore,
  async fn() {
    await using tmux = await Tmux.start(["bash", "--norc", "--noprofile", "-i"], {
      columns: 60,
      rows: 12,
      cwd: ROOT,
      env: { PS1: "shell$ " },
    });
    await tmux.waitFor((s) => s.some((l) => l.startsWith("shell$")), "the shell prompt");
    await tmux.sendText(demoCommand);
    await tmux.sendKeys("Enter");
    await tmux.waitFor((s) => s[1]?.startsWith("size 60x12"), "the first frame");
    await tmux.sendKeys("j", "j");
    await tmux.waitFor((s) => s[1]?.includes("selected 2"), "two j");
    await tmux.sendKeys("C-z");
    let screen = await tmux.waitFor((s) => s.some((l) => /Stopped/.test(l)), "the stopped job");
    assertEquals(await tmux.pane("#{alternate_on} #{cursor_flag}"), "0 1");
    await tmux.sendText("fg");
    await tmux.sendKeys("Enter");
    screen = await tmux.waitFor((s) => s[1]?.includes("selected 2"), "the redraw after fg");
    assertRowsIntact(screen, 60);
    assert(screen[4].startsWith("▌│ row 002 plain"), screen[4]);
    assertEquals(await tmux.pane("#{alternate_on} #{cursor_flag}"), "1 0");
    await tmux.sendKeys("j");
    await tmux.waitFor((s) => s[1]?.includes("selected 3"), "input after the resume");
    await tmux.sendKeys("q");
    await tmux.waitFor(
      (s) => s.filter((l) => l.trim() !== "").at(-1)?.trimEnd() === "shell$",
      "the prompt after the demo quit",
    );
    assertEquals(await tmux.pane("#{alternate_on} #{cursor_flag}"), "0 1");
  },
});
