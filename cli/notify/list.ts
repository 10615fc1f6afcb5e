/**
 * `sase notify list`: the inbox as a table (or `-j` rows).
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import type { ListFilter } from "../../core/notify/catalog.ts";
import { listInbox } from "../../core/notify/inbox.ts";
import { type NotificationWire, notificationWire } from "../../core/notify/wire.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";
import { formatTable, printJson, style } from "../shared/output.ts";

const NOTES_WIDTH = 80;

function stateLabel(row: NotificationWire): string {
  const labels = [
    !row.read && "unread",
    row.priority && "priority",
    row.dismissed && "dismissed",
    row.silent && "silent",
    row.muted && "muted",
  ].filter((label): label is string => typeof label === "string");
  return labels.length ? labels.join(",") : "-";
}

/** A table cell from text others wrote: one line, controls made visible. */
function cell(text: string): string {
  return neutralizeControls(text, { keepLayout: false });
}

function truncate(text: string, width: number): string {
  if (!text) return "-";
  const shown = cell(text);
  return shown.length <= width ? shown : shown.slice(0, width - 3) + "...";
}

function printCompact(rows: readonly NotificationWire[]): void {
  console.log(style("bold", `Notifications (${rows.length})`));
  if (rows.length === 0) {
    console.log("No notifications found.");
    return;
  }
  console.log(formatTable(
    ["ID", "AGE", "SENDER", "TAGS", "STATE", "NOTES"],
    rows.map((row) => [
      cell(row.id),
      cell(row.age),
      cell(row.sender),
      row.tags.length ? cell(row.tags.join(",")) : "-",
      stateLabel(row),
      truncate(row.notes.join(" | "), NOTES_WIDTH),
    ]),
  ));
}

/** Run `sase notify list`. */
export async function runList(
  app: AppContext,
  options: ListFilter & { json?: boolean },
): Promise<void> {
  const now = app.now().getTime();
  const rows = (await listInbox(app, options)).map((record) => notificationWire(record, now));
  if (options.json) printJson(rows);
  else printCompact(rows);
}
