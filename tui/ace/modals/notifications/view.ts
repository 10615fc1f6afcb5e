/**
 * Drawing the inbox: the tag tabs (when there are tags), the sections with
 * coloured headers and counts, one line per notification (mark, unread dot,
 * `~` for muted, sender, first note, age, snooze countdown), the selected
 * notification's notes and files, and the key hints or the pending
 * question (`y`/`n`, snooze durations) on the last row.
 *
 * @module
 */

import { isSnoozed } from "../../../../core/notify/classify.ts";
import type { Notification } from "../../../../core/notify/model.ts";
import { parseTimestamp, relativeAge } from "../../../../core/notify/time.ts";
import { SNOOZE_CHOICES } from "../../../../core/notify/snooze_choices.ts";
import type { CellBuffer } from "../../../engine/buffer.ts";
import type { Rect } from "../../../engine/geometry.ts";
import { drawSpans, type Span } from "../../../widgets/spans.ts";
import { agentText } from "../../segments.ts";
import { drawRows, type Hint, hintSpans } from "../draw.ts";
import { MODAL_STYLES, SECTION_STYLES } from "../styles.ts";
import { inboxRows, type InboxState, inboxTabs, selectedRecord } from "./context.ts";

const HINTS: readonly Hint[] = [
  ["j/k", "move"],
  ["Enter", "open"],
  ["x", "dismiss"],
  ["m", "mark"],
  ["M", "mute"],
  ["s", "snooze"],
  ["e", "open file"],
  ["R", "all read"],
  ["[/]", "tags"],
  ["q", "close"],
];

/** How many rows the detail of the selected notification takes at most. */
const DETAIL_ROWS = 5;

/** `12m left` for a snooze ending at `until`. */
function remaining(until: string, now: number): string {
  const ms = (parseTimestamp(until) ?? now) - now;
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  if (minutes < 60) return `${minutes}m left`;
  const hours = Math.floor(minutes / 60);
  return hours < 24 ? `${hours}h left` : `${Math.floor(hours / 24)}d left`;
}

function itemSpans(record: Notification, state: InboxState): Span[] {
  const muted = record.muted === true || isSnoozed(record, state.now);
  const text = muted ? MODAL_STYLES.muted : record.read ? MODAL_STYLES.text : MODAL_STYLES.unread;
  const spans: Span[] = [
    { text: state.marks.has(record.id) ? "● " : "  ", style: MODAL_STYLES.mark },
    { text: record.read ? "  " : "• ", style: MODAL_STYLES.unread },
    { text: muted ? "~" : " ", style: MODAL_STYLES.muted },
    { text: agentText(record.sender).padEnd(12) + " ", style: MODAL_STYLES.heading },
    { text: agentText(record.notes?.[0] ?? record.action ?? ""), style: text },
    { text: "  " + relativeAge(record.timestamp, state.now), style: MODAL_STYLES.age },
  ];
  if (record.snooze_until && isSnoozed(record, state.now)) {
    spans.push({
      text: `  ⏰ ${remaining(record.snooze_until, state.now)}`,
      style: MODAL_STYLES.muted,
    });
  }
  return spans;
}

function detailRows(record: Notification | null): Span[][] {
  if (!record) return [[{ text: "No notifications.", style: MODAL_STYLES.dim }]];
  const rows: Span[][] = (record.notes ?? []).map((note) => [
    { text: agentText(note), style: MODAL_STYLES.text },
  ]);
  for (const file of record.files ?? []) {
    rows.push([{ text: "file: ", style: MODAL_STYLES.dim }, {
      text: agentText(file),
      style: MODAL_STYLES.code,
    }]);
  }
  return rows.slice(0, DETAIL_ROWS);
}

function promptSpans(state: InboxState): Span[] {
  const prompt = state.prompt;
  if (prompt?.kind === "confirm") {
    return [
      {
        text: `Dismiss ${
          prompt.ids.length === 1
            ? "this pending plan/question"
            : `${prompt.ids.length} notifications incl. a pending plan/question`
        }? `,
        style: MODAL_STYLES.warning,
      },
      ...hintSpans([["y", "yes"], ["n", "no"]]),
    ];
  }
  if (prompt?.kind === "snooze") {
    return [
      { text: "Snooze for: ", style: MODAL_STYLES.warning },
      ...hintSpans([...SNOOZE_CHOICES.map((c): Hint => [c.key, c.label]), ["Esc", "cancel"]]),
    ];
  }
  return hintSpans(HINTS);
}

/** Draw the inbox inside `rect`. */
export function drawInbox(buffer: CellBuffer, rect: Rect, state: InboxState): void {
  if (rect.height <= 0) return;
  let y = rect.y;
  const bottom = rect.y + rect.height - 1;
  const tabs = inboxTabs(state);
  if (tabs.length > 1 && y < bottom) {
    drawSpans(
      buffer,
      rect.x,
      y++,
      tabs.flatMap((tab) => [
        { text: ` ${tab} `, style: tab === state.tab ? MODAL_STYLES.tabActive : MODAL_STYLES.tab },
        { text: " " },
      ]),
      rect.width,
    );
  }
  const selected = selectedRecord(state);
  const detail = detailRows(selected);
  const listHeight = Math.max(1, bottom - y - detail.length - 1);
  const rows = inboxRows(state);
  const spans = rows.map((row): Span[] =>
    row.kind === "header"
      ? [{
        text: `${row.section.toUpperCase()} (${row.count})`,
        style: SECTION_STYLES[row.section],
      }]
      : itemSpans(row.record, state)
  );
  if (rows.length === 0) spans.push([{ text: "Inbox is empty.", style: MODAL_STYLES.dim }]);
  const at = rows.findIndex((row) => row.kind === "item" && row.record.id === selected?.id);
  const first = drawRows(
    buffer,
    { x: rect.x, y, width: rect.width, height: listHeight },
    spans,
    Math.max(0, at - Math.floor(listHeight / 2)),
  );
  if (at >= first && at < first + listHeight) {
    buffer.restyle(
      { x: rect.x, y: y + at - first, width: rect.width, height: 1 },
      MODAL_STYLES.selected,
    );
  }
  y += listHeight;
  drawSpans(
    buffer,
    rect.x,
    y++,
    [{ text: "─".repeat(rect.width), style: MODAL_STYLES.guide }],
    rect.width,
  );
  drawRows(buffer, { x: rect.x, y, width: rect.width, height: bottom - y }, detail);
  drawSpans(buffer, rect.x, bottom, promptSpans(state), rect.width);
}
