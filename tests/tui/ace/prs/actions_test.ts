/**
 * The PRs tab's actions against real repositories (a temp home, a bare
 * origin and its clone; the project's WORKSPACE_DIR names the clone while
 * ACE's own directory is elsewhere): the status modal's choices from the
 * status machine and its writes (STATUS and the TIMESTAMPS event), bulk
 * status on marked PRs with a refusal, the diff handed to the pager, sync
 * against the origin, rebase onto a chosen parent, rename, and the
 * refusals on settled PRs.
 */

import { assert, assertEquals, assertRejects } from "../../../_helpers/assert.ts";
import { SaseError } from "../../../../core/errors.ts";
import { join } from "node:path";
import { git } from "../../../_helpers/git.ts";
import { key } from "../../../../tui/engine/keys.ts";
import type { AppContext } from "../../../../core/context.ts";
import type { ChangeSpec } from "../../../../core/changespec/types.ts";
import { projectStore } from "../../../../core/changespec/read.ts";
import {
  NO_PARENT,
  parentCandidates,
  parseTagInput,
  prAction,
  type PrActionKind,
  warned,
} from "../../../../tui/ace/prs/actions.ts";
import { ChoiceModal } from "../../../../tui/ace/modals/choice/controller.ts";
import { InputModal } from "../../../../tui/ace/modals/input/controller.ts";
import type { AceModal, ModalOutcome, ModalTask } from "../../../../tui/ace/modals/modal.ts";
import { type OpsRepo, opsRepo, STAMP } from "../../../core/changespec/ops/_repo.ts";

function spec(name: string, status: string, parent: string | null = null): string {
  return `NAME: ${name}\nDESCRIPTION: Work on ${name}.\n${
    parent ? `PARENT: ${parent}\n` : ""
  }STATUS: ${status}\n`;
}

/** Project `proj` whose WORKSPACE_DIR is the clone; the returned context works elsewhere. */
async function project(repo: OpsRepo, specs: readonly string[]): Promise<AppContext> {
  await repo.writeSpecs(`WORKSPACE_DIR: ${repo.work}\n\n\n${specs.join("\n\n")}`);
  return repo.app.at(repo.sb.root);
}

/** Branch `foo` off main with one commit (`message`, adding foo.txt); main checked out again. */
async function branchFoo(repo: OpsRepo, message: string): Promise<void> {
  await repo.git("checkout", "-q", "-b", "foo");
  await repo.commit(message, { "foo.txt": "foo\n" });
  await repo.git("checkout", "-q", "main");
}

async function load(repo: OpsRepo, name: string): Promise<ChangeSpec> {
  const found = (await projectStore(repo.sb.env).specs()).find((s) => s.name === name);
  if (!found) throw new Error(`no spec ${name}`);
  return found;
}

function asTask(opened: AceModal | ModalTask): ModalTask {
  assert("run" in opened, "a task, not a modal");
  return opened as ModalTask;
}

function asModal(opened: AceModal | ModalTask | undefined): AceModal {
  assert(opened !== undefined && !("run" in opened), "a modal, not a task");
  return opened as AceModal;
}

/** Press `names` in `modal`; returns the tasks of the step that closed it. */
function press(
  modal: AceModal,
  ...names: string[]
): { modal: AceModal | null; tasks: ModalTask[] } {
  let current: AceModal | null = modal;
  let tasks: ModalTask[] = [];
  for (const name of names) {
    assert(current !== null, `the modal closed before ${name}`);
    const step = current.key(key(name));
    current = step.modal;
    tasks = [...step.tasks];
  }
  return { modal: current, tasks };
}

function labels(modal: AceModal): string[] {
  assert(modal instanceof ChoiceModal);
  return (modal as ChoiceModal).spec.choices.map((choice) => choice.label);
}

async function runOne(app: AppContext, tasks: readonly ModalTask[]): Promise<ModalOutcome> {
  assertEquals(tasks.length, 1);
  return await tasks[0].run(app);
}

Deno.test("s: the choices are the status machine's transitions from the PR's status, in lifecycle order; none from a terminal one", async () => {
  await using repo = await opsRepo();
  await project(repo, [
    spec("w", "WIP"),
    spec("r", "Ready"),
    spec("m", "Mailed"),
    spec("s", "Submitted"),
  ]);
  assertEquals(labels(asModal(prAction("status", await load(repo, "w"), []))), ["Draft", "Ready"]);
  assertEquals(labels(asModal(prAction("status", await load(repo, "r"), []))), ["Draft", "Mailed"]);
  assertEquals(labels(asModal(prAction("status", await load(repo, "m"), []))), ["Submitted"]);
  const refused = await asTask(prAction("status", await load(repo, "s"), [])).run(repo.app);
  assertEquals(refused.toast, {
    severity: "info",
    text: "s is Submitted: no status change is allowed from it",
  });
  const none = await asTask(prAction("status", undefined, [])).run(repo.app);
  assertEquals(none.toast?.text, "No PR selected");
});

