/**
 * The resume checkpoint: a snapshot of a commit run's resolved state,
 * written before dispatch, kept when dispatch hits a merge conflict, and
 * deleted once the run (or its `--resume`) finishes. The file keeps the
 * original's version-1 layout (snake_case keys, the payload as the
 * original's dict) so a checkpoint either implementation wrote resumes in
 * the other.
 *
 * @module
 */

import { atomicWriteJson } from "../fs/atomic_write.ts";
import { READ_LIMITS, readTextBounded } from "../fs/bounded_read.ts";
import { SaseError } from "../errors.ts";
import { COMMIT_METHODS, type CommitMethod } from "./method.ts";

/** The layout version this module reads and writes. */
export const CHECKPOINT_VERSION = 1;

/** The resolved inputs a resume replays. */
export interface CheckpointPayload {
  /** The final message as dispatched (bead, plan, tags, trailers applied). */
  message: string;
  files: string[];
  name: string | null;
  beadId: string | null;
  bugId: string | null;
  checkoutTarget: string | null;
  status: string | null;
  prBody: string | null;
  prTitlePrefix: string | null;
  planPath: string | null;
}

/** One commit run's checkpoint. */
export interface CommitCheckpoint {
  method: CommitMethod;
  payload: CheckpointPayload;
  /** The workspace the run dispatched in. */
  cwd: string;
  clName: string | null;
  projectFile: string | null;
  diffPath: string | null;
  baseClName: string | null;
  reservedName: string | null;
  parentClName: string | null;
  /** The dispatch's result once it succeeded (hash, diff path, PR URL). */
  dispatchResult: string | null;
  /** The ChangeSpec a PR run created. */
  changespecName: string | null;
  /** The COMMITS entry a commit/propose run appended. */
  entryId: string | null;
  /** Finalize steps already done, so a resume skips them. */
  completedSteps: string[];
  /** Seconds since the epoch. */
  createdAt: number;
}

/** The file's JSON object for `checkpoint`. */
export function checkpointJson(checkpoint: CommitCheckpoint): Record<string, unknown> {
  const p = checkpoint.payload;
  const payload: Record<string, unknown> = { message: p.message, files: p.files };
  const optional: Array<[string, string | null]> = [
    ["name", p.name],
    ["bead_id", p.beadId],
    ["bug_id", p.bugId],
    ["checkout_target", p.checkoutTarget],
    ["status", p.status],
    ["_pr_body", p.prBody],
    ["_pr_title_prefix", p.prTitlePrefix],
    ["_plan_path", p.planPath],
  ];
  for (const [key, value] of optional) if (value !== null) payload[key] = value;
  return {
    version: CHECKPOINT_VERSION,
    method: checkpoint.method,
    payload,
    cwd: checkpoint.cwd,
    cl_name: checkpoint.clName,
    project_file: checkpoint.projectFile,
    diff_path: checkpoint.diffPath,
    base_cl_name: checkpoint.baseClName,
    reserved_name: checkpoint.reservedName,
    parent_cl_name: checkpoint.parentClName,
    dispatch_result: checkpoint.dispatchResult,
    cs_name: checkpoint.changespecName,
    entry_id: checkpoint.entryId,
    completed_steps: checkpoint.completedSteps,
    created_at: checkpoint.createdAt,
  };
}

function bad(path: string, field: string, why: string): SaseError {
  return new SaseError(
    "commit.bad_checkpoint",
    `${path}: field '${field}' ${why}`,
    {
      hint: "delete the checkpoint and run `sase commit` again without --resume",
      kind: "invalid-data",
    },
  );
}

function text(obj: Record<string, unknown>, key: string, path: string, field = key): string {
  const value = obj[key];
  if (typeof value !== "string") throw bad(path, field, "must be a string");
  return value;
}

function optionalText(
  obj: Record<string, unknown>,
  key: string,
  path: string,
  field = key,
): string | null {
  const value = obj[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") throw bad(path, field, "must be a string or null");
  return value;
}

function stringList(value: unknown, path: string, field: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) {
    throw bad(path, field, "must be a list of strings");
  }
  return value as string[];
}

