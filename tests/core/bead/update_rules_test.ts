/**
 * The projection rules of single events, each pinned on its own: how an
 * `issue_updated` reads `null`, `""` and wrong types, which close wins, and
 * what a bad payload does (it is reported; nothing crashes).
 */

import { assert, assertEquals } from "../../_helpers/assert.ts";
import { applyEvent } from "../../../core/bead/apply.ts";
import { buildEvent, type EventDraft } from "../../../core/bead/event.ts";
import { type Issue, issueToRow, newIssue } from "../../../core/bead/model.ts";

const AT = "2026-05-16T14:00:00Z";

function event(draft: EventDraft, at = AT) {
  return buildEvent(draft, "u-1", 1, at, "tester");
}

/** A bead with every field set, so "unchanged" is visible on each of them. */
function fullBead(): Issue {
  return newIssue({
    id: "u-1",
    title: "Title",
    status: "in_progress",
    issue_type: "plan",
    tier: "epic",
    epic_count: 2,
    parent_id: "u-0",
    owner: "o",
    assignee: "a",
    created_at: "2026-05-16T13:00:00Z",
    created_by: "c",
    updated_at: "2026-05-16T13:00:00Z",
    description: "D",
    notes: "N",
    design: "sdd/epics/202605/x.md",
    model: "claude/opus",
    is_ready_to_work: true,
    changespec_name: "cs",
    changespec_bug_id: "B-1",
    extra: { size: "m" },
  });
}

function update(issue: Issue, fields: Record<string, unknown>, at = AT) {
  const issues = new Map([[issue.id, issue]]);
  const outcome = applyEvent(
    issues,
    event({ operation: "issue_updated", issue_id: issue.id, payload: { fields } }, at),
  );
  return { outcome, issue: issues.get(issue.id)! };
}

const ALL_FIELDS = [
  "title",
  "status",
  "assignee",
  "description",
  "notes",
  "design",
  "model",
  "closed_at",
  "close_reason",
  "changespec_name",
  "changespec_bug_id",
  "tier",
  "is_ready_to_work",
  "epic_count",
];

Deno.test("issue_updated: null means unchanged for every field the original writes", () => {
  const before = fullBead();
  const { outcome, issue } = update(
    before,
    Object.fromEntries([...ALL_FIELDS, "size", "resolution"].map((key) => [key, null])),
  );
  assertEquals(outcome.problems, []);
  assertEquals(issueToRow(issue), { ...issueToRow(before), updated_at: AT });
});

Deno.test("issue_updated: one field set among nulls changes only that field", () => {
  const { issue } = update(
    fullBead(),
    { ...Object.fromEntries(ALL_FIELDS.map((key) => [key, null])), notes: "COMMIT: abc" },
  );
  assertEquals([issue.notes, issue.title, issue.status, issue.model], [
    "COMMIT: abc",
    "Title",
    "in_progress",
    "claude/opus",
  ]);
});

Deno.test("issue_updated: an empty string clears (text to '', nullable fields to null)", () => {
  const { outcome, issue } = update(fullBead(), {
    model: "",
    assignee: "",
    description: "",
    tier: "",
    parent_id: "",
    epic_count: "",
  });
  assertEquals(outcome.problems, []);
  assertEquals(
    [issue.model, issue.assignee, issue.description, issue.tier, issue.parent_id, issue.epic_count],
    ["", "", "", null, null, null],
  );
});

Deno.test("issue_updated: a blank status is refused and the status kept", () => {
  const { outcome, issue } = update(fullBead(), { status: "  ", notes: "kept" });
  assertEquals(issue.status, "in_progress");
  assertEquals(issue.notes, "kept");
  assertEquals(outcome.problems, [
    "issue_updated u-1: field 'status': a status cannot be blank; skipped",
  ]);
  assert(outcome.applied);
});

Deno.test("issue_updated: each wrong-typed field is reported and skipped; the rest applies", () => {
  const { outcome, issue } = update(fullBead(), {
    title: 7,
    status: ["closed"],
    is_ready_to_work: "yes",
    epic_count: 2.5,
    tier: { name: "epic" },
    dependencies: "u-2",
    created_at: "2020-01-01T00:00:00Z",
    description: "applied",
  });
  assertEquals(outcome.problems, [
    "issue_updated u-1: field 'title': expected a string, got a number; skipped",
    "issue_updated u-1: field 'status': expected a string, got an array; skipped",
    "issue_updated u-1: field 'is_ready_to_work': expected a boolean or null, got a string; skipped",
    "issue_updated u-1: field 'epic_count': expected an integer or null, got a number; skipped",
    "issue_updated u-1: field 'tier': expected a string or null, got an object; skipped",
    "issue_updated u-1: field 'dependencies': set only when the bead is created; skipped",
    "issue_updated u-1: field 'created_at': set only when the bead is created; skipped",
  ]);
  assertEquals(
    [
      issue.title,
      issue.status,
      issue.is_ready_to_work,
      issue.epic_count,
      issue.tier,
      issue.created_at,
      issue.description,
    ],
    ["Title", "in_progress", true, 2, "epic", "2026-05-16T13:00:00Z", "applied"],
  );
  // A known field never leaks into the unknown-field bag (it would shadow the typed one).
  assertEquals(Object.keys(issue.extra), ["size"]);
  assertEquals(issueToRow(issue).dependencies, []);
});