Deno.test("s then Enter: the ChangeSpec file gets the new STATUS and its TIMESTAMPS STATUS event; the tab reloads", async () => {
  await using repo = await opsRepo();
  const app = await project(repo, [spec("foo", "WIP"), spec("bar", "WIP")]);
  const modal = asModal(prAction("status", await load(repo, "foo"), []));
  assertEquals(modal.title, "Status: foo");
  const step = press(modal, "j", "k", "j", "enter");
  assertEquals(step.modal, null);
  const outcome = await runOne(app, step.tasks);
  assertEquals(outcome.toast, { severity: "info", text: "foo: WIP → Ready" });
  assertEquals(outcome.refresh, ["changespecs"]);
  assertEquals(
    await repo.activeText(),
    `WORKSPACE_DIR: ${repo.work}\n\n\n` +
      `${spec("foo", "Ready")}TIMESTAMPS:\n  [${STAMP}] STATUS WIP -> Ready\n\n\n${
        spec("bar", "WIP")
      }`,
  );
});

Deno.test("S: choices are every status some marked PR may take, with counts; each PR moves or is reported; no marks is a notice", async () => {
  await using repo = await opsRepo();
  const app = await project(repo, [spec("a", "WIP"), spec("b", "Ready"), spec("c", "Draft")]);
  const marked = [await load(repo, "a"), await load(repo, "b"), await load(repo, "c")];
  const modal = asModal(prAction("bulk_status", undefined, marked));
  assertEquals(modal.title, "Status of 3 marked PRs");
  // WIP → Draft|Ready, Ready → Draft|Mailed, Draft → Ready.
  assertEquals(labels(modal), ["Draft  (2 of 3)", "Ready  (2 of 3)", "Mailed  (1 of 3)"]);
  const outcome = await runOne(app, press(modal, "enter").tasks);
  assertEquals(outcome.toast?.severity, "warning");
  assertEquals(
    outcome.toast?.text,
    "Set Draft on 2 of 3 PRs; c: Invalid status transition for 'c': 'Draft' -> 'Draft'. " +
      "Allowed transitions from 'Draft': ['Ready']",
  );
  const text = await repo.activeText();
  assert(
    text.includes(
      `NAME: a\nDESCRIPTION: Work on a.\nSTATUS: Draft\nTIMESTAMPS:\n  [${STAMP}] STATUS WIP -> Draft\n`,
    ),
    text,
  );
  // Ready → Draft gives the spec a `_<N>` suffix (the status machine's rule).
  assert(
    text.includes(
      "NAME: b_1\nDESCRIPTION: Work on b.\nSTATUS: Draft\nTIMESTAMPS:\n" +
        `  [${STAMP}] RENAME b -> b_1\n  [${STAMP}] STATUS Ready -> Draft\n`,
    ),
    text,
  );
  assert(text.endsWith(spec("c", "Draft")), "c is untouched");
  const none = await asTask(prAction("bulk_status", await load(repo, "a"), [])).run(app);
  assertEquals(none.toast?.text, "No marked PRs (mark with m)");
});

Deno.test("S: when every marked PR moves the toast counts them; a single refusal alone is an error", async () => {
  await using repo = await opsRepo();
  const app = await project(repo, [spec("a", "WIP"), spec("b", "Draft")]);
  const both = asModal(
    prAction("bulk_status", undefined, [await load(repo, "a"), await load(repo, "b")]),
  );
  assertEquals(labels(both), ["Draft  (1 of 2)", "Ready  (2 of 2)"]);
  const outcome = await runOne(app, press(both, "j", "enter").tasks);
  assertEquals(outcome.toast, { severity: "info", text: "Set Ready on 2 PRs" });
  // A PR whose status changed on disk since the tab loaded it: the machine refuses, alone an error.
  const stale = asModal(
    prAction("bulk_status", undefined, [{ ...(await load(repo, "a")), status: "WIP" }]),
  );
  const refused = await runOne(app, press(stale, "j", "enter").tasks);
  assertEquals(refused.toast, {
    severity: "error",
    text:
      "a: Invalid status transition for 'a': 'Ready' -> 'Ready'. Allowed transitions from 'Ready': ['Mailed', 'Draft']",
  });
  const terminal = { ...(await load(repo, "a")), status: "Submitted" };
  const none = await asTask(prAction("bulk_status", undefined, [terminal])).run(app);
  assertEquals(none.toast, {
    severity: "warning",
    text: "None of the marked PRs can change status",
  });
});

