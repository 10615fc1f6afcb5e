/**
 * Human checkpoints on disk (handbook 10.15): a paused run writes
 * `hitl_request.json` into its artifact directory (the step, its type, its
 * output and output types — what ACE's modal, the gateway and `sase agent
 * hitl` show) and waits for `hitl_response.json` (`{"action": "accept" |
 * "edit" | "reject", "edited_output": ..., "feedback": ...}`), written once
 * by whoever decides. The runner consumes both files when it takes the
 * decision. Because the request outlives the runner, a decision written
 * after the runner died is still found by the runner that resumes the run.
 *
 * @module
 */

import { join } from "../fs/path.ts";
import { SaseError } from "../errors.ts";
import { atomicWriteJson } from "../fs/atomic_write.ts";
import { READ_LIMITS, readTextBounded } from "../fs/bounded_read.ts";
import { readJsonObjectSync } from "../fs/json_object.ts";
import { PRIVATE_FILE_MODE } from "../agent/records/artifacts.ts";
import type { HitlDecision } from "./engine.ts";
import type { PendingHitl } from "./state.ts";

/** The request file a paused run writes. */
export const HITL_REQUEST_FILE = "hitl_request.json";
/** The response file a decision is written to. */
export const HITL_RESPONSE_FILE = "hitl_response.json";

/** The actions a decision may take. */
export const HITL_ACTIONS = ["accept", "edit", "reject"] as const;

/** What `hitl_request.json` holds. */
export interface HitlRequestFile {
  step_name: string;
  step_type: string;
  output: unknown;
  has_output: boolean;
  output_types?: Record<string, string>;
  iteration: number | null;
  workflow_name: string;
  agent_name: string;
  requested_at: string;
  notification_id: string | null;
}

/** Write the request of `pending` into `dir`. */
export async function writeHitlRequest(dir: string, request: HitlRequestFile): Promise<void> {
  await atomicWriteJson(join(dir, HITL_REQUEST_FILE), request, { mode: PRIVATE_FILE_MODE });
}

/** The pending request in `dir`, if the run is waiting for a decision. */
export function readHitlRequest(dir: string): HitlRequestFile | undefined {
  const data = readJsonObjectSync(join(dir, HITL_REQUEST_FILE));
  if (!data || typeof data.step_name !== "string") return undefined;
  return data as unknown as HitlRequestFile;
}

/** The request file's content for `pending`. */
export function requestFor(
  pending: PendingHitl,
  meta: {
    workflow: string;
    agent: string;
    hasOutput: boolean;
    outputTypes?: Record<string, string>;
  },
): HitlRequestFile {
  return {
    step_name: pending.step_name,
    step_type: pending.step_type,
    output: pending.output,
    has_output: meta.hasOutput,
    ...(meta.outputTypes ? { output_types: meta.outputTypes } : {}),
    iteration: pending.iteration,
    workflow_name: meta.workflow,
    agent_name: meta.agent,
    requested_at: pending.requested_at,
    notification_id: pending.notification_id,
  };
}

/**
 * A decision from a response file's content. `feedback` (a reviewer asking
 * for changes, which the executor cannot act on) stops the run like a
 * rejection, carrying the feedback; anything unknown is a rejection too.
 */
export function parseDecision(data: Record<string, unknown>): HitlDecision {
  const feedback = typeof data.feedback === "string" && data.feedback.trim()
    ? data.feedback.trim()
    : undefined;
  switch (data.action) {
    case "accept":
      return { action: "accept" };
    case "edit":
      return { action: "edit", output: data.edited_output };
    case "reject":
      return feedback ? { action: "reject", feedback } : { action: "reject" };
    case "feedback":
      return { action: "reject", feedback: feedback ?? "feedback given" };
    default:
      return { action: "reject", feedback: `unknown decision '${String(data.action)}'` };
  }
}

/** The response file's content for `decision`. */
export function responseFor(decision: HitlDecision): Record<string, unknown> {
  if (decision.action === "edit") return { action: "edit", edited_output: decision.output };
  if (decision.action === "reject" && decision.feedback) {
    return { action: "reject", feedback: decision.feedback };
  }
  return { action: decision.action };
}

/**
 * Write the decision for the run in `dir` — once: a second decision is a
 * conflict. Created exclusively, then filled, so a waiting runner never
 * reads half a file (it retries an unreadable one).
 */
export async function writeHitlResponse(dir: string, decision: HitlDecision): Promise<void> {
  const path = join(dir, HITL_RESPONSE_FILE);
  let file: Deno.FsFile;
  try {
    file = await Deno.open(path, { createNew: true, write: true, mode: PRIVATE_FILE_MODE });
  } catch (error) {
    if (!(error instanceof Deno.errors.AlreadyExists)) throw error;
    throw new SaseError("workflow.hitl_decided", `a decision is already waiting in ${path}`, {
      hint: "the run takes it when it continues; decisions cannot be changed",
      kind: "conflict",
    });
  }
  file.close();
  await atomicWriteJson(path, responseFor(decision), { mode: PRIVATE_FILE_MODE });
}

/** The decision waiting in `dir` for a runner to take it, if one is. */
export function readHitlResponse(dir: string): HitlDecision | undefined {
  const data = readJsonObjectSync(join(dir, HITL_RESPONSE_FILE));
  return data ? parseDecision(data) : undefined;
}

async function readResponse(path: string): Promise<Record<string, unknown> | undefined> {
  try {
    const parsed = JSON.parse(await readTextBounded(path, READ_LIMITS.record));
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? parsed : undefined;
  } catch {
    // Missing, or not written completely yet.
    return undefined;
  }
}

/**
 * Wait for the decision on the run in `dir`, polling every `pollMs`; the
 * request and response are removed once it is taken. Throws when `signal`
 * aborts (the run was killed).
 */
export async function awaitHitlResponse(
  dir: string,
  signal: AbortSignal,
  pollMs: number,
): Promise<HitlDecision> {
  const path = join(dir, HITL_RESPONSE_FILE);
  while (true) {
    signal.throwIfAborted();
    const data = await readResponse(path);
    if (data) {
      await Deno.remove(join(dir, HITL_REQUEST_FILE)).catch(() => {});
      await Deno.remove(path).catch(() => {});
      return parseDecision(data);
    }
    await new Promise<void>((done) => {
      const timer = setTimeout(done, pollMs);
      signal.addEventListener("abort", () => {
        clearTimeout(timer);
        done();
      }, { once: true });
    });
  }
}
