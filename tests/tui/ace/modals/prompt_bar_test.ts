/**
 * The prompt bar and prompt history over a real SASE_HOME: INSERT editing,
 * submitting through the launch service (a fakey agent), cancelling into
 * history, NORMAL mode, `$EDITOR` through `Ctrl+G g` (with and without
 * `%edit`), and the history modal `Ctrl+K`, `,.` and `,>` open.
 */

import { join } from "node:path";
import { assert, assertEquals } from "../../../_helpers/assert.ts";
import { makeSandbox, type Sandbox } from "../../../_helpers/sandbox.ts";
import { sandboxContext } from "../../../_helpers/app.ts";
import { allDone, killRunners, readJsonFile, runDirs } from "../../../_helpers/runs.ts";
import { openPromptBar, openPromptHistory } from "../../../../tui/ace/modals/mod.ts";
import type { PromptBarModal } from "../../../../tui/ace/modals/prompt_bar/controller.ts";
import type { PromptHistoryModal } from "../../../../tui/ace/modals/prompt_history/controller.ts";
import type { AceModal } from "../../../../tui/ace/modals/modal.ts";
import { press, render, runTasks } from "./_drive.ts";

async function history(sb: Sandbox): Promise<Record<string, unknown>[]> {
  const stored = await readJsonFile(join(sb.saseHome, "prompt_history.json"));
  return (stored?.prompts ?? []) as Record<string, unknown>[];
}

Deno.test("prompt bar: INSERT editing, Ctrl+J newline, Enter launches a fakey agent through the launch service", async () => {
  await using sb = await makeSandbox();
  const app = sandboxContext(sb);
  const bar = openPromptBar();
  assertEquals([bar.kind, bar.title, bar.placement], ["prompt", "Prompt [INSERT]", "bottom"]);
  // Enter on an empty bar does nothing.
  assertEquals(press(bar, "enter").modal, bar);
  const typed = press(bar, "type:%m:fakey/reply hello", "ctrl+j", "type:world")
    .modal as PromptBarModal;
  assertEquals(typed.text, "%m:fakey/reply hello\nworld");
  // The bar grows with its lines (two lines, the border and the hints).
  assertEquals(typed.size({ columns: 80, rows: 24 }), { columns: 80, rows: 5 });
  assertEquals(render(typed, 60, 3), [
    "%m:fakey/reply hello",
    "world",
    "Enter submit  ^J newline  ^K history  ^G g $EDITOR  ^C canc…",
  ]);
  const submitted = press(typed, "enter");
  assertEquals(submitted.modal, null);
  assertEquals(submitted.tasks.map((t) => t.label), ["launch prompt"]);
  const [outcome] = await runTasks(app, submitted.tasks);
  const dirs = await runDirs(sb);
  try {
    assertEquals(dirs.length, 1);
    const meta = await readJsonFile(join(dirs[0], "agent_meta.json"));
    assertEquals(outcome.toast, { severity: "info", text: `Launched agent ${meta?.name}` });
    assertEquals(outcome.refresh, ["agents"]);
    const [done] = await allDone(dirs, 60_000);
    assertEquals(done.outcome, "completed", String(done.error));
    // Recorded in the history `sase prompt` reads.
    assertEquals((await history(sb)).map((e) => [e.text, e.cancelled]), [[
      "%m:fakey/reply hello\nworld",
      false,
    ]]);
  } finally {
    await killRunners(dirs);
  }
});