Deno.test("d: the PR's branch diff (against main's merge base) goes to $PAGER; an unchanged branch is a notice", async () => {
  await using repo = await opsRepo();
  await repo.git("checkout", "-q", "-b", "foo");
  await repo.commit("feat: foo", { "foo.txt": "hello foo\n" });
  await repo.git("checkout", "-q", "-b", "empty", "main");
  await repo.git("checkout", "-q", "main");
  const app = await project(repo, [spec("foo", "WIP"), spec("empty", "WIP")]);
  const seen = join(repo.sb.root, "paged.txt");
  const pager = join(repo.sb.root, "pager.sh");
  await Deno.writeTextFile(
    pager,
    `#!/bin/sh\necho "$(basename "$1")" > "${seen}"\ncat "$1" >> "${seen}"\n`,
  );
  await Deno.chmod(pager, 0o755);
  const paging = app.at(app.cwd);
  Object.assign(paging.env, { PAGER: pager });
  const task = asTask(prAction("diff", await load(repo, "foo"), []));
  assertEquals(task.interactive, true, "the pager takes the terminal");
  assertEquals(await task.run(paging), {});
  const paged = await Deno.readTextFile(seen);
  assert(paged.startsWith("foo.diff\n"), paged);
  assert(paged.includes("diff --git a/foo.txt b/foo.txt"), paged);
  assert(paged.includes("\n+hello foo\n"), paged);
  const empty = await asTask(prAction("diff", await load(repo, "empty"), [])).run(paging);
  assertEquals(empty.toast, { severity: "info", text: "empty has no changes" });
});

Deno.test("Y: sync against the real origin: the branch sits on the new origin/main; SYNC event; toast and reload", async () => {
  await using repo = await opsRepo();
  await branchFoo(repo, "feat: foo");
  const app = await project(repo, [spec("foo", "WIP")]);
  const other = join(repo.sb.root, "other");
  await git(repo.sb.root, repo.sb.env, "clone", "-q", repo.origin, other);
  await Deno.writeTextFile(join(other, "up.txt"), "upstream\n");
  await git(other, repo.sb.env, "add", "-A");
  await git(other, repo.sb.env, "commit", "-qm", "upstream");
  await git(other, repo.sb.env, "push", "-q", "origin", "main");
  const outcome = await asTask(prAction("sync", await load(repo, "foo"), [])).run(app);
  assertEquals(outcome.toast, { severity: "info", text: "Synced foo (foo)" });
  assertEquals(outcome.refresh, ["changespecs"]);
  assertEquals(
    (await repo.git("rev-parse", "foo~1")).trim(),
    (await git(other, repo.sb.env, "rev-parse", "HEAD")).trim(),
  );
  assert((await repo.activeText()).includes(`  [${STAMP}] SYNC Synced with remote\n`));
});

Deno.test("b: the chooser offers no-parent and the live PRs that are not the PR, its parent or its descendants; choosing one rebases", async () => {
  await using repo = await opsRepo();
  await repo.git("checkout", "-q", "-b", "base");
  await repo.commit("base", { "base.txt": "base\n" });
  await repo.git("checkout", "-q", "-b", "foo");
  await repo.commit("foo", { "foo.txt": "foo\n" });
  await repo.git("checkout", "-q", "-b", "other", "main");
  await repo.commit("other", { "other.txt": "other\n" });
  await repo.git("checkout", "-q", "main");
  const app = await project(repo, [
    spec("base", "WIP"),
    spec("foo", "WIP", "base"),
    spec("kid", "WIP", "foo"),
    spec("other", "WIP"),
    spec("done", "Submitted"),
  ]);
  const outcome = await asTask(prAction("rebase", await load(repo, "foo"), [])).run(app);
  const chooser = asModal(outcome.open);
  assertEquals(chooser.title, "Rebase foo");
  assertEquals(labels(chooser), [NO_PARENT, "other  WIP"]);
  const done = await runOne(app, press(chooser, "j", "enter").tasks);
  assertEquals(done.toast, { severity: "info", text: "Rebased foo onto other" });
  assertEquals(
    (await repo.git("rev-parse", "foo~1")).trim(),
    (await repo.git("rev-parse", "other")).trim(),
  );
  const text = await repo.activeText();
  assert(text.includes("NAME: foo\nDESCRIPTION: Work on foo.\nPARENT: other\nSTATUS: WIP\n"), text);
  assert(text.includes(`  [${STAMP}] REBASE base -> other\n`), text);
});

