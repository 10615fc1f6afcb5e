/**
 * Pure mutation planners: each turns the current store state and a request
 * into the events to append. Validation lives here, so a rejected request
 * never writes anything.
 *
 * @module
 */

import { SaseError, usageError } from "../errors.ts";
import type { EventDraft } from "./event.ts";
import { nextChildId, nextCounter, topLevelId } from "./ids.ts";
import { type Issue, issueToRow, newIssue, STATUSES, TIERS } from "./model.ts";
import { requireIssue } from "./query.ts";
import type { MutationContext, MutationPlan } from "./store.ts";

/** A parsed `-T/--type` value. */
export type TypeSpec =
  | { kind: "plan"; file: string; parent?: string }
  | { kind: "phase"; parent: string };

/** Parse `plan(<file>)`, `plan(<file>,<parent>)` or `phase(<parent_id>)`. */
export function parseTypeSpec(text: string): TypeSpec {
  const match = /^\s*(plan|phase)\s*\((.*)\)\s*$/.exec(text);
  const bad = () =>
    usageError(
      `--type: expected plan(<file>), plan(<file>,<parent>) or phase(<parent_id>), got '${text}'`,
    );
  if (!match) throw bad();
  const args = match[2].split(",").map((part) => part.trim());
  if (match[1] === "phase") {
    if (args.length !== 1 || args[0] === "") throw bad();
    return { kind: "phase", parent: args[0] };
  }
  if (args.length > 2 || args[0] === "" || (args.length === 2 && args[1] === "")) throw bad();
  return args.length === 2
    ? { kind: "plan", file: args[0], parent: args[1] }
    : { kind: "plan", file: args[0] };
}

/** `sase bead create` inputs. */
export interface CreateRequest {
  title: string;
  type: TypeSpec;
  description?: string;
  assignee?: string;
  tier?: string;
  changespec?: string;
  bugId?: string;
  epicCount?: number;
  model?: string;
}

function checkTier(tier: string | undefined, flag = "--tier"): void {
  if (tier !== undefined && !(TIERS as readonly string[]).includes(tier)) {
    throw usageError(`${flag}: expected one of ${TIERS.join(", ")}, got '${tier}'`);
  }
}

function checkEpicCount(count: number | undefined): void {
  if (count !== undefined && (!Number.isInteger(count) || count < 1)) {
    throw usageError(`--epic-count: expected a positive integer, got '${count}'`);
  }
}

/** Plan a create; the result is the new id. */
export function planCreate(ctx: MutationContext, request: CreateRequest): MutationPlan<string> {
  if (request.title.trim() === "") throw usageError("--title: must not be empty");
  checkTier(request.tier);
  checkEpicCount(request.epicCount);
  if (request.bugId && !request.changespec) throw usageError("--bug-id requires --changespec");
  let issue: Issue;
  let config = undefined;
  if (request.type.kind === "phase") {
    if (request.tier) throw usageError("--tier applies to plan beads only, not phases");
    if (request.changespec || request.bugId) {
      throw usageError("--changespec/--bug-id apply to plan beads only, not phases");
    }
    if (request.epicCount !== undefined) {
      throw usageError("--epic-count applies to legend plan beads");
    }
    const parent = requireIssue(ctx.issues, request.type.parent);
    if (parent.issue_type !== "plan") {
      throw new SaseError(
        "bead.bad_parent",
        `${parent.id} is a ${parent.issue_type}; phases belong to plan beads (a phase has no phases)`,
        {
          hint: `create it under the plan instead: -T "phase(${parent.parent_id ?? "<plan-id>"})"`,
          kind: "conflict",
        },
      );
    }
    issue = newIssue({
      id: nextChildId(parent.id, ctx.taken.under(parent.id)),
      title: request.title,
      issue_type: "phase",
      parent_id: parent.id,
    });
  } else {
    const tier = request.tier ?? "plan";
    if (request.epicCount !== undefined && tier !== "legend") {
      throw usageError("--epic-count applies to legend plan beads (--tier legend) only");
    }
    if (request.type.parent) {
      const parent = requireIssue(ctx.issues, request.type.parent);
      if (parent.issue_type !== "plan") {
        throw new SaseError(
          "bead.bad_parent",
          `${parent.id} is a ${parent.issue_type}; a plan's parent must be a plan bead`,
          { kind: "conflict" },
        );
      }
    }
    const prefix = ctx.config.issue_prefix || "beads";
    const counter = nextCounter(prefix, ctx.config.next_counter, ctx.taken.withPrefix(prefix));
    config = { ...ctx.config, issue_prefix: prefix, next_counter: counter + 1 };
    issue = newIssue({
      id: topLevelId(prefix, counter),
      title: request.title,
      issue_type: "plan",
      tier,
      epic_count: request.epicCount ?? null,
      parent_id: request.type.parent ?? null,
      design: request.type.file,
      changespec_name: request.changespec ?? "",
      changespec_bug_id: request.bugId ?? "",
    });
  }
  issue.owner = ctx.config.owner;
  issue.created_by = ctx.actor;
  issue.created_at = ctx.now;
  issue.updated_at = ctx.now;
  issue.description = request.description ?? "";
  issue.assignee = request.assignee ?? "";
  issue.model = request.model ?? "";
  return {
    events: [{
      operation: "issue_created",
      issue_id: issue.id,
      payload: { issue: issueToRow(issue) },
    }],
    config,
    result: issue.id,
  };
}