Deno.test("prompt bar: Ctrl+C records a cancelled prompt; Esc switches to NORMAL; i back to INSERT", async () => {
  await using sb = await makeSandbox();
  const app = sandboxContext(sb);
  const bar = press(openPromptBar(), "type:fix the parser").modal as PromptBarModal;
  const cancelled = press(bar, "ctrl+c");
  assertEquals(cancelled.modal, null);
  await runTasks(app, cancelled.tasks);
  assertEquals((await history(sb)).map((e) => [e.text, e.cancelled]), [["fix the parser", true]]);
  // Cancelling an empty bar records nothing.
  assertEquals(press(openPromptBar(), "ctrl+c"), { modal: null, tasks: [] });

  const normal = press(bar, "escape").modal as PromptBarModal;
  assertEquals(normal.title, "Prompt [NORMAL]");
  // NORMAL keys move and delete instead of typing.
  const edited = press(normal, "0", "x", "x", "x", "x").modal as PromptBarModal;
  assertEquals(edited.text, "the parser");
  const inserted = press(edited, "i", "type:see ").modal as PromptBarModal;
  assertEquals([inserted.title, inserted.text], ["Prompt [INSERT]", "see the parser"]);
  const appended = press(edited, "A", "type:!").modal as PromptBarModal;
  assertEquals(appended.text, "the parser!");
  // q closes from NORMAL without recording anything.
  assertEquals(press(normal, "q"), { modal: null, tasks: [] });
  // A paste in INSERT mode inserts its lines.
  const pasted = bar.paste("\nsecond line").modal as PromptBarModal;
  assertEquals(pasted.text, "fix the parser\nsecond line");
});

/** An `$EDITOR` that replaces the file with `text`. */
async function fakeEditor(sb: Sandbox, text: string): Promise<string> {
  const script = await sb.write("bin/editor.sh", `#!/bin/sh\nprintf '%s' '${text}' > "$1"\n`);
  await Deno.chmod(script, 0o755);
  return script;
}

Deno.test("prompt bar: Ctrl+G g edits in $EDITOR (interactive task): %edit returns to the bar, otherwise it launches", async () => {
  await using sb = await makeSandbox();
  const bar = press(openPromptBar(), "type:draft").modal as PromptBarModal;
  const pending = press(bar, "ctrl+g").modal as PromptBarModal;
  assert(render(pending, 60, 2)[1].startsWith("g open in $EDITOR"));
  // Esc leaves the prefix and stays in INSERT.
  const left = press(pending, "escape").modal as PromptBarModal;
  assertEquals([left.state.prefix, left.state.mode], [false, "insert"]);
  const { modal, tasks } = press(pending, "g");
  assertEquals(modal, null);
  assertEquals([tasks[0].label, tasks[0].interactive], ["compose prompt in $EDITOR", true]);

  const back = sandboxContext(sb);
  const withEdit = {
    ...back,
    env: { ...back.env, EDITOR: await fakeEditor(sb, "%edit reviewed prompt text") },
  };
  const [reopened] = await runTasks(withEdit, tasks);
  const again = reopened.open as PromptBarModal;
  assertEquals([again.kind, again.text, again.state.mode], [
    "prompt",
    "reviewed prompt text",
    "insert",
  ]);
  assertEquals(await runDirs(sb), []);

  const launching = {
    ...back,
    env: { ...back.env, EDITOR: await fakeEditor(sb, "%m:fakey/reply from the editor") },
  };
  const [launched] = await runTasks(launching, press(openPromptBar(), "ctrl+g", "ctrl+g").tasks);
  const dirs = await runDirs(sb);
  try {
    assertEquals(dirs.length, 1);
    assert(launched.toast?.text.startsWith("Launched agent "));
    await allDone(dirs, 60_000);
  } finally {
    await killRunners(dirs);
  }
  // An empty save launches nothing.
  const empty = { ...back, env: { ...back.env, EDITOR: await fakeEditor(sb, "") } };
  const [nothing] = await runTasks(empty, press(openPromptBar(), "ctrl+g", "g").tasks);
  assertEquals(nothing.toast, { severity: "info", text: "empty prompt; nothing launched" });
});

