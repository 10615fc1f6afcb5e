/**
 * The notifications inbox driven by keys over a real store in a temp
 * SASE_HOME: sections and order, dismissal (with the plan/question
 * confirmation), marks, mute, snooze, all-read, tag tabs, and `Enter`.
 */

import { join } from "node:path";
import { assert, assertEquals } from "../../../_helpers/assert.ts";
import { makeSandbox, type Sandbox } from "../../../_helpers/sandbox.ts";
import { sandboxContext } from "../../../_helpers/app.ts";
import { openNotifications } from "../../../../tui/ace/modals/mod.ts";
import type { InboxModal } from "../../../../tui/ace/modals/notifications/controller.ts";
import { inboxRows } from "../../../../tui/ace/modals/notifications/context.ts";
import { atTime, press, render, runTasks } from "./_drive.ts";

const NOW = new Date("2026-03-10T12:00:00Z");

/** A store row as producers write it (minutes before NOW). */
function row(id: string, minutesAgo: number, fields: Record<string, unknown> = {}) {
  return {
    id,
    timestamp: new Date(NOW.getTime() - minutesAgo * 60_000).toISOString(),
    sender: "user-agent",
    notes: [`note of ${id}`],
    files: [],
    action: null,
    action_data: {},
    read: false,
    dismissed: false,
    ...fields,
  };
}

const ROWS = [
  row("inbox-old", 30),
  row("plan-1", 20, {
    sender: "plan",
    action: "PlanApproval",
    action_data: { response_dir: "/nowhere" },
  }),
  row("inbox-new", 5, { tags: ["done"] }),
  row("error-1", 10, { action: "ViewErrorReport" }),
  row("muted-1", 1, { muted: true }),
  row("snoozed-1", 2, { muted: true, snooze_until: "2026-03-10T13:00:00Z" }),
  row("gone", 3, { dismissed: true }),
  row("quiet", 4, { silent: true }),
  row("question-1", 40, {
    sender: "question",
    action: "UserQuestion",
    action_data: { response_dir: "/x" },
  }),
];

