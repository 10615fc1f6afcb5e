/**
 * The inbox services every front door calls: list (filtered, newest first),
 * find one, and post one. They read the store at the context's
 * `notificationsPath`, and report lines of the store they had to skip to the
 * context's warning sink (the listing goes on without them).
 *
 * @module
 */

import type { AppContext } from "../context.ts";
import { notificationsPath } from "../config/paths.ts";
import { neutralizeControls } from "../text/control_chars.ts";
import { filterNotifications, findNotification, type ListFilter } from "./catalog.ts";
import { type CreateOptions, parseNotificationJson } from "./create.ts";
import type { Notification } from "./model.ts";
import { appendNotifications, readNotifications } from "./store.ts";

/** The inbox's records; each line that is not a usable notification is a warning. */
async function readInbox(app: AppContext): Promise<Notification[]> {
  const path = notificationsPath(app.env);
  const { records, problems } = await readNotifications(path);
  for (const problem of problems) {
    // The reason can quote the bad line, which another process wrote.
    const reason = neutralizeControls(problem.reason, { keepLayout: false });
    app.warn(`${path}:${problem.line}: skipped: ${reason}`);
  }
  return records;
}

/** The notifications `filter` keeps, newest first (`sase notify list`). */
export async function listInbox(app: AppContext, filter: ListFilter = {}): Promise<Notification[]> {
  return filterNotifications(await readInbox(app), filter);
}

/** One notification (dismissed ones included) by id or unique id prefix. */
export async function showNotification(app: AppContext, ref: string): Promise<Notification> {
  return findNotification(await readInbox(app), ref);
}

/**
 * Parse producer JSON into a notification and append it to the inbox;
 * resolves to the stored record (with its generated id).
 */
export async function postNotification(
  app: AppContext,
  text: string,
  options: CreateOptions = {},
): Promise<Notification> {
  const record = parseNotificationJson(text, { now: app.now(), ...options });
  await appendNotifications(notificationsPath(app.env), [record]);
  return record;
}