/** `sase bead update` inputs (undefined = unchanged; empty model clears it). */
export interface UpdateRequest {
  status?: string;
  title?: string;
  description?: string;
  notes?: string;
  design?: string;
  assignee?: string;
  tier?: string;
  epicCount?: number;
  model?: string;
}

/** Plan an update; returns the updated id. */
export function planUpdate(
  ctx: MutationContext,
  id: string,
  request: UpdateRequest,
): MutationPlan<string> {
  const issue = requireIssue(ctx.issues, id);
  if (request.status !== undefined && !(STATUSES as readonly string[]).includes(request.status)) {
    throw usageError(`--status: expected one of ${STATUSES.join(", ")}, got '${request.status}'`);
  }
  checkTier(request.tier);
  checkEpicCount(request.epicCount);
  if (request.title !== undefined && request.title.trim() === "") {
    throw usageError("--title: must not be empty");
  }
  if (
    (request.tier !== undefined || request.epicCount !== undefined) && issue.issue_type !== "plan"
  ) {
    throw usageError(`--tier/--epic-count apply to plan beads; ${id} is a ${issue.issue_type}`);
  }
  const fields: Record<string, unknown> = {};
  const set = (key: string, value: unknown) => {
    if (value !== undefined) fields[key] = value;
  };
  set("title", request.title);
  set("description", request.description);
  set("notes", request.notes);
  set("design", request.design);
  set("assignee", request.assignee);
  set("tier", request.tier);
  set("epic_count", request.epicCount);
  set("model", request.model);
  const events: EventDraft[] = [];
  if (request.status === "closed") {
    if (issue.status !== "closed") {
      events.push({ operation: "issue_closed", issue_id: id, payload: { close_reason: null } });
    }
  } else set("status", request.status);
  if (Object.keys(fields).length > 0) {
    events.unshift({ operation: "issue_updated", issue_id: id, payload: { fields } });
  }
  if (events.length === 0 && request.status === undefined) {
    throw usageError(
      "nothing to update: pass at least one of -s, -t, -d, -n, -D, -a, --tier, -E, -m",
    );
  }
  return { events, result: id };
}

/** Every descendant of `id` (by parent links), depth first. */
export function descendantsOf(issues: ReadonlyMap<string, Issue>, id: string): Issue[] {
  const children = new Map<string, Issue[]>();
  for (const issue of issues.values()) {
    if (issue.parent_id) {
      children.set(issue.parent_id, [...(children.get(issue.parent_id) ?? []), issue]);
    }
  }
  const out: Issue[] = [];
  const visit = (parent: string) => {
    for (const child of children.get(parent) ?? []) {
      if (out.includes(child)) continue;
      out.push(child);
      visit(child.id);
    }
  };
  visit(id);
  return out;
}

