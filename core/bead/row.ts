/**
 * Parsing bead rows from untrusted JSON (projection lines, event payloads).
 *
 * Complete current-schema rows are checked by hand (the replay hot path);
 * anything else goes through the lenient zod schema, which fills the
 * documented legacy defaults or names the field at fault.
 *
 * @module
 */

import { z } from "zod";
import { isKnownKey, type Issue, issueFromTrustedRow, KNOWN_KEYS } from "./model.ts";

const dependencySchema = z.object({
  issue_id: z.string(),
  depends_on_id: z.string(),
  created_at: z.string().nullish().transform((value) => value ?? ""),
  created_by: z.string().nullish().transform((value) => value ?? ""),
});

const str = z.string().nullish().transform((value) => value ?? "");
const nullableStr = z.string().nullish().transform((value) => value ?? null);

/** Lenient row schema: legacy rows get defaults for missing fields. */
export const issueRowSchema = z.looseObject({
  id: z.string().min(1),
  title: str,
  status: z.string().min(1),
  issue_type: z.string().min(1),
  tier: nullableStr,
  epic_count: z.number().int().nullish().transform((value) => value ?? null),
  parent_id: nullableStr,
  owner: str,
  assignee: str,
  created_at: str,
  created_by: str,
  updated_at: str,
  closed_at: nullableStr,
  close_reason: nullableStr,
  description: str,
  notes: str,
  design: str,
  model: str,
  is_ready_to_work: z.boolean().nullish().transform((value) => value ?? false),
  changespec_name: str,
  changespec_bug_id: str,
  dependencies: z.array(dependencySchema).nullish().transform((value) => value ?? []),
});

const STRING_KEYS = [
  "title",
  "owner",
  "assignee",
  "created_at",
  "created_by",
  "updated_at",
  "description",
  "notes",
  "design",
  "model",
  "changespec_name",
  "changespec_bug_id",
] as const;

/** A complete current-schema row needs no defaults: check it by hand (replay's hot path). */
function fastIssue(raw: unknown): Issue | undefined {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return undefined;
  const row = raw as Record<string, unknown>;
  if (typeof row.id !== "string" || row.id === "") return undefined;
  if (typeof row.status !== "string" || row.status === "") return undefined;
  if (typeof row.issue_type !== "string" || row.issue_type === "") return undefined;
  for (const key of STRING_KEYS) if (typeof row[key] !== "string") return undefined;
  for (const key of ["tier", "parent_id", "closed_at", "close_reason"]) {
    const value = row[key];
    if (value !== undefined && value !== null && typeof value !== "string") return undefined;
  }
  if (
    row.epic_count !== undefined && row.epic_count !== null && !Number.isInteger(row.epic_count)
  ) {
    return undefined;
  }
  if (typeof row.is_ready_to_work !== "boolean" || !Array.isArray(row.dependencies)) {
    return undefined;
  }
  for (const dep of row.dependencies as unknown[]) {
    const d = dep as Record<string, unknown>;
    if (typeof d !== "object" || d === null) return undefined;
    if (typeof d.issue_id !== "string" || typeof d.depends_on_id !== "string") return undefined;
    if (typeof d.created_at !== "string" || typeof d.created_by !== "string") return undefined;
  }
  const issue = issueFromTrustedRow(row);
  issue.tier ??= null;
  issue.parent_id ??= null;
  issue.closed_at ??= null;
  issue.close_reason ??= null;
  issue.dependencies = issue.dependencies.map((dep) => ({
    issue_id: dep.issue_id,
    depends_on_id: dep.depends_on_id,
    created_at: dep.created_at,
    created_by: dep.created_by,
  }));
  return issue;
}

/** Parse one raw row into an `Issue`, or return the zod issue text naming the field. */
export function parseIssueRow(raw: unknown): { issue: Issue } | { error: string } {
  const fast = fastIssue(raw);
  if (fast) return { issue: fast };
  const parsed = issueRowSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { error: `field '${first.path.join(".") || "(row)"}': ${first.message}` };
  }
  const data = parsed.data as Record<string, unknown>;
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) if (!isKnownKey(key)) extra[key] = value;
  const issue = { extra } as Issue;
  for (const key of KNOWN_KEYS) (issue as unknown as Record<string, unknown>)[key] = data[key];
  issue.dependencies = issue.dependencies.map((dep) => ({ ...dep }));
  return { issue };
}