async function seedHistory(sb: Sandbox) {
  await Deno.writeTextFile(
    join(sb.saseHome, "prompt_history.json"),
    JSON.stringify({
      prompts: [
        {
          text: "#git:home fix the parser",
          timestamp: "260301_090000",
          last_used: "260309_101500",
          branch_or_workspace: "home",
          workspace: "home",
          cancelled: false,
          use_count: 2,
        },
        {
          text: "write the docs\nwith examples",
          timestamp: "260302_090000",
          last_used: "260310_081000",
          branch_or_workspace: "home",
          workspace: "home",
          cancelled: false,
          use_count: 1,
        },
        {
          text: "hello world",
          timestamp: "260303_090000",
          last_used: "260310_090000",
          branch_or_workspace: "home",
          workspace: "home",
          cancelled: true,
          use_count: 1,
        },
      ],
    }),
  );
}

Deno.test("prompt history: newest first, filter, Ctrl+X cancelled rows with x, Tab loads into the bar, Esc goes back", async () => {
  await using sb = await makeSandbox();
  const app = sandboxContext(sb);
  await seedHistory(sb);
  const modal = (await openPromptHistory(app)) as PromptHistoryModal;
  const screen = render(modal, 70, 12);
  assertEquals(screen.slice(0, 3), [
    "Search: type to filter",
    "  03-10 08:10  write the docs with examples",
    "  03-09 10:15  #git:home fix the parser",
  ]);
  const withCancelled = press(modal, "ctrl+x").modal as PromptHistoryModal;
  assertEquals(render(withCancelled, 70, 12)[1], "x 03-10 09:00  hello world");
  const filtered = press(modal, "type:PARSER").modal as PromptHistoryModal;
  assertEquals(render(filtered, 70, 12).slice(1, 3), [
    "  03-09 10:15  #git:home fix the parser",
    "",
  ]);
  // Tab loads the highlighted prompt into a prompt bar; Esc with no bar closes.
  const loaded = press(modal, "down", "tab").modal as PromptBarModal;
  assertEquals([loaded.kind, loaded.text], ["prompt", "#git:home fix the parser"]);
  assertEquals(press(modal, "escape"), { modal: null, tasks: [] });
  // ,> opens with cancelled prompts shown.
  const all = (await openPromptHistory(app, { showCancelled: true })) as PromptHistoryModal;
  assertEquals(all.state.showCancelled, true);
});

Deno.test("prompt history: Ctrl+K from a one-line bar pre-fills the filter; Esc returns to that bar; Enter launches", async () => {
  await using sb = await makeSandbox();
  const app = sandboxContext(sb);
  await seedHistory(sb);
  const bar = press(openPromptBar(), "type:docs").modal as PromptBarModal;
  const opening = press(bar, "ctrl+k");
  assertEquals(opening.modal, bar);
  const [outcome] = await runTasks(app, opening.tasks);
  const modal = outcome.open as PromptHistoryModal;
  assertEquals(modal.state.filter.text, "docs");
  assertEquals(press(modal, "escape").modal as AceModal, bar);
  // A multi-line bar opens history unfiltered.
  const multi = press(openPromptBar(), "type:a", "ctrl+j", "type:b", "ctrl+k");
  const [unfiltered] = await runTasks(app, multi.tasks);
  assertEquals((unfiltered.open as PromptHistoryModal).state.filter.text, "");

  await Deno.writeTextFile(
    join(sb.saseHome, "prompt_history.json"),
    JSON.stringify({
      prompts: [{
        text: "%m:fakey/reply run it again",
        timestamp: "260301_090000",
        last_used: "260309_101500",
        branch_or_workspace: "home",
        workspace: "home",
        cancelled: false,
        use_count: 1,
      }],
    }),
  );
  const again = (await openPromptHistory(app)) as PromptHistoryModal;
  const enter = press(again, "enter");
  assertEquals([enter.modal, enter.tasks.map((t) => t.label)], [null, ["launch prompt"]]);
  await runTasks(app, enter.tasks);
  const dirs = await runDirs(sb);
  try {
    assertEquals(dirs.length, 1);
    await allDone(dirs, 60_000);
    assertEquals((await history(sb))[0].use_count, 2);
  } finally {
    await killRunners(dirs);
  }
});
