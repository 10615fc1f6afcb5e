/**
 * The review screen's controller, driven with key sequences against real
 * proposals in a temp SASE_HOME: movement and its bounds, approval of the
 * highlighted proposal (the note with its frontmatter), the required
 * rejection reason, the agent identity rule, the target override, the
 * filter, the detail view, and the editor hand-off's task.
 */

import { join } from "../../../core/fs/path.ts";
import { saseContext } from "../../../entries/context.ts";
import {
  approvalTarget,
  initialContext,
  matchesFilter,
  type ReviewContext,
  selectedEntry,
  visibleEntries,
} from "../../../tui/memory/context.ts";
import { reviewKey, reviewMessage } from "../../../tui/memory/controller.ts";
import { reload } from "../../../tui/memory/tasks.ts";
import { TOAST_DURATION_MS } from "../../../tui/widgets/toasts.ts";
import { assert, assertEquals } from "../../_helpers/assert.ts";
import { makeSandbox, type Sandbox } from "../../_helpers/sandbox.ts";
import { decodeAll } from "../_keys.ts";
import { drive, openReview } from "./_drive.ts";
import { ledgerRows, proposalRepo, type ProposalSpec } from "./_proposals.ts";

const ENTER = "\r";
const ESC = "\x1b";
const CTRL_U = "\x15";

const SPECS: ProposalSpec[] = [
  { title: "Generated skills", slug: "generated_skills", body: "Skills body\n" },
  { title: "Build tips", slug: "build_tips", body: "Run the build\n", keywords: ["Deno"] },
  { title: "Release notes", slug: "release", body: "Tag, then push\n" },
];

const selected = (context: ReviewContext) => selectedEntry(context)?.state.proposal.proposal_id;
const toastTexts = (context: ReviewContext) => context.toasts.toasts.map((t) => t.text);

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

/** A human's context in `work` with `env` added (an agent identity, an editor). */
function contextWith(sb: Sandbox, work: string, env: Record<string, string>) {
  return saseContext({ env: { ...sb.env, ...env }, cwd: work, warn: () => {} });
}

Deno.test("memory review controller: j/k/g/G and the arrows move within the list, clamped", async () => {
  await using sb = await makeSandbox();
  const { app, ids } = await proposalRepo(sb, SPECS);
  // 6 rows: the title, the footer and the list box's two borders leave 2 list rows.
  let context = await openReview(app, { columns: 100, rows: 6 });
  assertEquals(selected(context), ids[0], "the first proposal starts highlighted");
  context = (await drive(app, context, "j")).context;
  assertEquals(selected(context), ids[1]);
  context = (await drive(app, context, "jj")).context;
  assertEquals(selected(context), ids[2], "j stops at the last proposal");
  // The third proposal in a 2-row list scrolled it by one.
  assertEquals(context.scrollTop, 1);
  context = (await drive(app, context, "k")).context;
  assertEquals(selected(context), ids[1]);
  context = (await drive(app, context, "g")).context;
  assertEquals([selected(context), context.scrollTop], [ids[0], 0]);
  const top = context;
  assert(reviewKey(top, decodeAll("k")[0], 0).context === top, "k at the top changes nothing");
  context = (await drive(app, context, "G")).context;
  assertEquals(selected(context), ids[2]);
  context = (await drive(app, context, "\x1b[A")).context;
  assertEquals(selected(context), ids[1], "Up moves like k");
  context = (await drive(app, context, "\x1b[B")).context;
  assertEquals(selected(context), ids[2], "Down moves like j");
});

