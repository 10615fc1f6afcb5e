/**
 * Toasts (handbook 4.13.1): each new notification of a poll tick becomes a
 * toast whose text previews the event and whose severity follows its type:
 * plans, questions and HITL checkpoints warn, axe errors and sync failures
 * are errors, everything else informs. More than three in one tick become
 * one grouped toast per severity (`2 warnings: 1 plan, 1 question`), errors
 * first, then warnings, then information. Silent and muted notifications
 * never toast. `Ctrl+L` clears the visible ones.
 *
 * @module
 */

import { isMuted } from "../../../core/notify/classify.ts";
import type { Notification } from "../../../core/notify/model.ts";
import type { ToastSeverity } from "../effects.ts";
import { agentText } from "../segments.ts";

/** One toast. */
export interface Toast {
  readonly id: number;
  readonly severity: ToastSeverity;
  readonly text: string;
  /** When it goes away on its own (ms). */
  readonly expiresMs: number;
}

/** The visible toasts. */
export interface ToastQueue {
  readonly toasts: readonly Toast[];
  readonly nextId: number;
}

/** No toasts. */
export const EMPTY_TOASTS: ToastQueue = { toasts: [], nextId: 1 };

/** How long a toast stays (ms). */
export const TOAST_MS: Readonly<Record<ToastSeverity, number>> = {
  error: 10_000,
  warning: 8_000,
  info: 4_000,
};

/** Above this many new notifications in one tick, toasts are grouped. */
export const GROUP_ABOVE = 3;

/** The kind of event a notification reports, and its severity. */
export interface NotificationKind {
  readonly kind: string;
  readonly severity: ToastSeverity;
}

/** Classify a notification for its toast. */
export function notificationKind(record: Notification): NotificationKind {
  switch (record.action) {
    case "PlanApproval":
    case "EpicApproval":
      return { kind: "plan", severity: "warning" };
    case "UserQuestion":
      return { kind: "question", severity: "warning" };
    case "HITL":
      return { kind: "HITL", severity: "warning" };
    case "ViewErrorReport":
      return record.sender === "axe"
        ? { kind: "axe error", severity: "error" }
        : { kind: "agent failure", severity: "info" };
    case "JumpToChangeSpec":
      return record.sender === "sync" && /fail/i.test((record.notes ?? []).join(" "))
        ? { kind: "sync failure", severity: "error" }
        : { kind: "ChangeSpec update", severity: "info" };
    case "JumpToAgent":
      return { kind: "agent update", severity: "info" };
    default:
      return { kind: "notification", severity: "info" };
  }
}

const PREFIX: Readonly<Record<string, string>> = {
  plan: "Plan ready for review",
  question: "Agent question",
  HITL: "Workflow needs input",
  "axe error": "Axe error",
  "sync failure": "Sync failed",
};

/** The toast text of one notification: its kind's prefix and the first note. */
export function toastText(record: Notification): string {
  const { kind } = notificationKind(record);
  const note = agentText((record.notes ?? [])[0] ?? record.sender);
  const prefix = PREFIX[kind];
  return prefix ? `${prefix}: ${note}` : note;
}

const ORDER: readonly ToastSeverity[] = ["error", "warning", "info"];
const NOUNS: Readonly<Record<ToastSeverity, [string, string]>> = {
  error: ["error", "errors"],
  warning: ["warning", "warnings"],
  info: ["notification", "notifications"],
};

/** The toasts (severity and text) for one tick's new notifications. */
export function tickToasts(
  fresh: readonly Notification[],
  nowMs: number,
): Array<{ severity: ToastSeverity; text: string }> {
  const shown = fresh.filter((record) => !record.silent && !isMuted(record, nowMs));
  if (shown.length <= GROUP_ABOVE) {
    return shown.map((record) => ({
      severity: notificationKind(record).severity,
      text: toastText(record),
    }));
  }
  const out: Array<{ severity: ToastSeverity; text: string }> = [];
  for (const severity of ORDER) {
    const kinds = new Map<string, number>();
    for (const record of shown) {
      const kind = notificationKind(record);
      if (kind.severity === severity) kinds.set(kind.kind, (kinds.get(kind.kind) ?? 0) + 1);
    }
    const total = [...kinds.values()].reduce((a, b) => a + b, 0);
    if (total === 0) continue;
    const noun = NOUNS[severity][total === 1 ? 0 : 1];
    const parts = [...kinds].map(([kind, count]) => `${count} ${kind}`);
    out.push({ severity, text: `${total} ${noun}: ${parts.join(", ")}` });
  }
  return out;
}

/** The notifications of `records` not in `seen`, and the ids seen after this tick. */
export function freshNotifications(
  records: readonly Notification[],
  seen: ReadonlySet<string>,
): { fresh: Notification[]; seen: Set<string> } {
  const fresh = records.filter((record) => !record.dismissed && !seen.has(record.id));
  return { fresh, seen: new Set(records.map((record) => record.id)) };
}

/** Add toasts at `nowMs`. */
export function pushToasts(
  queue: ToastQueue,
  toasts: ReadonlyArray<{ severity: ToastSeverity; text: string }>,
  nowMs: number,
): ToastQueue {
  let nextId = queue.nextId;
  const added = toasts.map((toast) => ({
    ...toast,
    id: nextId++,
    expiresMs: nowMs + TOAST_MS[toast.severity],
  }));
  return { toasts: [...queue.toasts, ...added], nextId };
}

/** Drop toasts whose time is up. */
export function expireToasts(queue: ToastQueue, nowMs: number): ToastQueue {
  const toasts = queue.toasts.filter((toast) => toast.expiresMs > nowMs);
  return toasts.length === queue.toasts.length ? queue : { ...queue, toasts };
}

/** `Ctrl+L`: clear every visible toast. */
export function clearToasts(queue: ToastQueue): ToastQueue {
  return { ...queue, toasts: [] };
}
