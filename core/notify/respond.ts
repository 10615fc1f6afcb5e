/**
 * The last step of answering an actionable notification (a plan proposal,
 * an agent's questions): create the response file exactly once (a second
 * answer fails on the existing file) and mark the notification read and
 * dismissed, as every transport that answers it does.
 *
 * @module
 */

import type { Env } from "../config/paths.ts";
import { notificationsPath } from "../config/paths.ts";
import { updateNotifications } from "./store.ts";

/** Write `response` as JSON to `responsePath` (which must not exist) and mark notification `id` handled. */
export async function recordResponse(
  env: Env,
  id: string,
  responsePath: string,
  response: unknown,
): Promise<void> {
  const file = await Deno.open(responsePath, { write: true, createNew: true });
  try {
    await file.write(new TextEncoder().encode(JSON.stringify(response, null, 2) + "\n"));
  } finally {
    file.close();
  }
  await updateNotifications(notificationsPath(env), (record) => {
    if (record.id !== id) return false;
    record.read = true;
    record.dismissed = true;
    return true;
  });
}
