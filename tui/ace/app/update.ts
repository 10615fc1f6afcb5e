/**
 * The ACE app's reducer. A key goes, in order, to: the open modal; the quit
 * confirmation or the help; a pending prefix (`,` leader, `!` bang); the
 * active tab's `/` editor; the Agents kill confirmation; the prefix and
 * modal-opening keys; the global keys (tabs, quit, help, refresh, idle,
 * toasts); the active tab's controller; the detail scroll keys. Reducers
 * name effects; the app keeps toasts, quits and refreshes for itself and
 * hands everything else to the services, which perform it in the
 * background and send the outcome back as a message.
 *
 * @module
 */

import type { ChangeSpec } from "../../../core/changespec/types.ts";
import { isQuerySlot } from "../../../core/query/persist/saved_queries.ts";
import type { EngineEvent, ProgramIO } from "../../engine/program.ts";
import { type KeyEvent, keyId } from "../../engine/keys.ts";
import { insertText, lineInput, lineInputKey } from "../../widgets/line_input.ts";
import { selectedAgent, withAgents } from "../agents/context.ts";
import { agentsKey, reduceAgents } from "../agents/controller.ts";
import type { AgentItem } from "../agents/item.ts";
import { stopwatchLive } from "../chrome/footer.ts";
import {
  type GlobalAction,
  globalKeyAction,
  noteKey,
  reduceGlobal,
  tickIdle,
} from "../chrome/global.ts";
import { expireToasts, pushToasts } from "../chrome/toasts.ts";
import type { AceEffect, ToastSeverity } from "../effects.ts";
import type { AceModal, ModalStep, ModalTask, RefreshTarget } from "../modals/modal.ts";
import { createPrsState, selectedSpec, withSpecs } from "../prs/context.ts";
import { prsKey, reducePrs } from "../prs/controller.ts";
import { PR_ACTION_KEYS, type PrActionKind } from "../prs/actions.ts";
import type { ModalKind } from "./open_modal.ts";
import type { AceMsg, AceState } from "./state.ts";

/** What the reducer asks of the outside world (the services; fakes in tests). */
export interface AceServices {
  /** The app clock (ms). */
  now(): number;
  /** Perform reducer effects in the background; the outcome comes back as `effectsDone`. */
  perform(effects: readonly AceEffect[]): void;
  /** Run modal tasks in the background (`taskStarted` / `taskDone` each). */
  runTasks(tasks: readonly ModalTask[]): void;
  /** Reload these now. */
  refresh(targets: readonly RefreshTarget[]): void;
  /** Load the detail of the focused agent (latest call wins). */
  focusAgent(item: AgentItem | null, all: readonly AgentItem[]): void;
  /** `!x`: start axe when it is stopped, stop it when it runs (the footer follows). */
  toggleAxe(): void;
  /** `Q`: stop axe when ACE exits. */
  stopAxeOnExit(): void;
  /** Read more of the focused agent's reply (the user scrolled near the end of what was read). */
  moreDetail(): void;
  /** The modal of `kind` for the current moment, or the task that opens it. */
  openModal(kind: ModalKind, state: AceState): AceModal | ModalTask;
  /** The modal or task of a PR action on the focused and marked PRs (PRs tab). */
  prAction(kind: PrActionKind, state: AceState): AceModal | ModalTask;
  /** The current tab and row changed (trace context). */
  noteFocus(state: AceState): void;
}

type Toast = { severity: ToastSeverity; text: string };

function withToasts(state: AceState, toasts: readonly Toast[]): AceState {
  if (toasts.length === 0) return state;
  return {
    ...state,
    global: { ...state.global, toasts: pushToasts(state.global.toasts, toasts, state.nowMs) },
  };
}

/** Apply effects: toasts, quit and refresh here; the rest to the services. */
function applyEffects(
  state: AceState,
  effects: readonly AceEffect[],
  io: ProgramIO<AceMsg>,
  services: AceServices,
): AceState {
  const toasts: Toast[] = [];
  const rest: AceEffect[] = [];
  for (const effect of effects) {
    if (effect.kind === "toast") toasts.push({ severity: effect.severity, text: effect.text });
    else if (effect.kind === "quit") {
      if (effect.stopAxe) services.stopAxeOnExit();
      io.quit();
    } else if (effect.kind === "refresh") {
      services.refresh([effect.tab === "changespecs" ? "changespecs" : effect.tab]);
    } else rest.push(effect);
  }
  if (rest.length) services.perform(rest);
  return withToasts(state, toasts);
}

