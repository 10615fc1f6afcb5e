/**
 * The ACE app's state and messages: the global chrome state, the PRs and
 * Agents tab contexts, the open modal, what the chrome shows from disk, the
 * axe status, the background-task count, the start-up stopwatch, a pending
 * prefix key (`,` leader, `!` bang), the `/` editor's field, and the loaded
 * detail of the focused agent. Messages are what services and timers hand
 * back to the reducer.
 *
 * @module
 */

import type { ChangeSpec } from "../../../core/changespec/types.ts";
import type { ToolCallRecord } from "../../../core/agent/records/tool_calls.ts";
import type { Size } from "../../engine/geometry.ts";
import type { LineInputState } from "../../widgets/line_input.ts";
import { type AgentsState, createAgentsState } from "../agents/context.ts";
import type { AgentItem } from "../agents/item.ts";
import type { ReplyPhase } from "../agents/reply.ts";
import type { AxeStatus } from "../chrome/footer.ts";
import { createGlobalState, type GlobalState } from "../chrome/global.ts";
import type { AceTab } from "../chrome/tabs.ts";
import type { ToastSeverity } from "../effects.ts";
import type { ChromeData } from "../loaders/chrome.ts";
import type { AppEffect } from "../loaders/effects.ts";
import type { AceModal, ModalOutcome } from "../modals/modal.ts";
import type { PrsInit, PrsState } from "../prs/context.ts";

/** What the detail area shows for one agent. */
export interface AgentDetail {
  /** The agent's id (its run directory). */
  readonly id: string;
  readonly phases: readonly ReplyPhase[];
  /** Null when `tool_calls.jsonl` does not exist. */
  readonly tools: readonly ToolCallRecord[] | null;
  readonly meta: Record<string, unknown>;
  readonly loadedAt: Date;
}

/** A pending prefix key. */
export type Prefix = "," | "!";

/** The whole app. */
export interface AceState {
  readonly size: Size;
  readonly global: GlobalState;
  /** Null until the first ChangeSpec load. */
  readonly prs: PrsState | null;
  readonly agents: AgentsState;
  readonly modal: AceModal | null;
  readonly chrome: ChromeData;
  readonly axe: AxeStatus;
  /** Modal tasks running in the background (the top bar's `⚙ N`). */
  readonly tasks: number;
  readonly startMs: number;
  readonly nowMs: number;
  /** The tab on screen has its first data (the stopwatch retires). */
  readonly mounted: boolean;
  readonly prefix: Prefix | null;
  /** The last leader sub-key run (`,,` repeats it). */
  readonly lastLeader: string | null;
  /** The `/` editor's field while the active tab's editor is open. */
  readonly queryInput: LineInputState | null;
  readonly detail: AgentDetail | null;
  /** The detail panels' first shown row. */
  readonly detailScroll: number;
  /** Auto-refresh period in seconds (0: off). */
  readonly refreshSeconds: number;
  /** When the next auto-refresh tick is due (ms, the app clock). */
  readonly nextRefreshMs: number;
  readonly inactiveSeconds: number;
}

/** What a session starts from. */
export interface AceInit {
  readonly size: Size;
  readonly tab: AceTab;
  readonly nowMs: number;
  readonly refreshSeconds: number;
  readonly inactiveSeconds: number;
  readonly content?: (item: AgentItem) => string;
}

/** Messages from services and timers. */
export type AceMsg =
  | { readonly kind: "prsInit"; readonly init: PrsInit; readonly warnings: readonly string[] }
  | { readonly kind: "prsLoaded"; readonly specs: readonly ChangeSpec[] }
  | { readonly kind: "agentsLoaded"; readonly items: readonly AgentItem[] }
  | { readonly kind: "chromeLoaded"; readonly data: ChromeData }
  | { readonly kind: "axeStatus"; readonly status: AxeStatus }
  | { readonly kind: "detailLoaded"; readonly detail: AgentDetail }
  | {
    readonly kind: "toasts";
    readonly toasts: ReadonlyArray<{ severity: ToastSeverity; text: string }>;
  }
  /** Effects performed in the background came back (failure toasts, refreshes). */
  | { readonly kind: "effectsDone"; readonly effects: readonly AppEffect[] }
  /** An open modal read its data again (`AceModal.reload`). */
  | { readonly kind: "modalReloaded"; readonly from: AceModal; readonly modal: AceModal }
  | { readonly kind: "taskStarted" }
  | { readonly kind: "taskDone"; readonly outcome: ModalOutcome }
  /** The clock: stopwatch, countdown, toast expiry, idle. */
  | { readonly kind: "tick" };

/** The first state: no data yet (the stopwatch runs). */
export function createAceState(init: AceInit): AceState {
  return {
    size: init.size,
    global: createGlobalState(init.tab, false, init.nowMs),
    prs: null,
    agents: createAgentsState({ now: new Date(init.nowMs), content: init.content }),
    modal: null,
    chrome: {
      unread: { priority: 0, errors: 0, inbox: 0, muted: 0 },
      primaryOverride: null,
      workerOverride: null,
      pinnedIdle: false,
    },
    axe: "stopped",
    tasks: 0,
    startMs: init.nowMs,
    nowMs: init.nowMs,
    mounted: false,
    prefix: null,
    lastLeader: null,
    queryInput: null,
    detail: null,
    detailScroll: 0,
    refreshSeconds: init.refreshSeconds,
    nextRefreshMs: init.nowMs + init.refreshSeconds * 1000,
    inactiveSeconds: init.inactiveSeconds,
  };
}
