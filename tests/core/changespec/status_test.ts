import { assert, assertEquals, assertRejects } from "../../_helpers/assert.ts";
import { makeSandbox } from "../../_helpers/sandbox.ts";
import {
  baseStatus,
  isValidTransition,
  planStatusTransition,
  STATUSES,
  type TransitionRequest,
} from "../../../core/changespec/status.ts";
import type { ChangeSpecStatus } from "../../../core/changespec/types.ts";
import { ChangeSpecStore } from "../../../core/changespec/store.ts";
import { changeStatus } from "../../../core/changespec/transition.ts";
import { parseProjectSpec } from "../../../core/changespec/parser.ts";
import { isEntryRefSuffix, parseSuffix } from "../../../core/changespec/suffix.ts";
import { SaseError } from "../../../core/errors.ts";

const NOW = new Date(2026, 0, 2, 3, 4, 5);

/** The handbook's table (chapter 8, "8.2.6 STATUS", Valid Transitions), written out. */
const HANDBOOK_TRANSITIONS: Record<string, string[]> = {
  WIP: ["Draft", "Ready"],
  Draft: ["Ready"],
  Ready: ["Mailed", "Draft"],
  Mailed: ["Submitted"],
  Submitted: [],
  Reverted: [],
  Archived: [],
};
const ALL_STATUSES = ["WIP", "Draft", "Ready", "Mailed", "Submitted", "Reverted", "Archived"];

/** A transition request with no parent, no children and no siblings. */
function request(
  fields: Partial<TransitionRequest> & Pick<TransitionRequest, "oldStatus" | "newStatus">,
): TransitionRequest {
  return {
    name: "proj_x",
    existingNames: ["proj_x"],
    parentStatus: null,
    validate: true,
    ...fields,
  };
}

Deno.test("planner: exactly the handbook's transitions are allowed; every other pair fails with the exact text", () => {
  assertEquals([...STATUSES], ALL_STATUSES);
  for (const from of ALL_STATUSES) {
    for (const to of ALL_STATUSES) {
      const plan = planStatusTransition(
        request({ oldStatus: from, newStatus: to as ChangeSpecStatus }),
      );
      const allowed = HANDBOOK_TRANSITIONS[from];
      assertEquals(isValidTransition(from, to), allowed.includes(to), `${from} -> ${to}`);
      if (allowed.includes(to)) {
        assert(!("error" in plan), `${from} -> ${to} is allowed`);
        assertEquals(plan.newStatus, to);
      } else {
        assert("error" in plan, `${from} -> ${to} is refused`);
        assertEquals(
          plan.error,
          `Invalid status transition for 'proj_x': '${from}' -> '${to}'. Allowed transitions from '${from}': [${
            allowed.map((status) => `'${status}'`).join(", ")
          }]`,
        );
      }
    }
  }
  // Workspace and legacy suffixes are ignored when reading the current status.
  assertEquals(isValidTransition("WIP (fig_2)", "Ready"), true);
  assertEquals(isValidTransition("Ready - (!: READY TO MAIL)", "Mailed"), true);
  assertEquals(isValidTransition("WIP (fig_2)", "Mailed"), false);
});

Deno.test("planner: while the parent is WIP or Draft, a child may only be WIP, Draft or Reverted", () => {
  const refusal = (to: string, parent: string) =>
    `Cannot transition 'child' to ${to}: parent is ${parent}. ` +
    "Children of WIP/Draft ChangeSpecs must be WIP, Draft, or Reverted.";
  for (const parentStatus of ["WIP", "Draft", "Draft (fig_1)"]) {
    const parent = parentStatus.startsWith("WIP") ? "WIP" : "Draft";
    const plan = (oldStatus: string, newStatus: ChangeSpecStatus, validate = true) =>
      planStatusTransition(
        request({ name: "child", oldStatus, newStatus, parentStatus, validate }),
      );
    // Refused, even where the table itself would allow the move.
    for (const [from, to] of [["WIP", "Ready"], ["Draft", "Ready"], ["Ready", "Mailed"]] as const) {
      const refused = plan(from, to);
      assertEquals("error" in refused && refused.error, refusal(to, parent), `${from} -> ${to}`);
    }
    const submitted = plan("Mailed", "Submitted");
    assertEquals("error" in submitted && submitted.error, refusal("Submitted", parent));
    // Allowed: the statuses a child of an unfinished parent may have.
    assert(!("error" in plan("WIP", "Draft")), `WIP -> Draft under a ${parentStatus} parent`);
    assert(!("error" in plan("Submitted", "Reverted", false)), "revert under an unfinished parent");
    assert(!("error" in plan("Ready", "Archived", false)), "archive under an unfinished parent");
  }
  for (const parentStatus of ["Ready", "Mailed", "Submitted", "Reverted"]) {
    const plan = planStatusTransition(
      request({ name: "child", oldStatus: "WIP", newStatus: "Ready", parentStatus }),
    );
    assert(!("error" in plan), `WIP -> Ready under a ${parentStatus} parent`);
  }
});

