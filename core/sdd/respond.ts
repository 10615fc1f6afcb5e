/**
 * Answering a plan proposal, the part every decision shares (approve in
 * `approve.ts`, reject and feedback in `reject.ts`): the response file is
 * created exactly once (the notification is then marked handled with
 * `markHandled` of the notification store).
 * Callers hold the response file's lock around the whole decision.
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import { createFileOnce } from "../fs/create_once.ts";
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
  // Whole or not at all: a client polling for the response never reads half of it.
  if (!await createFileOnce(responsePath, JSON.stringify(response, null, 2) + "\n")) {
    throw alreadyAnswered(idPrefix, responsePath);
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