/** Parse checkpoint JSON read from `path`; every problem names the file and field. */
export function parseCheckpoint(source: string, path: string): CommitCheckpoint {
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (error) {
    throw new SaseError(
      "commit.bad_checkpoint",
      `${path}: not valid JSON (${(error as Error).message})`,
      { hint: "delete the checkpoint and run `sase commit` again", kind: "invalid-data" },
    );
  }
  if (!data || typeof data !== "object" || Array.isArray(data)) {
    throw bad(path, "(root)", "must be a JSON object");
  }
  const obj = data as Record<string, unknown>;
  if (obj.version !== CHECKPOINT_VERSION) {
    throw bad(path, "version", `is ${JSON.stringify(obj.version)}; this sase reads version 1`);
  }
  const method = text(obj, "method", path);
  if (!(COMMIT_METHODS as readonly string[]).includes(method)) {
    throw bad(path, "method", `is '${method}', not a commit method`);
  }
  const raw = obj.payload;
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
    throw bad(path, "payload", "must be a JSON object");
  }
  const p = raw as Record<string, unknown>;
  const createdAt = obj.created_at;
  if (createdAt !== undefined && typeof createdAt !== "number") {
    throw bad(path, "created_at", "must be a number");
  }
  return {
    method: method as CommitMethod,
    payload: {
      message: text(p, "message", path, "payload.message"),
      files: stringList(p.files, path, "payload.files"),
      name: optionalText(p, "name", path, "payload.name"),
      beadId: optionalText(p, "bead_id", path, "payload.bead_id"),
      bugId: optionalText(p, "bug_id", path, "payload.bug_id"),
      checkoutTarget: optionalText(p, "checkout_target", path, "payload.checkout_target"),
      status: optionalText(p, "status", path, "payload.status"),
      prBody: optionalText(p, "_pr_body", path, "payload._pr_body"),
      prTitlePrefix: optionalText(p, "_pr_title_prefix", path, "payload._pr_title_prefix"),
      planPath: optionalText(p, "_plan_path", path, "payload._plan_path"),
    },
    cwd: text(obj, "cwd", path),
    clName: optionalText(obj, "cl_name", path),
    projectFile: optionalText(obj, "project_file", path),
    diffPath: optionalText(obj, "diff_path", path),
    baseClName: optionalText(obj, "base_cl_name", path),
    reservedName: optionalText(obj, "reserved_name", path),
    parentClName: optionalText(obj, "parent_cl_name", path),
    dispatchResult: optionalText(obj, "dispatch_result", path),
    changespecName: optionalText(obj, "cs_name", path),
    entryId: optionalText(obj, "entry_id", path),
    completedSteps: stringList(obj.completed_steps, path, "completed_steps"),
    createdAt: createdAt ?? 0,
  };
}

/**
 * Write the checkpoint atomically (a crash never leaves half a file).
 * `durable: false` skips the flush to disk: for the updates after the first
 * write, whose loss a resume absorbs by replaying idempotent steps.
 */
export async function saveCheckpoint(
  path: string,
  checkpoint: CommitCheckpoint,
  options: { durable?: boolean } = {},
): Promise<void> {
  await atomicWriteJson(path, checkpointJson(checkpoint), {
    mode: 0o600,
    sync: options.durable ?? true,
  });
}

/** Read the checkpoint at `path`; a missing one means there is nothing to resume. */
export async function loadCheckpoint(path: string): Promise<CommitCheckpoint> {
  let source: string;
  try {
    source = await readTextBounded(path, READ_LIMITS.record);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new SaseError("commit.no_checkpoint", `no commit checkpoint at ${path}`, {
        hint: "there is nothing to resume; run `sase commit` without --resume",
        kind: "not-found",
      });
    }
    throw error;
  }
  return parseCheckpoint(source, path);
}

/** Delete the checkpoint; one already gone is fine. */
export async function deleteCheckpoint(path: string): Promise<void> {
  await Deno.remove(path).catch((error) => {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  });
}

/** True when `text` still holds a git conflict marker line. */
export function hasConflictMarkers(text: string): boolean {
  return /^(<{7} |={7}$|>{7} )/m.test(text.replace(/\r\n/g, "\n"));
}

/** What `--resume` may do with a checkpoint. */
export type ResumeVerdict =
  | { kind: "conflict"; files: string[] }
  | { kind: "foreign_head"; expected: string; actual: string }
  | { kind: "continue" };

/**
 * Decide a resume: files still holding markers → CONFLICT; a HEAD whose
 * subject is not the checkpointed message's first line → FAILED (the user
 * must start over rather than finish someone else's commit); else go on.
 * A proposal made no commit, so its HEAD is not checked.
 */
export function resumeVerdict(
  checkpoint: CommitCheckpoint,
  filesWithMarkers: readonly string[],
  headSubject: string,
): ResumeVerdict {
  if (filesWithMarkers.length > 0) return { kind: "conflict", files: [...filesWithMarkers] };
  if (checkpoint.method === "create_proposal") return { kind: "continue" };
  const expected = checkpoint.payload.message.split("\n")[0].trim();
  const actual = headSubject.trim();
  return expected === actual ? { kind: "continue" } : { kind: "foreign_head", expected, actual };
}
