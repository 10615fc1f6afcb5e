/**
 * The notifications inbox's state (handbook 14.2): the visible records, the
 * selection, the modal-local marks, the active tag tab and a pending
 * confirmation or snooze choice. Sections, order and tabs are derived from
 * the records with the core rules (`core/notify/classify.ts`,
 * `sortNewestFirst`), recomputed on every change so a mute, snooze or
 * dismissal re-sorts the list at once.
 *
 * @module
 */

import { type Section, sectionOf, SECTIONS } from "../../../../core/notify/classify.ts";
import { sortNewestFirst } from "../../../../core/notify/catalog.ts";
import type { Notification } from "../../../../core/notify/model.ts";

/** The `All` tag tab (every row). */
export const ALL_TAB = "All";

/** What the inbox waits for before it acts. */
export type InboxPrompt =
  /** `y`/`n` before dismissing plan or question rows. */
  | { readonly kind: "confirm"; readonly ids: readonly string[] }
  /** The snooze duration picker for one row. */
  | { readonly kind: "snooze"; readonly id: string };

/** The inbox. */
export interface InboxState {
  /** The rows the inbox shows (not dismissed, not silent), in store order. */
  readonly records: readonly Notification[];
  /** The clock the sections were computed at (snoozes end by it). */
  readonly now: number;
  /** The selected row's id. */
  readonly selected: string | null;
  readonly marks: ReadonlySet<string>;
  readonly tab: string;
  readonly prompt: InboxPrompt | null;
}

/** One row of the list: a section header or a notification. */
export type InboxRow =
  | { readonly kind: "header"; readonly section: Section; readonly count: number }
  | { readonly kind: "item"; readonly section: Section; readonly record: Notification };

/** Whether the inbox shows `record` (dismissed and silent rows never appear, handbook 14.5). */
export function isVisible(record: Notification): boolean {
  return record.dismissed !== true && record.silent !== true;
}

/** An inbox over `records` at `now`, the first row selected. */
export function createInbox(records: readonly Notification[], now: number): InboxState {
  const state: InboxState = {
    records: records.filter(isVisible),
    now,
    selected: null,
    marks: new Set(),
    tab: ALL_TAB,
    prompt: null,
  };
  return { ...state, selected: firstItem(state) };
}

/**
 * The tag tabs: `All`, then `done` when a row carries it, then the other
 * tags alphabetically — from unread rows (handbook 14.2.2).
 */
export function inboxTabs(state: InboxState): string[] {
  const tags = new Set<string>();
  for (const record of state.records) {
    if (record.read === true) continue;
    for (const tag of record.tags ?? []) tags.add(tag);
  }
  const done = tags.delete("done");
  return [ALL_TAB, ...(done ? ["done"] : []), ...[...tags].sort()];
}

/** The rows of the active tab: sections in fixed order, newest first inside, empty ones left out. */
export function inboxRows(state: InboxState): InboxRow[] {
  const inTab = state.tab === ALL_TAB
    ? state.records
    : state.records.filter((record) => (record.tags ?? []).includes(state.tab));
  const bySection = new Map<Section, Notification[]>(SECTIONS.map((s) => [s, []]));
  for (const record of sortNewestFirst(inTab)) {
    bySection.get(sectionOf(record, state.now))!.push(record);
  }
  const rows: InboxRow[] = [];
  for (const section of SECTIONS) {
    const records = bySection.get(section)!;
    if (records.length === 0) continue;
    rows.push({ kind: "header", section, count: records.length });
    for (const record of records) rows.push({ kind: "item", section, record });
  }
  return rows;
}

/** The notifications of the active tab in display order. */
export function inboxItems(state: InboxState): Notification[] {
  return inboxRows(state).flatMap((row) => row.kind === "item" ? [row.record] : []);
}

function firstItem(state: InboxState): string | null {
  return inboxItems(state)[0]?.id ?? null;
}