function applyStep(state: AceState, step: ModalStep, services: AceServices): AceState {
  if (step.tasks.length) services.runTasks(step.tasks);
  return step.modal === state.modal ? state : { ...state, modal: step.modal };
}

function open(state: AceState, kind: ModalKind, services: AceServices): AceState {
  return opened(state, services.openModal(kind, state), services);
}

function opened(state: AceState, opened: AceModal | ModalTask, services: AceServices): AceState {
  if ("run" in opened) {
    // A modal that reads files first: its task's outcome opens it.
    services.runTasks([opened]);
    return state;
  }
  return { ...state, modal: opened };
}

function global(
  state: AceState,
  action: GlobalAction,
  io: ProgramIO<AceMsg>,
  services: AceServices,
): AceState {
  const reduced = reduceGlobal(state.global, action, state.tasks);
  return applyEffects({ ...state, global: reduced.state }, reduced.effects, io, services);
}

/** The editor of the active tab is open. */
function editorOpen(state: AceState): boolean {
  if (state.global.tab === "changespecs") return state.prs?.editor.open ?? false;
  if (state.global.tab === "agents") return state.agents.editor.open;
  return false;
}

/** Run a tab action (`prsKey`/`agentsKey`-style) and keep the editor field in step with it. */
function tabKey(
  state: AceState,
  key: string,
  io: ProgramIO<AceMsg>,
  services: AceServices,
): AceState | null {
  if (state.global.tab === "changespecs" && state.prs) {
    const reduced = prsKey(state.prs, key);
    if (!reduced) return null;
    return syncEditor(
      applyEffects({ ...state, prs: reduced.state }, reduced.effects, io, services),
    );
  }
  if (state.global.tab === "agents") {
    const reduced = agentsKey(state.agents, key);
    if (!reduced) return null;
    return syncEditor(
      applyEffects({ ...state, agents: reduced.state }, reduced.effects, io, services),
    );
  }
  return null;
}

/** Open the field when the tab's editor opened, drop it when it closed. */
function syncEditor(state: AceState): AceState {
  const editor = state.global.tab === "changespecs" ? state.prs?.editor : state.agents.editor;
  if (editor?.open && state.queryInput === null) {
    return { ...state, queryInput: lineInput(editor.text) };
  }
  if (!editor?.open && state.queryInput !== null) return { ...state, queryInput: null };
  return state;
}

function editorText(state: AceState, text: string): AceState {
  const action = { type: "editorText", text } as const;
  if (state.global.tab === "changespecs" && state.prs) {
    return { ...state, prs: reducePrs(state.prs, action).state };
  }
  return { ...state, agents: reduceAgents(state.agents, action).state };
}

function editorKey(
  state: AceState,
  event: KeyEvent,
  io: ProgramIO<AceMsg>,
  services: AceServices,
): AceState {
  const id = keyId(event);
  if (id === "enter" || id === "escape") {
    const action = id === "enter"
      ? { type: "editorSubmit" } as const
      : { type: "editorCancel" } as const;
    if (state.global.tab === "changespecs" && state.prs) {
      const reduced = reducePrs(state.prs, action);
      return syncEditor(
        applyEffects({ ...state, prs: reduced.state }, reduced.effects, io, services),
      );
    }
    const reduced = reduceAgents(state.agents, action);
    return syncEditor(
      applyEffects({ ...state, agents: reduced.state }, reduced.effects, io, services),
    );
  }
  const field = state.queryInput ?? lineInput("");
  const next = lineInputKey(field, event);
  if (next === field) return state;
  return editorText({ ...state, queryInput: next }, next.text);
}

const LEADER: Readonly<Record<string, ModalKind>> = {
  h: "prompt_home",
  space: "prompt_selection_direct",
  n: "notification_jump",
};

function leaderKey(
  state: AceState,
  key: string,
  io: ProgramIO<AceMsg>,
  services: AceServices,
): AceState {
  const cleared = { ...state, prefix: null };
  if (key === "escape") return cleared;
  if (key === ",") {
    if (state.lastLeader === null) {
      return withToasts(cleared, [{
        severity: "info",
        text: "No previous leader command to repeat",
      }]);
    }
    return leaderKey({ ...state, prefix: "," }, state.lastLeader, io, services);
  }
  const remembered = { ...cleared, lastLeader: key };
  if (key === "I") return global(remembered, { type: "manualIdle" }, io, services);
  const kind = LEADER[key];
  if (kind) return open(remembered, kind, services);
  return withToasts(cleared, [{ severity: "warning", text: `No leader command ,${key}` }]);
}