Deno.test("planner: Ready -> Draft is refused while a child is past Draft (and not Reverted)", () => {
  const plan = (children: { name: string; status: string }[]) =>
    planStatusTransition(request({
      name: "base",
      oldStatus: "Ready",
      newStatus: "Draft",
      existingNames: ["base"],
      children,
    }));
  const blocked = plan([
    { name: "kid_a", status: "WIP" },
    { name: "kid_b", status: "Mailed" },
    { name: "kid_c", status: "Ready (fig_3)" },
    { name: "kid_d", status: "Reverted" },
  ]);
  assertEquals(
    "error" in blocked && blocked.error,
    "Cannot transition 'base' to Draft: children must be WIP, Draft, or Reverted. " +
      "Invalid children: kid_b (Mailed), kid_c (Ready)",
  );
  const fine = plan([{ name: "kid_a", status: "Draft" }, { name: "kid_d", status: "Reverted" }]);
  assert(!("error" in fine));
  assertEquals(fine.newName, "base_1");
});

Deno.test("planner: a suffixed WIP/Draft -> Ready is refused when a sibling it would revert has live children", () => {
  const plan = (siblingsWithUnrevertedChildren: string[]) =>
    planStatusTransition(request({
      name: "topic_2",
      oldStatus: "Draft",
      newStatus: "Ready",
      existingNames: ["topic", "topic_2"],
      siblingsWithUnrevertedChildren,
    }));
  const blocked = plan(["topic"]);
  assertEquals(
    "error" in blocked && blocked.error,
    "Cannot transition 'topic_2' to Ready: sibling ChangeSpec 'topic' has unreverted children.",
  );
  const fine = plan([]);
  assert(!("error" in fine));
  assertEquals([fine.newName, fine.revertSiblings, fine.mentorDraft], ["topic", true, "clear"]);
});

Deno.test("planner: suffix append, strip, workspace suffixes (A13)", () => {
  const draft = planStatusTransition({
    name: "proj_feature",
    oldStatus: "Ready",
    newStatus: "Draft",
    existingNames: ["proj_feature", "proj_feature_1", "proj_feature_2", "proj_feature__3"],
    parentStatus: null,
    validate: true,
  });
  assert(!("error" in draft));
  assertEquals([draft.newName, draft.mentorDraft, draft.timestampDetail], [
    "proj_feature_4",
    "set",
    "Ready -> Draft",
  ]);
  const strip = planStatusTransition({
    name: "proj_feature_2",
    oldStatus: "WIP",
    newStatus: "Ready",
    existingNames: [],
    parentStatus: null,
    validate: true,
  });
  assert(!("error" in strip));
  assertEquals([strip.newName, strip.revertSiblings], ["proj_feature", true]);
  const suffixed = planStatusTransition({
    name: "t",
    oldStatus: "Ready (proj_2)",
    newStatus: "Mailed",
    existingNames: [],
    parentStatus: null,
    validate: true,
  });
  assert(!("error" in suffixed));
  assertEquals(suffixed.timestampDetail, "Ready (proj_2) -> Mailed");
  assertEquals(baseStatus("Draft (fig_1)"), "Draft");
  assertEquals(baseStatus("Ready - (!: READY TO MAIL)"), "Ready");
});

Deno.test("suffix markers (A3)", () => {
  assertEquals(parseSuffix("~!: rejected"), { value: "rejected", type: "rejected_proposal" });
  assertEquals(parseSuffix("~@: gone"), { value: "gone", type: "killed_agent" });
  assertEquals(parseSuffix("~$: 12"), { value: "12", type: "killed_process" });
  assertEquals(parseSuffix("?$: 12"), { value: "12", type: "pending_dead_process" });
  assertEquals(parseSuffix("$: 12"), { value: "12", type: "running_process" });
  assertEquals(parseSuffix("%: s"), { value: "s", type: "summarize_complete" });
  assertEquals(parseSuffix("^: m"), { value: "m", type: "metahook_complete" });
  assertEquals(parseSuffix("~: legacy"), { value: "legacy", type: null });
  assertEquals(parseSuffix("@"), { value: "", type: "running_agent" });
  assertEquals(parseSuffix("%"), { value: "", type: "summarize_complete" });
  assertEquals(parseSuffix("^"), { value: "", type: "metahook_complete" });
  assertEquals(parseSuffix("!: metahook | summary text"), {
    value: "summary text",
    type: "metahook_complete",
  });
  assertEquals(parseSuffix("!: metahook "), { value: "metahook", type: "error" });
  assertEquals(["1", "12", "1a", "1A", "1ab", "a"].map(isEntryRefSuffix), [
    true,
    true,
    true,
    false,
    false,
    false,
  ]);
  const spec =
    parseProjectSpec("NAME: a\nSTATUS: WIP\nCOMMITS:\n  (1) initial commit - (!: bad)\n", "x.sase")
      .specs[0];
  assertEquals([spec.commits[0].note, spec.commits[0].suffix, spec.commits[0].suffixType], [
    "initial commit",
    "bad",
    "error",
  ]);
});

