/**
 * The last step of answering an actionable notification (a plan proposal,
 * an agent's questions): create the response file exactly once and whole
 * (a second answer finds it there and is refused; a client polling for it
 * never reads half of it), then mark the notification handled (read and
 * dismissed), as every transport that answers it does.
 *
 * @module
 */

import type { Env } from "../config/paths.ts";
import { notificationsPath } from "../config/paths.ts";
import { SaseError } from "../errors.ts";
import { createFileOnce } from "../fs/create_once.ts";
import { markHandled } from "./store.ts";

/**
 * Write `response` as JSON to `responsePath` and mark notification `id`
 * handled; an existing response is a `conflict` and nothing changes.
 */
export async function recordResponse(
  env: Env,
  id: string,
  responsePath: string,
  response: unknown,
): Promise<void> {
  if (!await createFileOnce(responsePath, JSON.stringify(response, null, 2) + "\n")) {
    throw new SaseError(
      "notify.already_answered",
      `notification ${id.slice(0, 8)} was already answered (${responsePath})`,
      { kind: "conflict" },
    );
  }
  await markHandled(notificationsPath(env), id);
}