function bangKey(state: AceState, key: string, services: AceServices): AceState {
  const cleared = { ...state, prefix: null };
  if (key === "escape") return cleared;
  if (key === "x") {
    if (state.axe !== "running" && state.axe !== "stopped") {
      return withToasts(cleared, [{ severity: "info", text: `axe is ${state.axe}…` }]);
    }
    services.toggleAxe();
    return cleared;
  }
  return withToasts(cleared, [{ severity: "warning", text: `No command !${key}` }]);
}

const OPENING: Readonly<Record<string, ModalKind>> = {
  "@": "prompt",
  space: "prompt_selection",
  i: "notifications",
};

/** Lines of reply text read so far (one display line per text line). */
function replyLinesRead(state: AceState): number {
  let lines = 0;
  for (const phase of state.detail?.phases ?? []) {
    for (let at = phase.text.indexOf("\n"); at !== -1; at = phase.text.indexOf("\n", at + 1)) {
      lines++;
    }
  }
  return lines;
}

function scrollDetail(state: AceState, key: string, services: AceServices): AceState | null {
  const half = Math.max(1, Math.floor((state.size.rows - 4) / 2));
  if (key === "ctrl+d") {
    const next = { ...state, detailScroll: state.detailScroll + half };
    // Near the end of what was read of a longer reply: read more (the reply is read lazily).
    const truncated = state.detail?.phases.some((phase) => phase.truncated) ?? false;
    if (truncated && next.detailScroll + state.size.rows * 2 > replyLinesRead(state)) {
      services.moreDetail();
    }
    return next;
  }
  if (key === "ctrl+u") return { ...state, detailScroll: Math.max(0, state.detailScroll - half) };
  if (key === "g") return { ...state, detailScroll: 0 };
  return null;
}

function onKey(
  before: AceState,
  event: KeyEvent,
  io: ProgramIO<AceMsg>,
  services: AceServices,
): AceState {
  const key = keyId(event);
  const state = { ...before, global: noteKey(before.global, before.nowMs) };
  if (state.modal) return applyStep(state, state.modal.key(event), services);
  if (state.global.quitConfirm || state.global.helpOpen) {
    if (state.global.helpOpen && isQuerySlot(key)) {
      const moved = slotInHelp(state, key, io, services);
      if (moved) return moved;
    }
    const action = globalKeyAction(state.global, key);
    return action ? global(state, action, io, services) : state;
  }
  if (state.prefix === ",") return leaderKey(state, key, io, services);
  if (state.prefix === "!") return bangKey(state, key, services);
  if (editorOpen(state)) return editorKey(state, event, io, services);
  if (state.global.tab === "agents" && state.agents.confirm) {
    return tabKey(state, key, io, services) ?? state;
  }
  if (key === "," || key === "!") return { ...state, prefix: key };
  const kind = OPENING[key];
  if (kind && state.global.tab !== "axe") return open(state, kind, services);
  // A pending `z` takes the next key as a fold key (`z d` folds DELTAS, it does not diff).
  const action = state.global.tab === "changespecs" && state.prs?.pending === null
    ? PR_ACTION_KEYS[key]
    : undefined;
  if (action) return opened(state, services.prAction(action, state), services);
  const globalAction = globalKeyAction(state.global, key);
  if (globalAction) return global(state, globalAction, io, services);
  const handled = tabKey(state, key, io, services);
  if (handled) return handled;
  return scrollDetail(state, key, services) ?? state;
}

/** A saved-query key pressed inside the help acts on the PRs tab's query. */
function slotInHelp(
  state: AceState,
  key: string,
  io: ProgramIO<AceMsg>,
  services: AceServices,
): AceState | null {
  if (!state.prs) return null;
  const reduced = prsKey(state.prs, key);
  if (!reduced) return null;
  return applyEffects({ ...state, prs: reduced.state }, reduced.effects, io, services);
}