const PROJECT = `WORKSPACE_DIR: /tmp/ws
PROJECT_STATE: active

NAME: feat
DESCRIPTION: A feature.
STATUS: Mailed


NAME: other
DESCRIPTION: Untouched.
PARENT:
STATUS: WIP


NAME: topic
STATUS: Ready
`;

Deno.test("store: Mailed -> Submitted moves the spec to the archive file with a TIMESTAMPS event", async () => {
  await using sb = await makeSandbox();
  const path = await sb.write("home/.sase/projects/demo/demo.sase", PROJECT);
  const store = new ChangeSpecStore(`${sb.saseHome}/projects`);
  const result = await changeStatus(store, { name: "feat", status: "submitted", now: NOW });
  assertEquals([result.archived, result.newStatus, result.project], ["to", "Submitted", "demo"]);
  const active = Deno.readTextFileSync(path);
  assert(!active.includes("NAME: feat"));
  assert(active.startsWith("WORKSPACE_DIR: /tmp/ws\nPROJECT_STATE: active\n\nNAME: other\n"));
  assert(active.includes("STATUS: WIP\n\n\nNAME: topic\nSTATUS: Ready\n"));
  const archive = Deno.readTextFileSync(path.replace("demo.sase", "demo-archive.sase"));
  assertEquals(
    archive,
    "NAME: feat\nDESCRIPTION: A feature.\nSTATUS: Submitted\nTIMESTAMPS:\n  [260102_030405] STATUS Mailed -> Submitted\n",
  );
  await assertRejects(
    () => changeStatus(store, { name: "feat", status: "WIP" }),
    SaseError,
    "Invalid status transition for 'feat': 'Submitted' -> 'WIP'. Allowed transitions from 'Submitted': []",
  );
});

Deno.test("store: Ready -> Draft renames with a suffix; WIP/Draft -> Ready strips it and reverts siblings", async () => {
  await using sb = await makeSandbox();
  const path = await sb.write("home/.sase/projects/demo/demo.sase", PROJECT);
  const store = new ChangeSpecStore(`${sb.saseHome}/projects`);
  const draft = await changeStatus(store, { name: "topic", status: "Draft", now: NOW });
  assertEquals(draft.newName, "topic_1");
  let text = Deno.readTextFileSync(path);
  assert(
    text.includes(
      "NAME: topic_1\nSTATUS: Draft\nTIMESTAMPS:\n  [260102_030405] RENAME topic -> topic_1\n  [260102_030405] STATUS Ready -> Draft\n",
    ),
  );
  await Deno.writeTextFile(path, text + "\n\nNAME: topic\nSTATUS: WIP\n");
  const ready = await changeStatus(store, { name: "topic_1", status: "Ready", now: NOW });
  assertEquals(ready.newName, "topic");
  assertEquals(ready.reverted, ["topic__260102_030405"]);
  text = Deno.readTextFileSync(path);
  const file = parseProjectSpec(text, path);
  assertEquals(file.specs.map((s) => `${s.name}=${s.status}`), [
    "feat=Mailed",
    "other=WIP",
    "topic=Ready",
  ]);
  const archive = parseProjectSpec(
    Deno.readTextFileSync(path.replace("demo.sase", "demo-archive.sase")),
    "a",
  );
  assertEquals(archive.specs.map((s) => `${s.name}=${s.status}`), [
    "topic__260102_030405=Reverted",
  ]);
});

Deno.test("store: an edit touches only its lines; the rest keeps its bytes", async () => {
  await using sb = await makeSandbox();
  const odd =
    "# notes kept\nPROJECT_STATE: active\n\nNAME: a\nSTATUS: WIP\nCUSTOM_FIELD: keep me\n  indented extra\n\n\n\nNAME: b\nBUG: 1\nSTATUS:   WIP  \n";
  const path = await sb.write("home/.sase/projects/p/p.sase", odd);
  const store = new ChangeSpecStore(`${sb.saseHome}/projects`);
  await changeStatus(store, { name: "a", status: "Draft", now: NOW });
  assertEquals(
    Deno.readTextFileSync(path),
    odd.replace(
      "STATUS: WIP\nCUSTOM",
      "STATUS: Draft\nTIMESTAMPS:\n  [260102_030405] STATUS WIP -> Draft\nCUSTOM",
    ),
  );
});

