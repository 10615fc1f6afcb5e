/**
 * The Plan Review modal over a real proposal (`proposePlan` from a planner
 * run whose `agent_meta.json` names fakey/reply): the title badge, scrolling,
 * approving (which launches the coder through the launch service, as `sase
 * plan approve` does), rejecting with and without feedback, a second answer
 * refused, and `,n` finding the newest pending plan.
 */

import { join } from "node:path";
import { assert, assertEquals, assertRejects } from "../../../_helpers/assert.ts";
import { makeSandbox, type Sandbox } from "../../../_helpers/sandbox.ts";
import { sandboxContext } from "../../../_helpers/app.ts";
import { makeGitRepo } from "../../../_helpers/git.ts";
import { allDone, killRunners, readJsonFile, runDirs } from "../../../_helpers/runs.ts";
import { proposePlan } from "../../../../core/sdd/proposals.ts";
import { SaseError } from "../../../../core/errors.ts";
import { newestActionable, openPlanReview } from "../../../../tui/ace/modals/mod.ts";
import type { PlanReviewModal } from "../../../../tui/ace/modals/plan_review/controller.ts";
import { press, render, runTasks } from "./_drive.ts";

const PLAN = [
  "---",
  "tier: tale",
  "title: Add the parser",
  "goal: Inputs parse",
  "size: small",
  "---",
  "# Plan",
  "",
  ...Array.from({ length: 40 }, (_, i) => `Step ${i + 1}: do part ${i + 1}.`),
  "",
].join("\n");

/** A repo, a planner run dir with its meta, and one proposal from that planner. */
async function propose(sb: Sandbox, name = "parser_plan.md", now?: Date) {
  const repo = join(sb.cwd, "proj");
  const exists = await Deno.stat(repo).then(() => true, () => false);
  if (!exists) await makeGitRepo(repo, sb.env);
  const planner = join(sb.root, `planner_${name}`);
  await Deno.mkdir(planner, { recursive: true });
  await Deno.writeTextFile(
    join(planner, "agent_meta.json"),
    JSON.stringify({ name: "planner", provider: "fakey", model: "reply", pid: 1 }),
  );
  const planFile = await sb.write(`plans/${name}`, PLAN);
  const proposal = await proposePlan({
    env: { ...sb.env, SASE_ARTIFACTS_DIR: planner },
    cwd: repo,
    planFile,
    now,
  });
  const app = sandboxContext(sb, { cwd: repo });
  return { repo, app, proposal, responseDir: proposal.responseDir };
}

Deno.test("plan review: title with the provider badge, the plan drawn and scrolled, hints", async () => {
  await using sb = await makeSandbox();
  const { app, proposal } = await propose(sb);
  const modal = (await openPlanReview(app, proposal.notification)) as PlanReviewModal;
  assertEquals(modal.kind, "plan_review");
  assert(
    /^Plan Review {2}FAKEY\(reply\) {2}parser_plan(_\d+)?\.md$/.test(modal.title),
    modal.title,
  );
  const screen = render(modal, 80, 12);
  assertEquals(screen[0], "---");
  assert(
    screen.at(-1)!.startsWith("a approve  t tale  E epic  L legend  r reject  f feedback"),
    screen.at(-1),
  );
  const scrolled = press(modal, "ctrl+d", "j").modal as PlanReviewModal;
  assertEquals(scrolled.state.scroll, 11);
  assertEquals(render(scrolled, 80, 12)[0], "Step 4: do part 4.");
  assertEquals((press(scrolled, "g").modal as PlanReviewModal).state.scroll, 0);
  assertEquals((press(scrolled, "k", "k").modal as PlanReviewModal).state.scroll, 9);
  // G goes to the last line; scrolling never passes it or goes above the top.
  const lines = PLAN.split("\n").length;
  assertEquals((press(modal, "G").modal as PlanReviewModal).state.scroll, lines - 1);
  assertEquals((press(modal, "k").modal as PlanReviewModal).state.scroll, 0);
  // Each approval key closes the review and asks for its kind.
  const id8 = proposal.notification.id.slice(0, 8);
  for (const [key, kind] of [["a", "approve"], ["t", "tale"], ["E", "epic"], ["L", "legend"]]) {
    const step = press(modal, key);
    assertEquals([step.modal, step.tasks.map((t) => t.label)], [null, [
      `approve plan ${id8} as ${kind}`,
    ]]);
  }
  // Lower-case l is not an approval.
  assertEquals(press(modal, "l").tasks, []);
  // q closes without answering.
  assertEquals(press(modal, "q"), { modal: null, tasks: [] });
});