async function setup(rows = ROWS) {
  const sb = await makeSandbox();
  const path = join(sb.saseHome, "notifications", "notifications.jsonl");
  await Deno.mkdir(join(path, ".."), { recursive: true });
  await Deno.writeTextFile(path, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
  const app = atTime(sandboxContext(sb), NOW);
  const modal = (await openNotifications(app)) as InboxModal;
  return { sb, app, modal, path };
}

async function stored(path: string): Promise<Record<string, Record<string, unknown>>> {
  const lines = (await Deno.readTextFile(path)).trim().split("\n").map((l) => JSON.parse(l));
  return Object.fromEntries(lines.map((line) => [line.id, line]));
}

function ids(modal: InboxModal): string[] {
  return inboxRows(modal.state).map((r) => r.kind === "header" ? `[${r.section}]` : r.record.id);
}

async function dispose(sb: Sandbox) {
  await sb[Symbol.asyncDispose]();
}

Deno.test("inbox: fixed section order, newest first inside, dismissed and silent rows left out", async () => {
  const { sb, modal } = await setup();
  try {
    assertEquals(ids(modal), [
      "[priority]",
      "plan-1",
      "question-1",
      "[errors]",
      "error-1",
      "[inbox]",
      "inbox-new",
      "inbox-old",
      "[muted]",
      "muted-1",
      "snoozed-1",
    ]);
    // j/k step over the section headers; they stop at the ends.
    assertEquals(modal.state.selected, "plan-1");
    const down = press(modal, "j", "j", "j").modal as InboxModal;
    assertEquals(down.state.selected, "inbox-new");
    assertEquals(
      (press(down, "k", "k", "k", "k", "k").modal as InboxModal).state.selected,
      "plan-1",
    );
    const end = press(modal, ...Array(20).fill("j")).modal as InboxModal;
    assertEquals(end.state.selected, "snoozed-1");
  } finally {
    await dispose(sb);
  }
});

Deno.test("inbox: x dismisses a plain row in the store and selects the next row", async () => {
  const { sb, app, modal, path } = await setup();
  try {
    const at = press(modal, "j", "j", "j").modal as InboxModal; // inbox-new
    const { modal: after, tasks } = press(at, "x");
    assertEquals((after as InboxModal).state.selected, "inbox-old");
    assert(!ids(after as InboxModal).includes("inbox-new"));
    const [outcome] = await runTasks(app, tasks);
    assertEquals(outcome.refresh, ["notifications"]);
    const rows = await stored(path);
    assertEquals(rows["inbox-new"].dismissed, true);
    assertEquals(rows["inbox-old"].dismissed, false);
  } finally {
    await dispose(sb);
  }
});

Deno.test("inbox: dismissing a plan asks y/n; n keeps it, y dismisses it", async () => {
  const { sb, app, modal, path } = await setup();
  try {
    const asked = press(modal, "x");
    assertEquals(asked.tasks, []);
    const asking = asked.modal as InboxModal;
    assertEquals(asking.state.prompt, { kind: "confirm", ids: ["plan-1"] });
    assert(render(asking).some((line) => line.includes("Dismiss this pending plan/question?")));
    // While asking, other keys do nothing.
    assertEquals(press(asking, "j").modal, asking);
    const kept = press(asking, "n");
    assertEquals(kept.tasks, []);
    assertEquals((kept.modal as InboxModal).state.prompt, null);
    assert(ids(kept.modal as InboxModal).includes("plan-1"));
    const yes = press(asking, "y");
    await runTasks(app, yes.tasks);
    assertEquals((await stored(path))["plan-1"].dismissed, true);
  } finally {
    await dispose(sb);
  }
});

Deno.test("inbox: marks make x dismiss every marked row; a marked question asks first", async () => {
  const { sb, app, modal, path } = await setup();
  try {
    // Mark inbox-new and inbox-old: no plan/question, dismissed at once.
    const plain = press(modal, "j", "j", "j", "m", "j", "m", "x");
    await runTasks(app, plain.tasks);
    let rows = await stored(path);
    assertEquals([rows["inbox-new"].dismissed, rows["inbox-old"].dismissed], [true, true]);
    assertEquals(rows["error-1"].dismissed, false);
    // Mark the question and an error row: confirmation covers both.
    const risky = press(modal, "j", "m", "j", "m", "x");
    assertEquals((risky.modal as InboxModal).state.prompt, {
      kind: "confirm",
      ids: ["question-1", "error-1"],
    });
    await runTasks(app, press(risky.modal!, "y").tasks);
    rows = await stored(path);
    assertEquals([rows["question-1"].dismissed, rows["error-1"].dismissed], [true, true]);
    assertEquals(rows["plan-1"].dismissed, false);
  } finally {
    await dispose(sb);
  }
});

Deno.test("inbox: M mutes into MUTED; M on a snoozed row unmutes it and cancels the snooze", async () => {
  const { sb, app, modal, path } = await setup();
  try {
    const muted = press(modal, "j", "j", "j", "M"); // inbox-new
    const state = (muted.modal as InboxModal).state;
    // Muted rows sort newest first inside MUTED (inbox-new is 5 minutes old).
    assertEquals(ids(muted.modal as InboxModal).slice(-4), [
      "[muted]",
      "muted-1",
      "snoozed-1",
      "inbox-new",
    ]);
    assertEquals(state.selected, "inbox-new");
    await runTasks(app, muted.tasks);
    assertEquals((await stored(path))["inbox-new"].muted, true);

    const snoozedAt = press(modal, ...Array(20).fill("j")).modal as InboxModal; // snoozed-1
    const unmuted = press(snoozedAt, "M");
    assertEquals(
      inboxRows((unmuted.modal as InboxModal).state).find((r) =>
        r.kind === "item" && r.record.id === "snoozed-1"
      )?.section,
      "inbox",
    );
    await runTasks(app, unmuted.tasks);
    const rows = await stored(path);
    assertEquals([rows["snoozed-1"].muted, rows["snoozed-1"].snooze_until], [false, null]);
  } finally {
    await dispose(sb);
  }
});

Deno.test("inbox: s picks a snooze duration; the row moves to MUTED with the deadline stored", async () => {
  const { sb, app, modal, path } = await setup();
  try {
    const picking = press(modal, "j", "j", "j", "s").modal as InboxModal;
    assertEquals(picking.state.prompt, { kind: "snooze", id: "inbox-new" });
    assert(
      render(picking).some((line) =>
        line.includes("Snooze for: 1 15m  2 1h  3 4h  4 tomorrow morning")
      ),
    );
    // A key that is no choice changes nothing; Esc cancels.
    assertEquals(press(picking, "9").modal, picking);
    assertEquals((press(picking, "escape").modal as InboxModal).state.prompt, null);
    const snoozed = press(picking, "2");
    await runTasks(app, snoozed.tasks);
    const stored1 = (await stored(path))["inbox-new"];
    assertEquals(stored1.muted, true);
    assertEquals(stored1.snooze_until, new Date(NOW.getTime() + 3_600_000).toISOString());
    assertEquals(
      inboxRows((snoozed.modal as InboxModal).state).find((r) =>
        r.kind === "item" && r.record.id === "inbox-new"
      )?.section,
      "muted",
    );
    // Tomorrow morning is 09:00 local time on the next day.
    const morning = press(picking, "4");
    await runTasks(app, morning.tasks);
    const until = new Date(String((await stored(path))["inbox-new"].snooze_until));
    const expected = new Date(NOW.getFullYear(), NOW.getMonth(), NOW.getDate() + 1, 9, 0, 0, 0);
    assertEquals(until.getTime(), expected.getTime());
  } finally {
    await dispose(sb);
  }
});

Deno.test("inbox: R marks every row read; Enter marks a plain row read; Enter on a plan opens its review task", async () => {
  const { sb, app, modal, path } = await setup();
  try {
    const enter = press(modal, "j", "j", "j", "enter"); // inbox-new
    assertEquals(enter.tasks.map((t) => t.label), ["mark notification inbox-ne read"]);
    await runTasks(app, enter.tasks);
    let rows = await stored(path);
    assertEquals([rows["inbox-new"].read, rows["inbox-old"].read], [true, false]);
    // Enter on an already read row asks for nothing.
    assertEquals(press(enter.modal!, "enter").tasks, []);

    const plan = press(modal, "enter");
    assertEquals(plan.modal, modal);
    assertEquals(plan.tasks.map((t) => t.label), ["open plan review"]);

    const all = press(modal, "R");
    assert((all.modal as InboxModal).state.records.every((r) => r.read === true));
    const [outcome] = await runTasks(app, all.tasks);
    rows = await stored(path);
    assert(Object.values(rows).every((r) => r.read === true));
    // Eight rows were unread before (the read one stayed read).
    assertEquals(outcome.toast?.text, "8 notifications marked read");
  } finally {
    await dispose(sb);
  }
});

Deno.test("inbox: [ and ] switch tag tabs (All, done, then others sorted) and clear marks", async () => {
  const { sb, modal } = await setup([
    row("a", 1, { tags: ["zeta"] }),
    row("b", 2, { tags: ["done"] }),
    row("c", 3, { tags: ["alpha"] }),
    row("d", 4),
  ]);
  try {
    const marked = press(modal, "m").modal as InboxModal;
    assertEquals(marked.state.marks.size, 1);
    const done = press(marked, "]").modal as InboxModal;
    assertEquals(done.state.tab, "done");
    assertEquals(done.state.marks.size, 0);
    assertEquals(ids(done), ["[inbox]", "b"]);
    assertEquals((press(done, "]").modal as InboxModal).state.tab, "alpha");
    assertEquals((press(done, "]", "]").modal as InboxModal).state.tab, "zeta");
    assertEquals((press(done, "]", "]", "]").modal as InboxModal).state.tab, "All");
    assertEquals((press(modal, "[").modal as InboxModal).state.tab, "zeta");
    const screen = render(done);
    assertEquals(screen[0], " All   done   alpha   zeta");
  } finally {
    await dispose(sb);
  }
});

Deno.test("inbox: draws section headers with counts, muted rows with ~, the selected row's notes and hints", async () => {
  const { sb, modal } = await setup();
  try {
    const screen = render(modal, 90, 30);
    const at = (text: string) => screen.findIndex((line) => line.includes(text));
    assert(at("PRIORITY (2)") >= 0 && at("PRIORITY (2)") < at("ERRORS (1)"));
    assert(at("ERRORS (1)") < at("INBOX (2)") && at("INBOX (2)") < at("MUTED (2)"));
    assert(screen[at("note of muted-1")].includes("~"), screen.join("\n"));
    assert(screen[at("note of inbox-new")].includes("5m ago"));
    assert(screen[at("note of snoozed-1")].includes("1h left"));
    assert(screen.at(-1)!.startsWith("j/k move  Enter open  x dismiss"));
    // The detail area repeats the selected (first) row's notes.
    assertEquals(screen.filter((line) => line.includes("note of plan-1")).length, 2);
  } finally {
    await dispose(sb);
  }
});

Deno.test("inbox: e opens the attachment in $EDITOR; Enter on an error report marks it read and opens the report", async () => {
  const files = await Deno.makeTempDir({ prefix: "sase-inbox-files-" });
  const report = join(files, "digest.txt");
  const attached = join(files, "notes.md");
  await Deno.writeTextFile(report, "errors\n");
  await Deno.writeTextFile(attached, "notes\n");
  const { sb, app, modal, path } = await setup([
    row("report", 1, {
      sender: "axe",
      action: "ViewErrorReport",
      action_data: { error_report_path: report },
      files: [attached],
    }),
    row("plain", 2, { files: [attached] }),
    row("bare", 3),
  ]);
  try {
    const editor = await sb.write("bin/editor.sh", '#!/bin/sh\necho seen >> "$1"\n');
    await Deno.chmod(editor, 0o755);
    const withEditor = { ...app, env: { ...app.env, EDITOR: editor } };
    // e on a plain row opens its first file.
    const opened = press(modal, "j", "e");
    assertEquals(opened.tasks.map((t) => [t.label, t.interactive]), [[
      `open ${attached} in $EDITOR`,
      true,
    ]]);
    await runTasks(withEditor, opened.tasks);
    assertEquals(await Deno.readTextFile(attached), "notes\nseen\n");
    // A row without files: e does nothing.
    assertEquals(press(modal, "j", "j", "e").tasks, []);
    // Enter on the error report: read, and the report (not the attached file) opens.
    const entered = press(modal, "enter");
    assertEquals(entered.tasks.map((t) => t.label), [
      "mark notification report read",
      `open ${report} in $EDITOR`,
    ]);
    await runTasks(withEditor, entered.tasks);
    assertEquals(await Deno.readTextFile(report), "errors\nseen\n");
    assertEquals((await stored(path)).report.read, true);
  } finally {
    await dispose(sb);
    await Deno.remove(files, { recursive: true });
  }
});

Deno.test("inbox: reload reads the store again and keeps the selection, marks and a pending question", async () => {
  const { sb, app, modal, path } = await setup();
  try {
    // Select inbox-old with inbox-new and error-1 marked; then another client changes the store.
    const at = press(modal, "j", "j", "m", "j", "m", "j").modal as InboxModal;
    assertEquals(at.state.selected, "inbox-old");
    const lines = (await Deno.readTextFile(path)).trim().split("\n").map((l) => JSON.parse(l));
    lines.find((l) => l.id === "error-1").dismissed = true;
    lines.push(row("fresh", 0, { tags: ["done"] }));
    await Deno.writeTextFile(path, lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
    // A refresh of other data leaves the modal as it is.
    assertEquals(await at.reload(app, ["agents"]), at);
    const reloaded = (await at.reload(app, ["notifications"])) as InboxModal;
    assertEquals(reloaded.state.selected, "inbox-old");
    assertEquals([...reloaded.state.marks], ["inbox-new"]);
    assert(ids(reloaded).includes("fresh"));
    assert(!ids(reloaded).includes("error-1"));
    // inbox-old is dismissed elsewhere while the user asks to dismiss the plan.
    const gone = lines.map((l) => l.id === "inbox-old" ? { ...l, dismissed: true } : l);
    await Deno.writeTextFile(path, gone.map((l) => JSON.stringify(l)).join("\n") + "\n");
    // Unmark inbox-new, then ask to dismiss the plan.
    const confirming = press(reloaded, "k", "m", "k", "k", "k", "x").modal as InboxModal;
    assertEquals(confirming.state.prompt?.kind, "confirm");
    const after = (await confirming.reload(app, ["notifications"])) as InboxModal;
    // The pending y/n stays while its rows still show.
    assertEquals(after.state.prompt, confirming.state.prompt);
    const dropped = gone.map((l) => l.id === "plan-1" ? { ...l, dismissed: true } : l);
    await Deno.writeTextFile(path, dropped.map((l) => JSON.stringify(l)).join("\n") + "\n");
    // The plan answered elsewhere: the question goes, the selection falls back to the first row.
    const answered = (await confirming.reload(app, ["notifications"])) as InboxModal;
    assertEquals(answered.state.prompt, null);
    assertEquals(answered.state.selected, "question-1");
  } finally {
    await dispose(sb);
  }
});