function onMessage(
  state: AceState,
  msg: AceMsg,
  io: ProgramIO<AceMsg>,
  services: AceServices,
): AceState {
  switch (msg.kind) {
    case "prsInit": {
      const prs = createPrsState(msg.init);
      return withToasts(
        mount({ ...state, prs }),
        msg.warnings.map((text) => ({ severity: "warning" as const, text })),
      );
    }
    case "prsLoaded":
      return state.prs
        ? { ...state, prs: withSpecs(state.prs, msg.specs, new Date(state.nowMs)) }
        : state;
    case "agentsLoaded":
      return mount({
        ...state,
        agents: withAgents(state.agents, msg.items, new Date(state.nowMs)),
      });
    case "chromeLoaded": {
      const pinned = msg.data.pinnedIdle;
      return { ...state, chrome: msg.data, global: { ...state.global, pinnedIdle: pinned } };
    }
    case "axeStatus":
      return msg.status === state.axe ? state : { ...state, axe: msg.status };
    case "detailLoaded":
      return msg.detail.id === selectedAgent(state.agents)?.id
        ? {
          ...state,
          detail: msg.detail,
          detailScroll: state.detail?.id === msg.detail.id ? state.detailScroll : 0,
        }
        : state;
    case "toasts":
      return withToasts(state, msg.toasts);
    case "effectsDone":
      return applyEffects(state, msg.effects, io, services);
    case "taskStarted":
      return { ...state, tasks: state.tasks + 1 };
    case "modalReloaded":
      // Only the modal that was reloaded is replaced (the user may have moved on).
      return state.modal === msg.from ? { ...state, modal: msg.modal } : state;
    case "taskDone": {
      const outcome = msg.outcome;
      let next: AceState = { ...state, tasks: Math.max(0, state.tasks - 1) };
      if (outcome.toast) next = withToasts(next, [outcome.toast]);
      if (outcome.refresh?.length) services.refresh(outcome.refresh);
      if (outcome.open && !next.modal) next = { ...next, modal: outcome.open };
      return next;
    }
    case "tick":
      return tick(state, services);
  }
}

/** The first complete screen: the data of the tab on screen has arrived (the stopwatch retires). */
function mount(state: AceState): AceState {
  if (state.mounted) return state;
  const ready = state.global.tab === "changespecs" ? state.prs !== null : state.agents.loaded;
  return ready ? { ...state, mounted: true } : state;
}

function tick(state: AceState, services: AceServices): AceState {
  const nowMs = services.now();
  let next: AceState = { ...state, nowMs };
  const toasts = expireToasts(state.global.toasts, nowMs);
  const idle = tickIdle(state.global, nowMs, state.inactiveSeconds);
  if (toasts !== state.global.toasts || idle !== state.global) {
    next = { ...next, global: { ...idle, toasts } };
  }
  if (state.refreshSeconds > 0 && nowMs >= state.nextRefreshMs) {
    next = { ...next, nextRefreshMs: nowMs + state.refreshSeconds * 1000 };
  }
  return next;
}

/** Whether the start-up stopwatch shows now. */
export function stopwatchShown(state: AceState): boolean {
  return stopwatchLive(state.nowMs - state.startMs, state.mounted);
}

/** The focused ChangeSpec (PRs tab). */
export function focusedSpec(state: AceState): ChangeSpec | undefined {
  return state.prs ? selectedSpec(state.prs) : undefined;
}

/** The app's reducer over `services`. */
export function aceUpdate(services: AceServices) {
  return (state: AceState, message: AceMsg | EngineEvent, io: ProgramIO<AceMsg>): AceState => {
    let next: AceState;
    switch (message.kind) {
      case "key":
        next = onKey(state, message, io, services);
        break;
      case "paste":
        if (state.modal) next = applyStep(state, state.modal.paste(message.text), services);
        else if (state.queryInput && editorOpen(state)) {
          const field = insertText(state.queryInput, message.text);
          next = editorText({ ...state, queryInput: field }, field.text);
        } else next = state;
        break;
      case "resize":
        next = { ...state, size: message.size };
        break;
      default:
        next = onMessage(state, message, io, services);
    }
    afterUpdate(state, next, services);
    return next;
  };
}

/** Follow-ups of a change: the focused agent's detail, the trace context. */
function afterUpdate(before: AceState, after: AceState, services: AceServices): void {
  if (before === after) return;
  const agent = after.global.tab === "agents" ? selectedAgent(after.agents) ?? null : null;
  const was = before.global.tab === "agents" ? selectedAgent(before.agents) ?? null : null;
  if (agent !== was || (agent && after.agents.all !== before.agents.all)) {
    services.focusAgent(agent, after.agents.all);
  }
  if (
    before.global.tab !== after.global.tab || before.prs?.cursor !== after.prs?.cursor ||
    before.agents.cursor !== after.agents.cursor
  ) services.noteFocus(after);
}