Deno.test("memory review controller: a approves the highlighted proposal and the next takes its place", async () => {
  await using sb = await makeSandbox();
  const { app, work, ids } = await proposalRepo(sb, SPECS);
  const start = await openReview(app);
  const { context, effects } = await drive(app, start, "ja");
  assertEquals(effects, [{ kind: "approve", id: ids[1], target: undefined }]);
  assertEquals(
    await Deno.readTextFile(join(work, "memory", "build_tips.md")),
    `---\ntype: long\nparent: AGENTS.md\ndescription: Build tips\nsource_candidate: ${
      ids[1]
    }\nkeywords:\n  - "Deno"\n---\n\nRun the build\n`,
  );
  assertEquals(await exists(join(work, "memory", "generated_skills.md")), false);
  assertEquals(context.entries.map((e) => e.state.proposal.proposal_id), [ids[0], ids[2]]);
  assertEquals(selected(context), ids[2], "the proposal below the approved one is highlighted");
  assertEquals(context.busy, null);
  assertEquals(toastTexts(context)[0], `approved ${ids[1]}: wrote memory/build_tips.md`);
  assert(
    toastTexts(context)[1].startsWith("memory/build_tips.md is not referenced from AGENTS.md yet"),
    toastTexts(context).join("\n"),
  );
  assertEquals((await ledgerRows(sb)).at(-1)?.event_type, "approved");
});

Deno.test("memory review controller: a decision waits while another is in flight", async () => {
  await using sb = await makeSandbox();
  const { app } = await proposalRepo(sb, SPECS);
  const context = await openReview(app);
  const first = reviewKey(context, decodeAll("a")[0], 0);
  assertEquals(first.context.busy, `approving ${selected(context)}`);
  for (const key of ["a", "e", "r", "t"]) {
    const again = reviewKey(first.context, decodeAll(key)[0], 0);
    assertEquals(again.effects, [], `${key} while approving`);
    assertEquals(again.context.prompt, null);
    assertEquals(toastTexts(again.context), [`wait: approving ${selected(context)}`]);
  }
});

Deno.test("memory review controller: r needs a reason (empty and blank refused; Esc cancels)", async () => {
  await using sb = await makeSandbox();
  const { app, ids } = await proposalRepo(sb, SPECS);
  let context = await openReview(app);
  let step = await drive(app, context, "r" + ENTER);
  assertEquals(step.effects, []);
  assertEquals(step.context.prompt?.kind, "reject", "the prompt stays open");
  assertEquals(toastTexts(step.context), [
    "a rejection needs a reason; type why, or Esc to cancel",
  ]);
  step = await drive(app, step.context, "   " + ENTER);
  assertEquals(step.effects, [], "a blank reason is no reason");
  step = await drive(app, step.context, ESC);
  assertEquals(step.context.prompt, null);
  assertEquals(step.effects, []);
  assertEquals((await ledgerRows(sb)).length, 3, "nothing recorded");

  context = step.context;
  step = await drive(app, context, "r  Too speculative " + ENTER);
  assertEquals(step.effects, [{ kind: "reject", id: ids[0], reason: "Too speculative" }]);
  assertEquals(toastTexts(step.context).at(-1), `rejected ${ids[0]}`);
  const row = (await ledgerRows(sb)).at(-1)!;
  assertEquals([row.event_type, row.proposal_id, row.reason], [
    "rejected",
    ids[0],
    "Too speculative",
  ]);
  assertEquals(selected(step.context), ids[1]);
});

Deno.test("memory review controller: an agent identity can neither approve nor reject", async () => {
  await using sb = await makeSandbox();
  const { work, ids } = await proposalRepo(sb, SPECS);
  const agent = contextWith(sb, work, { SASE_AGENT_NAME: "agent-a" });
  let { context } = await drive(agent, await openReview(agent), "a");
  const refusal = "memory proposal review must be performed by a human; agent 'agent-a' " +
    "(from SASE_AGENT_NAME) cannot approve, edit or reject proposals " +
    "(ask the user to review with `sase memory review`)";
  assertEquals(toastTexts(context), [refusal]);
  assertEquals(context.toasts.toasts[0].severity, "error");
  assertEquals(context.busy, null, "the screen takes decisions again");
  assertEquals(await exists(join(work, "memory", "generated_skills.md")), false);
  ({ context } = await drive(agent, context, "rno" + ENTER));
  assertEquals(toastTexts(context).at(-1), refusal);
  assertEquals(context.entries.map((e) => e.state.proposal.proposal_id), ids, "still pending");
  assertEquals((await ledgerRows(sb)).length, 3, "nothing recorded");
});