Deno.test("parentCandidates: drops the PR, its current parent, every descendant and settled PRs", () => {
  const mk = (name: string, status: string, parent: string | null = null) =>
    ({ name, status, parent }) as ChangeSpec;
  const all = [
    mk("root", "WIP"),
    mk("me", "WIP", "root"),
    mk("child", "Draft", "me"),
    mk("grandchild", "WIP", "child"),
    mk("peer", "Ready"),
    mk("peer_kid", "WIP", "peer"),
    mk("gone", "Reverted"),
    mk("shipped", "Submitted"),
    mk("old", "Archived"),
    mk("sent", "Mailed"),
  ];
  assertEquals(parentCandidates(all[1], all).map((s) => s.name), ["peer", "peer_kid", "sent"]);
});

Deno.test("n: the input holds the name; the typed name renames the spec and its branch (RENAME event)", async () => {
  await using repo = await opsRepo();
  await branchFoo(repo, "feat: foo");
  const app = await project(repo, [spec("foo", "WIP")]);
  const input = asModal(prAction("rename", await load(repo, "foo"), []));
  assert(input instanceof InputModal);
  assertEquals((input as InputModal).field.text, "foo");
  assertEquals(press(input, "escape"), { modal: null, tasks: [] });
  const outcome = await runOne(app, press(input, "_", "n", "e", "w", "enter").tasks);
  assertEquals(outcome.toast, { severity: "info", text: "Renamed foo to foo_new" });
  const text = await repo.activeText();
  assert(text.includes("NAME: foo_new\n"), text);
  assert(text.includes(`  [${STAMP}] RENAME foo -> foo_new\n`), text);
  assertEquals(
    await repo.git("branch", "--list", "--format=%(refname:short)", "foo*"),
    "foo_new\n",
  );
});

Deno.test("Y, b and n on a settled PR (Submitted/Reverted/Archived) are refused with a notice; d is not", async () => {
  await using repo = await opsRepo();
  await project(repo, [spec("s", "Submitted"), spec("r", "Reverted")]);
  for (const kind of ["sync", "rebase", "rename"] as PrActionKind[]) {
    for (const name of ["s", "r"]) {
      const status = name === "s" ? "Submitted" : "Reverted";
      const outcome = await asTask(prAction(kind, await load(repo, name), [])).run(repo.app);
      assertEquals(outcome.toast, {
        severity: "warning",
        text: `${name} is ${status}: cannot ${kind} it`,
      });
    }
  }
  assertEquals(asTask(prAction("diff", await load(repo, "s"), [])).label, "diff s");
});

Deno.test("w: the description goes through $EDITOR; the saved text rewrites the commit message and DESCRIPTION (REWORD event)", async () => {
  await using repo = await opsRepo();
  await branchFoo(repo, "Work on foo.");
  const app = await project(repo, [spec("foo", "WIP")]);
  const editor = join(repo.sb.root, "editor.sh");
  const seen = join(repo.sb.root, "edited_from.txt");
  await Deno.writeTextFile(
    editor,
    `#!/bin/sh\ncp "$1" "${seen}"\nprintf 'Better words for foo.\\n' > "$1"\n`,
  );
  await Deno.chmod(editor, 0o755);
  const editing = app.at(app.cwd);
  Object.assign(editing.env, { EDITOR: editor });
  delete (editing.env as Record<string, string | undefined>).VISUAL;
  const task = asTask(prAction("reword", await load(repo, "foo"), []));
  assertEquals(task.interactive, true, "the editor takes the terminal");
  const outcome = await task.run(editing);
  assertEquals(outcome.toast, { severity: "info", text: "Reworded foo" });
  assertEquals(
    await Deno.readTextFile(seen),
    "Work on foo.",
    "the editor opened on the description",
  );
  assertEquals((await repo.git("log", "-1", "--format=%B", "foo")).trim(), "Better words for foo.");
  const text = await repo.activeText();
  assert(text.includes("NAME: foo\nDESCRIPTION:\n  Better words for foo.\nSTATUS: WIP\n"), text);
  assert(text.includes(`  [${STAMP}] REWORD description\n`), text);
});