/** Run `change` and expect it refused with `message`, leaving every file of the project as it was. */
async function assertRefusedUnchanged(
  store: ChangeSpecStore,
  change: Parameters<typeof changeStatus>[1],
  message: string,
  paths: string[],
): Promise<void> {
  const before = await Promise.all(paths.map((path) => Deno.readTextFile(path).catch(() => null)));
  const error = await assertRejects(() => changeStatus(store, change), SaseError, message);
  assertEquals((error as SaseError).code, "changespec.invalid_transition");
  const after = await Promise.all(paths.map((path) => Deno.readTextFile(path).catch(() => null)));
  assertEquals(after, before, "a refused transition writes nothing");
}

const FAMILY = `NAME: base
STATUS: Ready


NAME: kid
PARENT: base
STATUS: Mailed


NAME: draft_parent
STATUS: Draft


NAME: draft_kid
PARENT: draft_parent
STATUS: WIP


NAME: topic
STATUS: WIP


NAME: topic_kid
PARENT: topic
STATUS: WIP


NAME: topic_1
STATUS: Draft
`;

Deno.test("store: parent, children and sibling rules are read from the ProjectSpec itself", async () => {
  await using sb = await makeSandbox();
  const path = await sb.write("home/.sase/projects/fam/fam.sase", FAMILY);
  const archive = path.replace("fam.sase", "fam-archive.sase");
  const store = new ChangeSpecStore(`${sb.saseHome}/projects`);
  await assertRefusedUnchanged(
    store,
    { name: "draft_kid", status: "Ready", now: NOW },
    "Cannot transition 'draft_kid' to Ready: parent is Draft. " +
      "Children of WIP/Draft ChangeSpecs must be WIP, Draft, or Reverted.",
    [path, archive],
  );
  await assertRefusedUnchanged(
    store,
    { name: "base", status: "Draft", now: NOW },
    "Cannot transition 'base' to Draft: children must be WIP, Draft, or Reverted. " +
      "Invalid children: kid (Mailed)",
    [path, archive],
  );
  await assertRefusedUnchanged(
    store,
    { name: "topic_1", status: "Ready", now: NOW },
    "Cannot transition 'topic_1' to Ready: sibling ChangeSpec 'topic' has unreverted children.",
    [path, archive],
  );
  // Once the parent is Ready, the child may move on.
  await changeStatus(store, { name: "draft_parent", status: "Ready", now: NOW });
  const moved = await changeStatus(store, { name: "draft_kid", status: "Ready", now: NOW });
  assertEquals([moved.oldStatus, moved.newStatus], ["WIP", "Ready"]);
});

Deno.test("store: restoring an archived spec moves it back to the active file", async () => {
  await using sb = await makeSandbox();
  const path = await sb.write(
    "home/.sase/projects/demo/demo.sase",
    "PROJECT_STATE: active\n\nNAME: live\nSTATUS: WIP\n",
  );
  const archive = await sb.write(
    "home/.sase/projects/demo/demo-archive.sase",
    "NAME: gone__1\nDESCRIPTION: Came back.\nSTATUS: Reverted\n\n\nNAME: old\nSTATUS: Submitted\n",
  );
  const store = new ChangeSpecStore(`${sb.saseHome}/projects`);
  // Reverted is terminal in the table: only a restore operation (no validation) brings it back.
  await assertRefusedUnchanged(
    store,
    { name: "gone__1", status: "WIP", now: NOW },
    "Invalid status transition for 'gone__1': 'Reverted' -> 'WIP'. Allowed transitions from 'Reverted': []",
    [path, archive],
  );
  const restored = await changeStatus(store, {
    name: "gone__1",
    status: "WIP",
    validate: false,
    now: NOW,
  });
  assertEquals(
    [restored.archived, restored.oldStatus, restored.newStatus, restored.newName],
    ["from", "Reverted", "WIP", "gone__1"],
  );
  assertEquals(
    Deno.readTextFileSync(path),
    "PROJECT_STATE: active\n\nNAME: live\nSTATUS: WIP\n\n\nNAME: gone__1\nDESCRIPTION: Came back.\n" +
      "STATUS: WIP\nTIMESTAMPS:\n  [260102_030405] STATUS Reverted -> WIP\n",
  );
  assertEquals(Deno.readTextFileSync(archive), "NAME: old\nSTATUS: Submitted\n");
  // Both files parse to the specs they should hold: nothing lost, nothing doubled.
  const specs = await new ChangeSpecStore(`${sb.saseHome}/projects`).specs({
    includeArchive: true,
  });
  assertEquals(specs.map((spec) => `${spec.name}=${spec.status}`), [
    "live=WIP",
    "gone__1=WIP",
    "old=Submitted",
  ]);
});