Deno.test("memory review controller: a taken target is refused; t chooses another (validated)", async () => {
  await using sb = await makeSandbox();
  const { app, work, ids } = await proposalRepo(sb, SPECS);
  await Deno.mkdir(join(work, "memory"));
  await Deno.writeTextFile(join(work, "memory", "generated_skills.md"), "mine\n");
  let context = await openReview(app);
  assertEquals(selectedEntry(context)?.targetExists, true);
  ({ context } = await drive(app, context, "a"));
  assertEquals(
    toastTexts(context),
    [
      "memory proposal target already exists: memory/generated_skills.md; approval never overwrites " +
      "(approve into another unused target with --target <slug>.md)",
    ],
  );
  assertEquals(await Deno.readTextFile(join(work, "memory", "generated_skills.md")), "mine\n");

  let step = await drive(app, context, "t");
  assertEquals(step.context.prompt?.input.text, "generated_skills.md", "t starts from the target");
  step = await drive(app, step.context, CTRL_U + "a/b.md" + ENTER);
  assertEquals(step.context.prompt?.kind, "target", "a nested target is refused");
  assert(/a\/b\.md/.test(toastTexts(step.context).at(-1)!), toastTexts(step.context).join("\n"));
  step = await drive(app, step.context, CTRL_U + "skills_2.md" + ENTER);
  assertEquals(step.context.prompt, null);
  assertEquals(approvalTarget(step.context, selectedEntry(step.context)!), "skills_2.md");
  step = await drive(app, step.context, "a");
  assertEquals(step.effects, [{ kind: "approve", id: ids[0], target: "skills_2.md" }]);
  assert(
    (await Deno.readTextFile(join(work, "memory", "skills_2.md"))).endsWith("\nSkills body\n"),
  );
  assertEquals(step.context.targets, {}, "the override goes with the approved proposal");
});

Deno.test("memory review controller: / filters by id, title, author, target, keyword; Esc clears", async () => {
  await using sb = await makeSandbox();
  const { app, ids } = await proposalRepo(sb, SPECS);
  let context = await openReview(app);
  const [skills, build, release] = context.entries;
  assertEquals(matchesFilter(build, "deno"), true, "keywords, case-insensitively");
  assertEquals(matchesFilter(release, "RELEASE.md"), true, "the target");
  assertEquals(matchesFilter(skills, "agent-a"), true, "the author");
  assertEquals(matchesFilter(skills, ids[0].slice(-8)), true, "the id");
  assertEquals(matchesFilter(skills, "pending"), true, "the status");
  assertEquals(matchesFilter(skills, "deno"), false);

  ({ context } = await drive(app, context, "/tips"));
  assertEquals(visibleEntries(context).map((e) => e.state.proposal.proposal_id), [ids[1]]);
  assertEquals(selected(context), ids[1], "the highlight moves to a visible proposal");
  // While typing, j is text, not movement.
  assertEquals(context.filter.text, "tips");
  ({ context } = await drive(app, context, ENTER + "j"));
  assertEquals([context.filtering, context.filter.text, selected(context)], [
    false,
    "tips",
    ids[1],
  ]);
  ({ context } = await drive(app, context, ESC));
  assertEquals([context.filter.text, visibleEntries(context).length], ["", 3]);
  assertEquals(selected(context), ids[1], "clearing keeps the highlight");
  ({ context } = await drive(app, context, "/zzz"));
  assertEquals(selectedEntry(context), null);
  const { effects } = await drive(app, context, ENTER + "a");
  assertEquals(effects, [], "nothing to approve when nothing matches");
});