Deno.test("W: TAG=value is appended to the commit's description (REWORD tag event); input without = is refused", async () => {
  await using repo = await opsRepo();
  await branchFoo(repo, "Work on foo.");
  const app = await project(repo, [spec("foo", "WIP")]);
  const input = asModal(prAction("tag", await load(repo, "foo"), []));
  assertEquals(input.title, "Tag foo");
  const bad = await runOne(app, press(input, "n", "o", "enter").tasks);
  assertEquals(bad.toast, { severity: "error", text: "Expected TAG=value, got 'no'" });
  const typed = ["T", "E", "S", "T", "E", "D", "=", "y", "e", "s", "enter"];
  const outcome = await runOne(app, press(input, ...typed).tasks);
  assertEquals(outcome.toast, { severity: "info", text: "Tagged foo: TESTED=yes" });
  assert((await repo.git("log", "-1", "--format=%B", "foo")).includes("TESTED=yes"));
  assert((await repo.activeText()).includes(`  [${STAMP}] REWORD tag "TESTED"\n`));
});

Deno.test("parseTagInput: TAG=value split at the first =, trimmed; no = or an empty tag is null", () => {
  assertEquals(parseTagInput("BUG=123"), { tag: "BUG", value: "123" });
  assertEquals(parseTagInput(" K = a=b "), { tag: "K", value: "a=b" });
  assertEquals(parseTagInput("=x"), null);
  assertEquals(parseTagInput("novalue"), null);
});

Deno.test("M: a confirmation first (Esc mails nothing); Enter pushes the branch to origin and a Ready PR becomes Mailed", async () => {
  await using repo = await opsRepo();
  await branchFoo(repo, "Work on foo.");
  const app = await project(repo, [spec("foo", "Ready")]);
  const confirm = asModal(prAction("mail", await load(repo, "foo"), []));
  assertEquals(confirm.title, "Mail foo?");
  assertEquals(labels(confirm), ["Mail foo"]);
  assertEquals(press(confirm, "escape"), { modal: null, tasks: [] });
  const outcome = await runOne(app, press(confirm, "enter").tasks);
  assertEquals(outcome.toast, { severity: "info", text: "Mailed foo; now Mailed" });
  assertEquals(
    (await git(repo.origin, repo.sb.env, "rev-parse", "refs/heads/foo")).trim(),
    (await repo.git("rev-parse", "foo")).trim(),
  );
  const text = await repo.activeText();
  assert(
    text.includes("STATUS: Mailed\nTIMESTAMPS:\n") && text.includes("STATUS Ready -> Mailed\n"),
    text,
  );
});

Deno.test("e: $EDITOR opens the ProjectSpec at the PR's NAME line; a clean save reloads, a bad one is reported with file and line", async () => {
  await using repo = await opsRepo();
  const app = await project(repo, [spec("first", "WIP"), spec("foo", "WIP")]);
  const args = join(repo.sb.root, "editor_args.txt");
  const editorScript = async (name: string, body: string) => {
    const path = join(repo.sb.root, name);
    await Deno.writeTextFile(path, `#!/bin/sh\necho "$@" > "${args}"\n${body}exit 0\n`);
    await Deno.chmod(path, 0o755);
    const editing = app.at(app.cwd);
    Object.assign(editing.env, { EDITOR: path });
    delete (editing.env as Record<string, string | undefined>).VISUAL;
    return editing;
  };
  const task = asTask(prAction("edit", await load(repo, "foo"), []));
  assertEquals(task.interactive, true);
  const clean = await task.run(await editorScript("keep.sh", ""));
  assertEquals(clean, {
    toast: { severity: "info", text: `Saved ${repo.active}` },
    refresh: ["changespecs"],
  });
  // WORKSPACE_DIR, two blank lines, first (3 lines), two blank lines: foo's NAME is line 9.
  assertEquals(await Deno.readTextFile(args), `+9 ${repo.active}\n`);
  const bad = await task.run(
    await editorScript("dup.sh", `printf 'STATUS: Ready\\n' >> "$2"\n`),
  );
  assertEquals(bad, {
    toast: {
      severity: "warning",
      text: `${repo.active}:12 STATUS: duplicate STATUS field in ChangeSpec 'foo'; last one wins`,
    },
    refresh: ["changespecs"],
  });
});