/** The selected notification (the first one when the selection is gone). */
export function selectedRecord(state: InboxState): Notification | null {
  const items = inboxItems(state);
  return items.find((record) => record.id === state.selected) ?? items[0] ?? null;
}

/** The selection moved by `delta` items (headers are skipped; it stops at the ends). */
export function moveSelection(state: InboxState, delta: number): InboxState {
  const items = inboxItems(state);
  if (items.length === 0) return state;
  const at = Math.max(0, items.findIndex((record) => record.id === state.selected));
  const next = items[Math.max(0, Math.min(items.length - 1, at + delta))];
  return next.id === state.selected ? state : { ...state, selected: next.id };
}

/** Plan approvals and questions: dismissing them drops a pending decision, so it is confirmed. */
export function needsConfirmation(record: Notification): boolean {
  return record.action === "PlanApproval" || record.action === "UserQuestion";
}

/**
 * `records` after `change` applied to the rows `ids` names (a copy of each
 * changed row), rows no longer visible dropped; the selection moves to the
 * next row when its row went away.
 */
export function withRecords(
  state: InboxState,
  ids: ReadonlySet<string>,
  change: (record: Notification) => Notification,
): InboxState {
  const before = inboxItems(state);
  const records = state.records.map((record) => ids.has(record.id) ? change(record) : record)
    .filter(isVisible);
  const next: InboxState = {
    ...state,
    records,
    marks: new Set([...state.marks].filter((id) => records.some((r) => r.id === id))),
  };
  if (records.some((record) => record.id === state.selected)) return next;
  // The selected row went away: take the row after it (or before it at the end).
  const at = before.findIndex((record) => record.id === state.selected);
  const remaining = new Set(records.map((record) => record.id));
  const after = before.slice(at + 1).find((record) => remaining.has(record.id)) ??
    before.slice(0, Math.max(0, at)).reverse().find((record) => remaining.has(record.id));
  return { ...next, selected: after?.id ?? firstItem(next) };
}

/** The tab `delta` steps away (wrapping); switching clears the marks (handbook 14.2.2). */
export function switchTab(state: InboxState, delta: number): InboxState {
  const tabs = inboxTabs(state);
  const at = Math.max(0, tabs.indexOf(state.tab));
  const tab = tabs[(at + delta + tabs.length) % tabs.length];
  if (tab === state.tab) return state;
  const next: InboxState = { ...state, tab, marks: new Set() };
  return { ...next, selected: firstItem(next) };
}

/**
 * The file `e` opens for `record`: an error report's `error_report_path`,
 * else its first attached file (handbook 4.13).
 */
export function attachmentOf(record: Notification): string | undefined {
  const report = record.action_data?.error_report_path;
  if (record.action === "ViewErrorReport" && typeof report === "string" && report !== "") {
    return report;
  }
  return record.files?.[0];
}

/**
 * `state` over freshly read `records` at `now`: the selection, marks, tab
 * and a pending question are kept while their rows still show (a row
 * answered elsewhere drops out of them).
 */
export function withFreshRecords(
  state: InboxState,
  records: readonly Notification[],
  now: number,
): InboxState {
  const visible = records.filter(isVisible);
  const present = new Set(visible.map((record) => record.id));
  const prompt = state.prompt?.kind === "confirm"
    ? (state.prompt.ids.some((id) => !present.has(id)) ? null : state.prompt)
    : state.prompt && !present.has(state.prompt.id)
    ? null
    : state.prompt;
  const next: InboxState = {
    ...state,
    records: visible,
    now,
    marks: new Set([...state.marks].filter((id) => present.has(id))),
    prompt,
  };
  const tabs = inboxTabs(next);
  const tabbed = tabs.includes(next.tab) ? next : { ...next, tab: ALL_TAB };
  const selected = tabbed.selected !== null &&
      inboxItems(tabbed).some((record) => record.id === tabbed.selected)
    ? tabbed.selected
    : firstItem(tabbed);
  return { ...tabbed, selected };
}