Deno.test("memory review controller: Enter/d toggle the detail view, Esc returns; y copies, q quits", async () => {
  await using sb = await makeSandbox();
  const { app, ids } = await proposalRepo(sb, SPECS);
  let context = await openReview(app);
  ({ context } = await drive(app, context, ENTER));
  assertEquals(context.detail, true);
  ({ context } = await drive(app, context, "d"));
  assertEquals(context.detail, false);
  ({ context } = await drive(app, context, "d" + ESC));
  assertEquals(context.detail, false);
  assertEquals((await drive(app, context, "jy")).effects, [{ kind: "copy", id: ids[1] }]);
  assertEquals((await drive(app, context, "q")).effects, [{ kind: "quit" }]);
});

Deno.test("memory review controller: toasts expire on the tick after their duration", async () => {
  await using sb = await makeSandbox();
  const { app } = await proposalRepo(sb, SPECS);
  const { context } = await drive(app, await openReview(app), "r" + ENTER, 1000);
  assertEquals(context.toasts.toasts.length, 1);
  const early = reviewMessage(context, { kind: "tick" }, 1000 + TOAST_DURATION_MS.error - 1);
  assert(early === context, "an early tick changes nothing");
  const late = reviewMessage(context, { kind: "tick" }, 1000 + TOAST_DURATION_MS.error);
  assertEquals(late.toasts.toasts, []);
});

Deno.test("memory review controller: e approves what $EDITOR saved; an agent is refused before it opens", async () => {
  await using sb = await makeSandbox();
  const { work, ids } = await proposalRepo(sb, SPECS);
  const opened = join(sb.root, "opened");
  const editor = await sb.write(
    "editor.sh",
    `#!/bin/sh\ntouch "${opened}"\nsed -i "s/Skills body/Reviewed body/" "$1"\n`,
  );
  await Deno.chmod(editor, 0o755);
  const agent = contextWith(sb, work, { SASE_AGENT_NAME: "agent-a", EDITOR: editor });
  let { context, effects } = await drive(agent, await openReview(agent), "e");
  assertEquals(effects, [{ kind: "edit", id: ids[0], target: undefined }]);
  assert(toastTexts(context)[0].includes("cannot approve, edit or reject"), toastTexts(context)[0]);
  assertEquals(await exists(opened), false, "the editor never opened for an agent");

  const human = contextWith(sb, work, { EDITOR: editor });
  ({ context } = await drive(human, await openReview(human), "e"));
  assertEquals(toastTexts(context)[0], `approved ${ids[0]}: wrote memory/generated_skills.md`);
  assert(
    (await Deno.readTextFile(join(work, "memory", "generated_skills.md"))).endsWith(
      "---\n\nReviewed body\n",
    ),
  );
  assertEquals((await ledgerRows(sb)).at(-1)?.event_type, "approved_with_edits");

  const blank = await sb.write("blank.sh", '#!/bin/sh\n: > "$1"\n');
  await Deno.chmod(blank, 0o755);
  const emptier = contextWith(sb, work, { EDITOR: blank });
  ({ context } = await drive(emptier, await openReview(emptier), "e"));
  assertEquals(toastTexts(context), ["empty memory body; nothing approved"]);
  assertEquals(context.entries.length, 2, "nothing approved");
});

Deno.test("memory review controller: a preselected proposal (a notification's) starts highlighted", async () => {
  await using sb = await makeSandbox();
  const { app, ids } = await proposalRepo(sb, SPECS);
  const size = { columns: 100, rows: 6 };
  const open = async (preselect: string) =>
    reviewMessage(initialContext(size, "origin", preselect), await reload(app), 0);
  const third = await open(ids[2]);
  assertEquals(selected(third), ids[2]);
  assertEquals(third.scrollTop, 1, "scrolled into the 2-row list");
  assertEquals(selected(await open("mem-gone")), ids[0], "an unknown id falls back to the first");
});