Deno.test("R: the chooser lists the earlier landed entries newest first with what each undoes; choosing one rewinds (REWIND event)", async () => {
  await using repo = await opsRepo({ "f.txt": "a\n" });
  await repo.git("checkout", "-q", "-b", "foo");
  const diffs = join(repo.sb.home, ".sase", "diffs");
  await Deno.mkdir(diffs, { recursive: true });
  for (const [name, text] of [["one", "a\nb\n"], ["two", "a\nb\nc\n"], ["three", "a\nb\nc\nd\n"]]) {
    await Deno.writeTextFile(join(repo.work, "f.txt"), text);
    await repo.git("add", "-A");
    await Deno.writeTextFile(join(diffs, `${name}.diff`), await repo.git("diff", "--cached"));
    await repo.git("commit", "-qm", name);
  }
  await repo.git("checkout", "-q", "main");
  const app = await project(repo, [
    spec("foo", "WIP") +
    "COMMITS:\n" +
    "  (1) one\n      | DIFF: ~/.sase/diffs/one.diff\n" +
    "  (1a) a proposal\n" +
    "  (2) two\n      | DIFF: ~/.sase/diffs/two.diff\n" +
    "  (3) three\n      | DIFF: ~/.sase/diffs/three.diff\n",
    spec("single", "WIP") + "COMMITS:\n  (1) only\n",
  ]);
  const chooser = asModal(prAction("rewind", await load(repo, "foo"), []));
  assertEquals(chooser.title, "Rewind foo");
  assertEquals(labels(chooser), [
    "(2) two  — undo 1 later entry",
    "(1) one  — undo 2 later entries",
  ]);
  const outcome = await runOne(app, press(chooser, "j", "enter").tasks);
  assertEquals(outcome.toast, { severity: "info", text: "Rewound foo to (1): 2 entries undone" });
  assertEquals(await repo.git("log", "-1", "--format=%s", "foo"), "[rewind] (1)\n");
  assertEquals(await repo.git("show", "foo:f.txt"), "a\nb\n");
  assert((await repo.activeText()).includes(`  [${STAMP}] REWIND (1)\n`));
  const none = await asTask(prAction("rewind", await load(repo, "single"), [])).run(app);
  assertEquals(none.toast?.text, "single has no earlier COMMITS entry to rewind to");
});

Deno.test("C: checks out the PR's branch in WORKSPACE_DIR; already on it is a notice; a dirty tree is refused untouched", async () => {
  await using repo = await opsRepo();
  await branchFoo(repo, "Work on foo.");
  const app = await project(repo, [spec("foo", "WIP")]);
  const foo = await load(repo, "foo");
  const head = async () => (await repo.git("rev-parse", "--abbrev-ref", "HEAD")).trim();
  await Deno.writeTextFile(join(repo.work, "README.md"), "local edit\n");
  await assertRejects(
    () => asTask(prAction("checkout", foo, [])).run(app),
    SaseError,
    `${repo.work} has uncommitted changes; refusing to check out foo over them`,
  );
  assertEquals(await head(), "main");
  assertEquals(await Deno.readTextFile(join(repo.work, "README.md")), "local edit\n");
  await repo.git("checkout", "-q", "--", "README.md");
  const outcome = await asTask(prAction("checkout", foo, [])).run(app);
  assertEquals(outcome.toast, { severity: "info", text: `Checked out foo in ${repo.work}` });
  assertEquals(await head(), "foo");
  const again = await asTask(prAction("checkout", foo, [])).run(app);
  assertEquals(again.toast, { severity: "info", text: `${repo.work} is already on foo` });
});

Deno.test("warned: a core service's app.warn lines join the task's toast (a warning), never the terminal", async () => {
  await using repo = await opsRepo();
  const printed: string[] = [];
  const app = { ...repo.app, warn: (message: string) => void printed.push(message) };
  const quiet = await warned(() => Promise.resolve({ toast: { severity: "info", text: "Done" } }))(
    app,
  );
  assertEquals(quiet, { toast: { severity: "info", text: "Done" } });
  const noisy = await warned((inner) => {
    inner.warn("mailed, but the review URL could not be read: gh failed");
    inner.warn("second");
    return Promise.resolve({
      toast: { severity: "info", text: "Mailed foo" },
      refresh: ["changespecs"],
    });
  })(app);
  assertEquals(noisy, {
    toast: {
      severity: "warning",
      text: "Mailed foo; mailed, but the review URL could not be read: gh failed; second",
    },
    refresh: ["changespecs"],
  });
  assertEquals(printed, [], "nothing reached the context's own warn");
});
