import { assert, assertEquals, assertRejects } from "../../_helpers/assert.ts";
import { makeSandbox } from "../../_helpers/sandbox.ts";
import {
  baseStatus,
  planStatusTransition,
  STATUSES,
  TRANSITIONS,
} from "../../../core/changespec/status.ts";
import { ChangeSpecStore } from "../../../core/changespec/store.ts";
import { changeStatus } from "../../../core/changespec/transition.ts";
import { parseProjectSpec } from "../../../core/changespec/parser.ts";
import { isEntryRefSuffix, parseSuffix } from "../../../core/changespec/suffix.ts";
import { SaseError } from "../../../core/errors.ts";

const NOW = new Date(2026, 0, 2, 3, 4, 5);

Deno.test("planner: every allowed pair succeeds, every other pair fails with the exact text", () => {
  for (const from of STATUSES) {
    for (const to of STATUSES) {
      const plan = planStatusTransition({
        name: "proj_x",
        oldStatus: from,
        newStatus: to,
        existingNames: ["proj_x"],
        parentStatus: null,
        validate: true,
      });
      if (TRANSITIONS[from].includes(to)) {
        assert(!("error" in plan), `${from} -> ${to}`);
      } else {
        assert("error" in plan, `${from} -> ${to}`);
        const allowed = `[${TRANSITIONS[from].map((s) => `'${s}'`).join(", ")}]`;
        assertEquals(
          plan.error,
          `Invalid status transition for 'proj_x': '${from}' -> '${to}'. Allowed transitions from '${from}': ${allowed}`,
        );
      }
    }
  }
  const ready = planStatusTransition({
    name: "proj_x",
    oldStatus: "Ready",
    newStatus: "Submitted",
    existingNames: [],
    parentStatus: null,
    validate: true,
  });
  assertEquals(
    "error" in ready && ready.error,
    "Invalid status transition for 'proj_x': 'Ready' -> 'Submitted'. Allowed transitions from 'Ready': ['Mailed', 'Draft']",
  );
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
  const blocked = planStatusTransition({
    name: "c",
    oldStatus: "WIP",
    newStatus: "Ready",
    existingNames: [],
    parentStatus: "WIP",
    validate: true,
  });
  assert("error" in blocked && blocked.error.includes("parent is WIP"));
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
  const error = await assertRejects(() => changeStatus(store, { name: "feat", status: "WIP" }));
  assert(error instanceof SaseError);
  assertEquals(
    error.message,
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
