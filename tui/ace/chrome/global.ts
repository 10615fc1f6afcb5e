/**
 * The keys that work on every tab (handbook 4.8): `Tab` / `Shift+Tab` switch
 * tabs, `q` quits and `Q` stops axe and quits (both ask first while
 * background tasks run, showing how many), `?` opens and closes the help,
 * `y` refreshes the current tab, `I` pins idle (persisted, red badge) or
 * unpins it, `,I` marks the user idle until the next key. Idle also starts
 * on its own after `ace.inactive_seconds` without a key; any key ends an
 * unpinned idle. `Ctrl+L` clears the visible toasts.
 *
 * @module
 */

import type { AceEffect, Reduced } from "../effects.ts";
import { type AceTab, cycleTab } from "./tabs.ts";
import type { IdleState } from "./top_bar.ts";
import { clearToasts, EMPTY_TOASTS, type ToastQueue } from "./toasts.ts";

/** The default of `ace.inactive_seconds`. */
export const DEFAULT_INACTIVE_SECONDS = 600;

/** The app-wide state. */
export interface GlobalState {
  readonly tab: AceTab;
  readonly pinnedIdle: boolean;
  /** `,I` or the inactivity timeout. */
  readonly inactive: boolean;
  readonly lastKeyMs: number;
  readonly helpOpen: boolean;
  /** A quit waiting for its confirmation, with the task count it showed. */
  readonly quitConfirm: { readonly tasks: number; readonly stopAxe: boolean } | null;
  readonly toasts: ToastQueue;
}

/** The state a session starts in. */
export function createGlobalState(tab: AceTab, pinnedIdle: boolean, nowMs: number): GlobalState {
  return {
    tab,
    pinnedIdle,
    inactive: false,
    lastKeyMs: nowMs,
    helpOpen: false,
    quitConfirm: null,
    toasts: EMPTY_TOASTS,
  };
}

/** The idle badge of the state. */
export function idleState(state: GlobalState): IdleState {
  return state.pinnedIdle ? "pinned" : state.inactive ? "inactive" : "active";
}

/** A clock tick: idle after `inactiveSeconds` without a key. */
export function tickIdle(state: GlobalState, nowMs: number, inactiveSeconds: number): GlobalState {
  if (state.inactive || nowMs - state.lastKeyMs < inactiveSeconds * 1000) return state;
  return { ...state, inactive: true };
}

/** Everything the global controller can be asked to do. */
export type GlobalAction =
  | { type: "tab"; step: 1 | -1 }
  | { type: "quit"; stopAxe: boolean }
  | { type: "confirmQuit"; yes: boolean }
  | { type: "help" }
  | { type: "refresh" }
  | { type: "pinIdle" }
  | { type: "manualIdle" }
  | { type: "clearToasts" };

const KEYS: Readonly<Record<string, GlobalAction>> = {
  tab: { type: "tab", step: 1 },
  "shift+tab": { type: "tab", step: -1 },
  q: { type: "quit", stopAxe: false },
  Q: { type: "quit", stopAxe: true },
  "?": { type: "help" },
  y: { type: "refresh" },
  I: { type: "pinIdle" },
  "ctrl+l": { type: "clearToasts" },
};

/** The global action of `key` (a quit confirmation takes `y`/`n`; the help takes `?`/`Esc`/`q`). */
export function globalKeyAction(state: GlobalState, key: string): GlobalAction | null {
  if (state.quitConfirm) {
    if (key === "y" || key === "enter") return { type: "confirmQuit", yes: true };
    if (key === "n" || key === "escape" || key === "q") return { type: "confirmQuit", yes: false };
    return null;
  }
  if (state.helpOpen) {
    return key === "?" || key === "escape" || key === "q" ? { type: "help" } : null;
  }
  return KEYS[key] ?? null;
}

/** Any key press: an unpinned idle ends. */
export function noteKey(state: GlobalState, nowMs: number): GlobalState {
  return { ...state, lastKeyMs: nowMs, inactive: false };
}

/** Apply `action`; `backgroundTasks` is the count of running task-queue and `!!` jobs. */
export function reduceGlobal(
  state: GlobalState,
  action: GlobalAction,
  backgroundTasks: number,
): Reduced<GlobalState> {
  const just = (next: GlobalState, effects: AceEffect[] = []) => ({ state: next, effects });
  switch (action.type) {
    case "tab":
      return just({ ...state, tab: cycleTab(state.tab, action.step) });
    case "quit":
      if (backgroundTasks > 0) {
        return just({ ...state, quitConfirm: { tasks: backgroundTasks, stopAxe: action.stopAxe } });
      }
      return just(state, [{ kind: "quit", stopAxe: action.stopAxe }]);
    case "confirmQuit": {
      const confirm = state.quitConfirm;
      if (!confirm) return just(state);
      return action.yes
        ? just({ ...state, quitConfirm: null }, [{ kind: "quit", stopAxe: confirm.stopAxe }])
        : just({ ...state, quitConfirm: null });
    }
    case "help":
      return just({ ...state, helpOpen: !state.helpOpen });
    case "refresh":
      return just(state, [{ kind: "refresh", tab: state.tab }]);
    case "pinIdle": {
      const pinned = !state.pinnedIdle;
      return just({ ...state, pinnedIdle: pinned, inactive: false }, [{
        kind: "writePinnedIdle",
        pinned,
      }]);
    }
    case "manualIdle":
      return just({ ...state, inactive: true });
    case "clearToasts":
      return just({ ...state, toasts: clearToasts(state.toasts) });
  }
}

/** The quit dialog's text. */
export function quitMessage(confirm: NonNullable<GlobalState["quitConfirm"]>): string {
  const tasks = `${confirm.tasks} background task${
    confirm.tasks === 1 ? " is" : "s are"
  } still running`;
  return `${tasks}. Kill ${confirm.tasks === 1 ? "it" : "them"} and quit${
    confirm.stopAxe ? " (stopping axe)" : ""
  }?`;
}
