/**
 * Toasts: short messages that expire. One tick's arrivals are added
 * together; when more than three arrive in one tick they are consolidated
 * into one toast per severity (`2 warnings: 1 plan, 1 question`), errors
 * first, then warnings, then information.
 *
 * @module
 */

import type { CellBuffer } from "../engine/buffer.ts";
import type { Rect } from "../engine/geometry.ts";
import { textWidth } from "../engine/width.ts";
import { drawSpans } from "./spans.ts";
import { THEME } from "./theme.ts";

/** How urgent a toast is. */
export type Severity = "error" | "warning" | "info";

/** A toast to show. */
export interface ToastInput {
  severity: Severity;
  text: string;
  /** What it is about, for the grouped text (`plan`, `question`, `agent`...). */
  category?: string;
}

/** A toast on screen. */
export interface Toast {
  id: number;
  severity: Severity;
  text: string;
  /** When it disappears (ms, the program's clock). */
  expiresAt: number;
}

/** The toasts shown and the next id. */
export interface ToastState {
  readonly toasts: readonly Toast[];
  readonly nextId: number;
}

/** More arrivals than this in one tick are grouped. */
export const TOAST_GROUP_THRESHOLD = 3;

/** How long a toast of each severity stays (ms). */
export const TOAST_DURATION_MS: Readonly<Record<Severity, number>> = {
  error: 10_000,
  warning: 6_000,
  info: 4_000,
};

const ORDER: readonly Severity[] = ["error", "warning", "info"];
const NOUN: Readonly<Record<Severity, [string, string]>> = {
  error: ["error", "errors"],
  warning: ["warning", "warnings"],
  info: ["info", "info"],
};

/** No toasts. */
export function emptyToasts(): ToastState {
  return { toasts: [], nextId: 1 };
}

function plural(count: number, word: string): string {
  return `${count} ${count === 1 || word.endsWith("s") ? word : `${word}s`}`;
}

/**
 * The toasts for one tick's arrivals: each as it is when at most three
 * arrived, else one per severity present, in urgency order, saying how many
 * of each category (in order of first arrival).
 */
export function toastsForTick(batch: readonly ToastInput[]): ToastInput[] {
  if (batch.length <= TOAST_GROUP_THRESHOLD) return [...batch];
  const grouped: ToastInput[] = [];
  for (const severity of ORDER) {
    const items = batch.filter((item) => item.severity === severity);
    if (items.length === 0) continue;
    const counts = new Map<string, number>();
    for (const item of items) {
      const category = item.category ?? "other";
      counts.set(category, (counts.get(category) ?? 0) + 1);
    }
    const [one, many] = NOUN[severity];
    const parts = [...counts].map(([category, count]) => plural(count, category));
    grouped.push({
      severity,
      text: `${items.length} ${items.length === 1 ? one : many}: ${parts.join(", ")}`,
    });
  }
  return grouped;
}

/** `state` with one tick's arrivals added at `now` (the same object for an empty batch). */
export function addToasts(
  state: ToastState,
  batch: readonly ToastInput[],
  now: number,
  durations: Readonly<Record<Severity, number>> = TOAST_DURATION_MS,
): ToastState {
  if (batch.length === 0) return state;
  let nextId = state.nextId;
  const added = toastsForTick(batch).map((input) => ({
    id: nextId++,
    severity: input.severity,
    text: input.text,
    expiresAt: now + durations[input.severity],
  }));
  return { toasts: [...state.toasts, ...added], nextId };
}

/** `state` without the toasts expired at `now` (the same object when none expired). */
export function expireToasts(state: ToastState, now: number): ToastState {
  const kept = state.toasts.filter((toast) => toast.expiresAt > now);
  return kept.length === state.toasts.length ? state : { toasts: kept, nextId: state.nextId };
}

/** `state` without any toast (Ctrl+L). */
export function clearToasts(state: ToastState): ToastState {
  return state.toasts.length === 0 ? state : { toasts: [], nextId: state.nextId };
}

/** When the next toast expires, or null (to schedule the expiry message). */
export function nextToastExpiry(state: ToastState): number | null {
  return state.toasts.length === 0
    ? null
    : Math.min(...state.toasts.map((toast) => toast.expiresAt));
}

/** Options of {@linkcode drawToasts}. */
export interface ToastsProps {
  /** At most this many (the newest) are shown (default 5). */
  maxVisible?: number;
  /** At most this wide (default 60 cells). */
  maxWidth?: number;
}

/**
 * Draw the newest toasts stacked in the bottom-right corner of `area`,
 * newest at the bottom; each is one line with a severity-coloured bar.
 */
export function drawToasts(
  buffer: CellBuffer,
  area: Rect,
  state: ToastState,
  props: ToastsProps = {},
): void {
  const visible = state.toasts.slice(-(props.maxVisible ?? 5)).slice(-area.height);
  const maxWidth = Math.min(props.maxWidth ?? 60, area.width);
  visible.forEach((toast, i) => {
    const y = area.y + area.height - visible.length + i;
    const width = Math.min(maxWidth, textWidth(toast.text) + 3);
    const x = area.x + area.width - width;
    buffer.fill({ x, y, width, height: 1 }, THEME.toast);
    drawSpans(
      buffer,
      x,
      y,
      [
        { text: "▌ ", style: THEME[toast.severity] },
        { text: toast.text },
      ],
      width - 1,
      THEME.toast,
    );
  });
}
