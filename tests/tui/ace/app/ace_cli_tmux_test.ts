/**
 * `sase ace` options that need a real terminal, in tmux: the performance
 * recorders over a j burst (guide §9.15, second part), `-p` writing its
 * CPU profile and printing where, and `-T` opening ACE in a new tmux
 * window named `sase_tmux_<N>`.
 */

import { join } from "../../../../core/fs/path.ts";
import { assert, assertEquals } from "../../../_helpers/assert.ts";
import { writeAceFixture } from "../../../_helpers/ace_fixtures.ts";
import { makeSandbox } from "../../../_helpers/sandbox.ts";
import { needing } from "../../../_helpers/tools.ts";
import { Tmux } from "../../../_helpers/tmux.ts";
import { saseCommand, shellQuote } from "../../../../core/self_command.ts";
import { shows, startAce, TMUX } from "./_ace_tmux.ts";

const ignore = !TMUX;

async function jsonl(path: string): Promise<Array<Record<string, unknown>>> {
  return (await Deno.readTextFile(path)).trim().split("\n").map((line) => JSON.parse(line));
}

Deno.test({
  name: needing(
    "ACE §9.15: with SASE_TUI_TRACE/PERF a j burst records highlight spans only, and key-to-paint rows",
    "tmux",
    TMUX,
  ),
  ignore,
  async fn() {
    await using box = await makeSandbox();
    await writeAceFixture(box.saseHome, { changeSpecs: 500, agents: 0 });
    {
      await using tmux = await startAce(
        box,
        ["-x", "-r", "600", "-t", "changespecs", "proj"],
        undefined,
        {
          SASE_TUI_TRACE: "1",
          SASE_TUI_PERF: "1",
        },
      );
      await tmux.waitFor((s) => s[2].includes("500 PRs"), "500 PRs");
      await new Promise((resolve) => setTimeout(resolve, 500));
      await tmux.sendKeys("y");
      for (let i = 0; i < 50; i++) {
        await tmux.sendKeys("j");
        // Apart enough to be separate frames (keys arriving together share one paint).
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
      await tmux.sendKeys("q");
      await tmux.waitFor((s) => shows(s, "ace exited 0"), "quit");
    }
    const perf = join(box.saseHome, "perf");
    const trace = await jsonl(join(perf, "tui_trace.jsonl"));
    const spans = trace.filter((r) => typeof r.span === "string");
    for (const record of spans) {
      assertEquals(typeof record.ts, "number");
      assertEquals(typeof record.duration_ms, "number");
      assert("current_tab" in record, "current_tab on every record");
    }
    // The `y` reload marks where the burst starts.
    const reload = spans.findLastIndex((r) => r.span === "changespec.refresh_display");
    assert(reload !== -1, "the y reload was traced");
    const burst = spans.slice(reload + 1).map((r) => r.span);
    const highlights = burst.filter((s) => s === "widget.changespec_list.update_highlight").length;
    assert(
      highlights >= 25 && highlights <= 50,
      `highlight spans: ${highlights} (${burst.join()})`,
    );
    assertEquals(burst.filter((s) => s === "widget.changespec_list.update_list").length <= 1, true);
    assert(trace.some((r) => r.event === "selection.current_idx.set"), "selection events");
    const keys = await jsonl(join(perf, "tui_jk.jsonl"));
    const js = keys.filter((r) => r.action === "j");
    assert(js.length >= 25 && js.length <= 50, `key-to-paint rows for j: ${js.length}`);
    for (const row of js) {
      assertEquals(typeof row.paint_ms, "number");
      assertEquals(row.current_tab, "changespecs");
    }
  },
});

Deno.test({
  name: needing(
    "ACE -p writes a CPU profile where asked and prints its path on exit",
    "tmux",
    TMUX,
  ),
  ignore,
  async fn() {
    await using box = await makeSandbox();
    const path = join(box.home, "ace.prof.txt");
    await using tmux = await startAce(box, ["-x", "-p", path]);
    await tmux.waitFor((s) => s.at(-1)!.includes("STOPPED"), "started");
    await tmux.sendKeys("j", "k", "q");
    const screen = await tmux.waitFor((s) => shows(s, "ace exited"), "the exit");
    assert(shows(screen, "ACE profile: ~/ace.prof.txt"), screen.join("\n"));
    assert(shows(screen, "ace exited 0"));
    const report = await Deno.readTextFile(path);
    assert(/^sase ace CPU profile: \d+ samples over/.test(report), report.slice(0, 200));
    assert(report.includes("By self time:"));
  },
});

Deno.test({
  name: needing(
    "ACE -T opens ACE in a new tmux window sase_tmux_1 and prints the target",
    "tmux",
    TMUX,
  ),
  ignore,
  async fn() {
    await using box = await makeSandbox();
    const command = [...saseCommand(), "ace", "-T", "-x", "-t", "changespecs"].map(shellQuote)
      .join(" ");
    await using tmux = await Tmux.start(["bash", "-c", `${command}; sleep 600`], {
      columns: 120,
      rows: 30,
      cwd: box.cwd,
      env: { ...box.env, DENO_NO_UPDATE_CHECK: "1" },
    });
    const screen = await tmux.waitFor((s) => shows(s, "sase_tmux_pid="), "the printed target");
    assert(shows(screen, "sase_tmux_window=sase_tmux_1"), screen.join("\n"));
    assert(shows(screen, "sase_tmux_session=test"));
    const windows = await tmux.run("list-windows", "-t", "test", "-F", "#{window_name}");
    assertEquals(windows.split("\n").includes("sase_tmux_1"), true, windows);
    const ace = async () =>
      (await tmux.run("capture-pane", "-p", "-t", "test:sase_tmux_1")).split("\n");
    const deadline = Date.now() + 20_000;
    let rows = await ace();
    while (!rows.some((row) => row.includes("PRs    Agents    AXE")) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      rows = await ace();
    }
    assert(rows.some((row) => row.includes("PRs    Agents    AXE")), rows.join("\n"));
  },
});