Deno.test("plan review: a approves and launches the coder (fakey) like `sase plan approve`", async () => {
  await using sb = await makeSandbox();
  const { app, proposal, responseDir } = await propose(sb);
  const modal = await openPlanReview(app, proposal.notification);
  const { modal: after, tasks } = press(modal, "a");
  assertEquals(after, null);
  assertEquals(tasks.map((t) => t.label), [
    `approve plan ${proposal.notification.id.slice(0, 8)} as approve`,
  ]);
  const [outcome] = await runTasks(app, tasks);
  const dirs = await runDirs(sb);
  try {
    assertEquals(dirs.length, 1);
    const meta = await readJsonFile(join(dirs[0], "agent_meta.json"));
    assertEquals(
      outcome.toast?.text,
      `Plan ${
        proposal.notification.id.slice(0, 8)
      } approved as approve; launched coder ${meta?.name}`,
    );
    assertEquals(outcome.refresh, ["notifications", "agents"]);
    const response = await readJsonFile(join(responseDir, "plan_response.json"));
    assertEquals([response?.action, response?.kind, response?.run_coder, response?.commit_plan], [
      "approve",
      "approve",
      true,
      false,
    ]);
    const [done] = await allDone(dirs, 60_000);
    assertEquals(done.outcome, "completed", String(done.error));
    // The coder runs on the planner's model.
    assertEquals([meta?.provider, meta?.model], ["fakey", "reply"]);
    // A second decision is refused by the same create-once rule.
    await assertRejects(
      () => runTasks(app, press(modal, "r").tasks),
      SaseError,
      "already",
    );
  } finally {
    await killRunners(dirs);
  }
});

Deno.test("plan review: r rejects; f sends feedback with the rejection; Esc leaves the feedback field", async () => {
  await using sb = await makeSandbox();
  const first = await propose(sb, "one.md");
  const rejected = press(await openPlanReview(first.app, first.proposal.notification), "r");
  assertEquals(rejected.modal, null);
  const [outcome] = await runTasks(first.app, rejected.tasks);
  assertEquals(outcome.toast?.text, `Plan ${first.proposal.notification.id.slice(0, 8)} rejected`);
  // The same response `sase`'s other front doors write for a rejection.
  assertEquals(await readJsonFile(join(first.responseDir, "plan_response.json")), {
    action: "reject",
  });
  const notes = (await Deno.readTextFile(join(sb.saseHome, "notifications", "notifications.jsonl")))
    .trim().split("\n").map((line) => JSON.parse(line));
  const note = notes.find((n) => n.id === first.proposal.notification.id);
  assertEquals([note.read, note.dismissed], [true, true]);
  assertEquals(await runDirs(sb), []);

  const second = await propose(sb, "two.md");
  const review = await openPlanReview(second.app, second.proposal.notification);
  const typing = press(review, "f").modal as PlanReviewModal;
  assert(typing.state.feedback !== null);
  assert(render(typing, 80, 10).at(-2)!.startsWith("Feedback: "));
  // Esc goes back to the review; an empty feedback does not submit.
  assertEquals((press(typing, "escape").modal as PlanReviewModal).state.feedback, null);
  assertEquals(press(typing, "enter").modal, typing);
  // Keys type into the field, not the review (a and r are letters here).
  const sent = press(typing, "type:narrow the scope", "enter");
  assertEquals(sent.modal, null);
  await runTasks(second.app, sent.tasks);
  assertEquals(
    (await readJsonFile(join(second.responseDir, "plan_response.json")))?.feedback,
    "narrow the scope",
  );
  assertEquals(await runDirs(sb), []);
});

Deno.test("plan review: ,n opens the newest pending plan; none pending is null; an answered plan does not open", async () => {
  await using sb = await makeSandbox();
  const app0 = sandboxContext(sb);
  assertEquals(await newestActionable(app0), null);
  const older = await propose(sb, "older.md", new Date("2026-03-10T10:00:00Z"));
  const newer = await propose(sb, "newer.md", new Date("2026-03-10T10:05:00Z"));
  const opened = (await newestActionable(newer.app)) as PlanReviewModal;
  assertEquals(opened.state.info.id, newer.proposal.notification.id);
  await runTasks(newer.app, press(opened, "r").tasks);
  assertEquals(
    ((await newestActionable(newer.app)) as PlanReviewModal).state.info.id,
    older.proposal.notification.id,
  );
  await assertRejects(
    () => openPlanReview(newer.app, newer.proposal.notification),
    SaseError,
    "was already answered",
  );
});

Deno.test("plan review: e edits the plan in $EDITOR (interactive) and shows the edited plan", async () => {
  await using sb = await makeSandbox();
  const { app, proposal } = await propose(sb);
  const modal = (await openPlanReview(app, proposal.notification)) as PlanReviewModal;
  const { modal: after, tasks } = press(modal, "e");
  assertEquals(after, null);
  assertEquals([tasks[0].label, tasks[0].interactive], [
    `edit plan ${modal.state.info.planFile}`,
    true,
  ]);
  const editor = await sb.write(
    "bin/editor.sh",
    '#!/bin/sh\nprintf "\\nOne more step.\\n" >> "$1"\n',
  );
  await Deno.chmod(editor, 0o755);
  const [outcome] = await runTasks({ ...app, env: { ...app.env, EDITOR: editor } }, tasks);
  const reopened = outcome.open as PlanReviewModal;
  assertEquals(reopened.kind, "plan_review");
  assert(reopened.state.info.planText.endsWith("Step 40: do part 40.\n\nOne more step.\n"));
  // The edited archive is what approval reads.
  assertEquals(await Deno.readTextFile(modal.state.info.planFile), reopened.state.info.planText);
});
