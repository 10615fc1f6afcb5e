/**
 * The inbox: cards grouped in the sections ACE shows (PRIORITY, ERRORS,
 * INBOX, then MUTED), unread rows marked, each with mark-read and dismiss.
 * A tap on a card opens its detail.
 *
 * @module
 */

import { h, replace, shortTime } from "./dom.ts";
import { call } from "./api.ts";
import { notice, report } from "./shell.ts";
import type {
  MobileNotificationCardWire,
  MobileNotificationListResponseWire,
  NotificationStateMutationResponseWire,
} from "./types.ts";

/** The sections in the order ACE shows them, with their headings. */
const SECTIONS: [MobileNotificationCardWire["section"], string][] = [
  ["priority", "PRIORITY"],
  ["errors", "ERRORS"],
  ["inbox", "INBOX"],
  ["muted", "MUTED"],
];

/** How many cards one page asks for. */
const PAGE = 200;

/** Load the inbox. */
export function loadInbox(): Promise<MobileNotificationListResponseWire> {
  return call<MobileNotificationListResponseWire>(
    "GET",
    `/api/v1/notifications?limit=${PAGE}`,
  );
}

function card(row: MobileNotificationCardWire, refresh: () => void): HTMLElement {
  const mutate = async (route: "mark-read" | "dismiss") => {
    try {
      await call<NotificationStateMutationResponseWire>(
        "POST",
        `/api/v1/notifications/${encodeURIComponent(row.id)}/${route}`,
      );
      notice(route === "dismiss" ? "Dismissed" : "Marked read");
      refresh();
    } catch (error) {
      report(error);
    }
  };
  return h(
    "li",
    { class: `card${row.read ? "" : " unread"}`, "data-id": row.id },
    h(
      "a",
      { class: "open", href: `#/n/${encodeURIComponent(row.id)}` },
      h(
        "div",
        { class: "meta" },
        row.read ? null : h("span", { class: "dot", "aria-label": "unread" }),
        h("span", { class: "sender" }, row.sender),
        h("time", { datetime: row.timestamp }, shortTime(row.timestamp)),
      ),
      h("div", { class: "summary" }, row.notes_summary || "(no notes)"),
      row.action_summary
        ? h("span", { class: `badge ${row.action_summary.state}` }, row.action_summary.label)
        : null,
      row.file_count ? h("span", { class: "badge" }, `${row.file_count} file(s)`) : null,
    ),
    h(
      "div",
      { class: "row-actions" },
      row.read ? null : h(
        "button",
        { class: "mark-read", on: { click: () => mutate("mark-read") } },
        "Mark read",
      ),
      h("button", { class: "dismiss", on: { click: () => mutate("dismiss") } }, "Dismiss"),
    ),
  );
}

/** Render `list` into `root`; `refresh` reloads after a change. */
export function renderInbox(
  root: HTMLElement,
  list: MobileNotificationListResponseWire,
  refresh: () => void,
): void {
  const groups = SECTIONS.map(([section, title]) => {
    const rows = list.notifications.filter((row) => row.section === section);
    if (rows.length === 0) return null;
    const unread = rows.filter((row) => !row.read).length;
    return h(
      "section",
      { class: `group ${section}`, "data-section": section },
      h("h2", null, title, unread ? h("span", { class: "count" }, ` ${unread} unread`) : null),
      h("ul", { class: "cards" }, ...rows.map((row) => card(row, refresh))),
    );
  });
  replace(
    root,
    h("h1", null, "Inbox"),
    list.notifications.length === 0 ? h("p", { class: "empty" }, "Nothing needs you.") : null,
    ...groups,
  );
}
