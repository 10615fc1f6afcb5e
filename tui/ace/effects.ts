/**
 * What the ACE reducers ask the outside world to do. Reducers stay pure: a
 * change that must reach the disk (the last query, a saved slot, a kill)
 * or the user (a toast) comes back as an effect, and the loader layer
 * (`loaders/effects.ts`) performs it through the core services.
 *
 * @module
 */

import type { QueryHistory } from "../../core/query/persist/query_history.ts";
import type { QuerySlot } from "../../core/query/persist/saved_queries.ts";

/** A toast's severity. */
export type ToastSeverity = "error" | "warning" | "info";

/** One effect. */
export type AceEffect =
  | { readonly kind: "toast"; readonly severity: ToastSeverity; readonly text: string }
  | { readonly kind: "writeLastQuery"; readonly query: string }
  | { readonly kind: "writeQueryHistory"; readonly history: QueryHistory }
  | { readonly kind: "saveQuerySlot"; readonly slot: QuerySlot; readonly query: string }
  | { readonly kind: "deleteQuerySlot"; readonly slot: QuerySlot }
  /** Stop these runs through the kill service. */
  | { readonly kind: "killAgents"; readonly runs: readonly KillTarget[] }
  /** Dismiss these finished runs from the visible inbox. */
  | { readonly kind: "dismissAgents"; readonly runs: readonly DismissTarget[] }
  /** Acknowledge completion notifications (unread agents the user looked at). */
  | { readonly kind: "dismissNotifications"; readonly ids: readonly string[] }
  | { readonly kind: "writePinnedIdle"; readonly pinned: boolean }
  /** `y`: reload the tab's data now. */
  | { readonly kind: "refresh"; readonly tab: "changespecs" | "agents" | "axe" }
  | { readonly kind: "quit"; readonly stopAxe: boolean };

/** A running run to stop: its artifact directory and project (whose claims a forced stop repairs). */
export interface KillTarget {
  readonly dir: string;
  readonly project: string;
}

/** A finished run to dismiss: its project and timestamp (raw suffix). */
export interface DismissTarget {
  readonly project: string;
  readonly timestamp: string;
}

/** A reducer's answer: the next state and the effects to perform. */
export interface Reduced<S> {
  readonly state: S;
  readonly effects: readonly AceEffect[];
}

/** A toast effect. */
export function toast(severity: ToastSeverity, text: string): AceEffect {
  return { kind: "toast", severity, text };
}
