/**
 * Answering a plan proposal, the part every decision shares (approve in
 * `approve.ts`, reject and feedback in `reject.ts`): the response file is
 * created exactly once, and the proposal's notification is marked handled.
 * Callers hold the response file's lock around the whole decision.
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import type { Env } from "../config/paths.ts";
import { notificationsPath } from "../config/paths.ts";
import { updateNotifications } from "../notify/store.ts";
import type { PlanResponse } from "./proposal_files.ts";

/**
 * Create `responsePath` holding `response`; an existing file (another
 * client answered first) is a conflict and is left untouched.
 */
export async function writeResponseOnce(
  responsePath: string,
  response: PlanResponse,
  idPrefix: string,
): Promise<void> {
  let file: Deno.FsFile;
  try {
    file = await Deno.open(responsePath, { write: true, createNew: true });
  } catch (error) {
    if (!(error instanceof Deno.errors.AlreadyExists)) throw error;
    throw alreadyAnswered(idPrefix, responsePath);
  }
  try {
    await file.write(new TextEncoder().encode(JSON.stringify(response, null, 2) + "\n"));
  } finally {
    file.close();
  }
}

/** The error for a proposal whose response file exists. */
export function alreadyAnswered(idPrefix: string, responsePath: string): SaseError {
  return new SaseError(
    "plan.already_handled",
    `plan proposal ${idPrefix} was already answered (${responsePath})`,
    { kind: "conflict" },
  );
}

/** Handled: read and dismissed, like every other transport that answers an action. */
export async function markNotificationHandled(env: Env, id: string): Promise<void> {
  await updateNotifications(notificationsPath(env), (record) => {
    if (record.id !== id) return false;
    record.read = true;
    record.dismissed = true;
    return true;
  });
}