Deno.test("issue_updated: unknown fields are kept when set, untouched when null", () => {
  const { issue } = update(fullBead(), { external_ref: "GH-9", size: null });
  assertEquals(issue.extra, { size: "m", external_ref: "GH-9" });
});

Deno.test("issue_updated: a non-closed status clears the close; 'closed' keeps the close time", () => {
  const closed = fullBead();
  Object.assign(closed, {
    status: "closed",
    closed_at: "2026-05-16T13:30:00Z",
    close_reason: "done",
  });
  closed.extra.resolution = "fixed";
  const reclosed = update(closed, { status: "closed" }).issue;
  assertEquals([reclosed.closed_at, reclosed.close_reason, reclosed.extra.resolution], [
    "2026-05-16T13:30:00Z",
    "done",
    "fixed",
  ]);
  const reopened = update(closed, { status: "open" }).issue;
  assertEquals([reopened.status, reopened.closed_at, reopened.close_reason], ["open", null, null]);
  assert(!("resolution" in reopened.extra));
});

Deno.test("issue_closed: the last close wins, with its own time, reason and resolution", () => {
  const issues = new Map([["u-1", fullBead()]]);
  const close = (at: string, payload: Record<string, unknown>) =>
    applyEvent(issues, event({ operation: "issue_closed", issue_id: "u-1", payload }, at));
  assertEquals(close("2026-05-16T14:11:28Z", { close_reason: "first", resolution: "a" }), {
    applied: true,
    problems: [],
  });
  assertEquals(close("2026-05-16T14:13:25Z", { close_reason: null }), {
    applied: true,
    problems: [],
    redundantClose: true,
  });
  const issue = issues.get("u-1")!;
  assertEquals([issue.status, issue.closed_at, issue.close_reason, issue.updated_at], [
    "closed",
    "2026-05-16T14:13:25Z",
    null,
    "2026-05-16T14:13:25Z",
  ]);
  assert(!("resolution" in issue.extra));
  assertEquals(close(AT, { close_reason: 5 }).problems, [
    "issue_closed field 'close_reason': expected a string or null",
  ]);
});

Deno.test("issue_created: a wrong-typed field is reported and defaulted; the bead still exists", () => {
  const issues = new Map<string, Issue>();
  const row = { ...issueToRow(newIssue({ id: "u-1", title: "T" })), dependencies: "u-0", notes: 3 };
  const outcome = applyEvent(
    issues,
    event({ operation: "issue_created", issue_id: "u-1", payload: { issue: row } }),
  );
  assertEquals(outcome.problems, [
    "issue_created u-1: field 'notes': expected a string, got a number; default used",
    "issue_created u-1: field 'dependencies': expected an array, got a string; default used",
  ]);
  assertEquals([issues.get("u-1")?.notes, issues.get("u-1")?.dependencies], ["", []]);
});

Deno.test("snoozes: a snooze needs a time; waking, closing, reopening or a status clear it", () => {
  const task = newIssue({ id: "u-1", title: "T", issue_type: "task", status: "ready" });
  const snooze = { until: "2026-06-01T00:00:00Z", snoozed_at: AT, snoozed_by: "me", reason: "" };
  const run = (draft: Omit<EventDraft, "issue_id">, start: Issue = task) => {
    const issues = new Map([["u-1", structuredClone(start)]]);
    const outcome = applyEvent(issues, event({ ...draft, issue_id: "u-1" }));
    return { outcome, issue: issues.get("u-1")! };
  };
  assertEquals(run({ operation: "task_snoozed", payload: { snooze: { reason: "x" } } }).outcome, {
    applied: false,
    problems: ["task_snoozed field 'snooze': expected an object with an 'until' time"],
  });
  const snoozed = run({ operation: "task_snoozed", payload: { snooze } }).issue;
  assertEquals([snoozed.status, snoozed.extra.snooze], ["snoozed", snooze]);
  for (
    const [draft, status] of [
      [{ operation: "task_snooze_woken", payload: { cause: "plus_one" } }, "ready"],
      [{ operation: "task_snooze_canceled", payload: {} }, "ready"],
      [{ operation: "issue_closed", payload: { close_reason: null } }, "closed"],
      [{ operation: "issue_opened", payload: {} }, "open"],
      [
        { operation: "issue_updated", payload: { fields: { status: "in_progress" } } },
        "in_progress",
      ],
    ] as const
  ) {
    const woken = run(draft as Omit<EventDraft, "issue_id">, snoozed).issue;
    assertEquals([woken.status, "snooze" in woken.extra], [status, false], draft.operation);
  }
});
