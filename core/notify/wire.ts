/**
 * The wire form of a notification: the stable JSON row `sase notify list -j`
 * and `sase notify show -f json` print, and that ACE and the gateway send.
 * The stored record is already snake_case (it is the inbox file's format);
 * the row adds what is only known when it is read (`age`, `priority`) and
 * fills the defaults.
 *
 * @module
 */

import { isPriority } from "./classify.ts";
import { type Notification, type NotificationView, withDefaults } from "./model.ts";
import { relativeAge } from "./time.ts";

/**
 * The stable JSON row: the handbook's keys in its order, followed by every
 * other field the stored record carries (`icon`, `resurfaced_at`, fields from
 * newer producers), so nothing stored is hidden from `-j` output.
 */
export interface NotificationWire extends Omit<NotificationView, "icon" | "resurfaced_at"> {
  /** How long ago it was created (`5m ago`, `just now`; the timestamp itself when unparseable). */
  age: string;
  /** Whether it counts as priority (see `classify.ts`). */
  priority: boolean;
  [extra: string]: unknown;
}

/** Project one stored record into its stable row. */
export function notificationWire(record: Notification, now: number = Date.now()): NotificationWire {
  const view = withDefaults(record);
  const row: NotificationWire = {
    id: view.id,
    timestamp: view.timestamp,
    age: relativeAge(view.timestamp, now),
    sender: view.sender,
    priority: isPriority(record),
    notes: view.notes,
    files: view.files,
    tags: view.tags,
    action: view.action,
    action_data: view.action_data,
    read: view.read,
    dismissed: view.dismissed,
    silent: view.silent,
    muted: view.muted,
    snooze_until: view.snooze_until,
  };
  for (const [key, value] of Object.entries(record)) {
    if (!(key in row)) row[key] = value;
  }
  return row;
}