/** Plan closing `ids` (plans close their phase descendants too); returns the ids closed. */
export function planClose(
  ctx: MutationContext,
  ids: readonly string[],
  reason?: string,
): MutationPlan<string[]> {
  const targets: Issue[] = [];
  for (const id of ids) {
    const issue = requireIssue(ctx.issues, id);
    targets.push(issue);
    if (issue.issue_type === "plan") {
      targets.push(
        ...descendantsOf(ctx.issues, id).filter((child) => child.issue_type === "phase"),
      );
    }
  }
  const closed: string[] = [];
  const events: EventDraft[] = [];
  for (const issue of targets) {
    if (issue.status === "closed" || closed.includes(issue.id)) continue;
    closed.push(issue.id);
    events.push({
      operation: "issue_closed",
      issue_id: issue.id,
      payload: { close_reason: reason ?? null },
    });
  }
  return { events, result: closed };
}

/** Plan reopening `id`. */
export function planOpen(ctx: MutationContext, id: string): MutationPlan<string> {
  const issue = requireIssue(ctx.issues, id);
  if (issue.status === "open") return { events: [], result: id };
  return { events: [{ operation: "issue_opened", issue_id: id, payload: {} }], result: id };
}

/** Plan removing `id` and all its descendants; returns every removed id. */
export function planRemove(ctx: MutationContext, id: string): MutationPlan<string[]> {
  requireIssue(ctx.issues, id);
  const cascade = descendantsOf(ctx.issues, id).map((issue) => issue.id).sort();
  return {
    events: [{
      operation: "issue_removed",
      issue_id: id,
      payload: { cascade_removed_issue_ids: cascade },
    }],
    result: [id, ...cascade],
  };
}

/** The dependency path from `from` to `to`, if one exists. */
export function dependencyPath(
  issues: ReadonlyMap<string, Issue>,
  from: string,
  to: string,
): string[] | undefined {
  const seen = new Set<string>();
  const walk = (id: string, path: string[]): string[] | undefined => {
    if (id === to) return path;
    if (seen.has(id)) return undefined;
    seen.add(id);
    for (const dep of issues.get(id)?.dependencies ?? []) {
      const found = walk(dep.depends_on_id, [...path, dep.depends_on_id]);
      if (found) return found;
    }
    return undefined;
  };
  return walk(from, [from]);
}

/** Plan `issue` depends on `dependsOn`; result says whether anything changed. */
export function planDependency(
  ctx: MutationContext,
  issueId: string,
  dependsOn: string,
): MutationPlan<boolean> {
  const issue = requireIssue(ctx.issues, issueId);
  requireIssue(ctx.issues, dependsOn);
  if (issueId === dependsOn) {
    throw new SaseError("bead.dependency_self", `${issueId} cannot depend on itself`, {
      kind: "invalid-input",
    });
  }
  if (issue.dependencies.some((dep) => dep.depends_on_id === dependsOn)) {
    return { events: [], result: false };
  }
  const cycle = dependencyPath(ctx.issues, dependsOn, issueId);
  if (cycle) {
    throw new SaseError(
      "bead.dependency_cycle",
      `adding ${issueId} -> ${dependsOn} would create a cycle: ${[issueId, ...cycle].join(" -> ")}`,
      {
        hint: "remove one of the existing dependencies first, or pick another blocker",
        kind: "conflict",
      },
    );
  }
  return {
    events: [{
      operation: "dependency_added",
      issue_id: issueId,
      payload: {
        dependency: {
          issue_id: issueId,
          depends_on_id: dependsOn,
          created_at: ctx.now,
          created_by: ctx.actor,
        },
      },
    }],
    result: true,
  };
}
