/**
 * The memory review screen's controller: pure reducers from keys and
 * loaded data to the next context and the effects to perform. An effect
 * names a decision (approve, edit, reject, copy, quit); the task
 * layer (`tasks.ts`) carries it out through the same core services as the
 * non-TTY `sase memory review`, and its answer comes back as a message.
 *
 * @module
 */

import type { InputEvent } from "../engine/keys.ts";
import { keyId } from "../engine/keys.ts";
import type { Size } from "../engine/geometry.ts";
import { scrollToShow } from "../widgets/list.ts";
import { lineInput, lineInputKey } from "../widgets/line_input.ts";
import { addToasts, clearToasts, expireToasts, type ToastInput } from "../widgets/toasts.ts";
import { proposalTarget } from "../../core/memory/proposal_rules.ts";
import {
  approvalTarget,
  type ReviewContext,
  type ReviewEntry,
  selectedEntry,
  selectedIndex,
  visibleEntries,
} from "./context.ts";
import { listRows } from "./layout.ts";
import { errorToast } from "./error_toast.ts";
import { maxPanelScroll } from "./view.ts";

/** Work the controller asks for. */
export type ReviewEffect =
  /** Approve `id` as proposed (into `target` when one was chosen with `t`). */
  | { readonly kind: "approve"; readonly id: string; readonly target?: string }
  /** Edit the body in `$VISUAL`/`$EDITOR`, then approve the edited body. */
  | { readonly kind: "edit"; readonly id: string; readonly target?: string }
  | { readonly kind: "reject"; readonly id: string; readonly reason: string }
  /** Put the id on the clipboard. */
  | { readonly kind: "copy"; readonly id: string }
  | { readonly kind: "quit" };

/** What the task layer sends back. */
export type ReviewMessage =
  /** The pending proposals read now, and what to tell the user about the action before. */
  | {
    readonly kind: "loaded";
    readonly entries: readonly ReviewEntry[];
    readonly toasts: readonly ToastInput[];
  }
  /** An action failed or only reports (nothing to reload). */
  | { readonly kind: "report"; readonly toasts: readonly ToastInput[] }
  /** Time passed: drop expired toasts. */
  | { readonly kind: "tick" };

/** A reducer's answer. */
export interface Reduced {
  readonly context: ReviewContext;
  readonly effects: readonly ReviewEffect[];
}

const none = (context: ReviewContext): Reduced => ({ context, effects: [] });

function toast(context: ReviewContext, now: number, ...batch: ToastInput[]): ReviewContext {
  return { ...context, toasts: addToasts(context.toasts, batch, now) };
}

/** `context` with `index` (of the visible entries) highlighted and scrolled into view. */
function select(context: ReviewContext, index: number): ReviewContext {
  const visible = visibleEntries(context);
  if (visible.length === 0) return { ...context, scrollTop: 0 };
  const clamped = Math.max(0, Math.min(index, visible.length - 1));
  const id = visible[clamped].state.proposal.proposal_id;
  const scrollTop = scrollToShow(
    context.scrollTop,
    clamped,
    visible.length,
    listRows(context.size),
  );
  if (id === context.selectedId && scrollTop === context.scrollTop) return context;
  return {
    ...context,
    selectedId: id,
    scrollTop,
    panelScroll: id === context.selectedId ? context.panelScroll : 0,
  };
}

/** The terminal is now `size`: keep the selection in view. */
export function reviewResize(context: ReviewContext, size: Size): ReviewContext {
  return select({ ...context, size }, selectedIndex({ ...context, size }));
}

/** Apply a message from the task layer. */
export function reviewMessage(
  context: ReviewContext,
  message: ReviewMessage,
  now: number,
): ReviewContext {
  switch (message.kind) {
    case "tick": {
      const toasts = expireToasts(context.toasts, now);
      return toasts === context.toasts ? context : { ...context, toasts };
    }
    case "report":
      return toast({ ...context, busy: null }, now, ...message.toasts);
    case "loaded": {
      // The highlighted proposal left the list (approved, rejected): highlight
      // the one that took its place, as a list after a deletion does.
      const before = selectedIndex(context);
      const known = new Set(message.entries.map((e) => e.state.proposal.proposal_id));
      const targets = Object.fromEntries(
        Object.entries(context.targets).filter(([id]) => known.has(id)),
      );
      const next = toast(
        { ...context, entries: message.entries, targets, busy: null },
        now,
        ...message.toasts,
      );
      const visible = visibleEntries(next);
      const kept = visible.findIndex((e) => e.state.proposal.proposal_id === context.selectedId);
      return select(next, kept >= 0 ? kept : Math.max(0, before));
    }
  }
}

/** Keys typed into the open prompt. */
function promptKey(context: ReviewContext, event: InputEvent, now: number): Reduced {
  const prompt = context.prompt!;
  const id = event.kind === "key" ? keyId(event) : "";
  if (id === "escape") return none({ ...context, prompt: null });
  if (id !== "enter") {
    const input = lineInputKey(prompt.input, event);
    return none(input === prompt.input ? context : { ...context, prompt: { ...prompt, input } });
  }
  const text = prompt.input.text.trim();
  if (prompt.kind === "reject") {
    if (text === "") {
      return none(toast(context, now, {
        severity: "error",
        text: "a rejection needs a reason; type why, or Esc to cancel",
      }));
    }
    return {
      context: { ...context, prompt: null, busy: `rejecting ${prompt.id}` },
      effects: [{ kind: "reject", id: prompt.id, reason: text }],
    };
  }
  if (text === "") {
    // An emptied field goes back to the proposal's own target.
    const { [prompt.id]: _dropped, ...targets } = context.targets;
    return none(toast({ ...context, prompt: null, targets }, now, {
      severity: "info",
      text: `approval target reset for ${prompt.id}`,
    }));
  }
  let target: string;
  try {
    target = proposalTarget({ target: text });
  } catch (error) {
    return none(toast(context, now, errorToast(error)));
  }
  return none(toast(
    { ...context, prompt: null, targets: { ...context.targets, [prompt.id]: target } },
    now,
    { severity: "info", text: `${prompt.id} will be approved into memory/${target}` },
  ));
}

/** Keys typed into the `/` filter. */
function filterKey(context: ReviewContext, event: InputEvent): Reduced {
  const id = event.kind === "key" ? keyId(event) : "";
  if (id === "enter") return none({ ...context, filtering: false });
  if (id === "escape") {
    // The highlighted proposal stays highlighted in the whole list.
    const cleared = { ...context, filtering: false, filter: lineInput() };
    return none(select(cleared, selectedIndex(cleared)));
  }
  const filter = lineInputKey(context.filter, event);
  if (filter === context.filter) return none(context);
  const next = { ...context, filter };
  return none(select(next, selectedIndex(next)));
}

/** A decision key on the highlighted proposal: refused while another runs or with none. */
function decide(
  context: ReviewContext,
  now: number,
  act: (id: string, entry: ReviewEntry) => Reduced,
): Reduced {
  const entry = selectedEntry(context);
  if (entry === null) {
    return none(toast(context, now, { severity: "warning", text: "no proposal selected" }));
  }
  if (context.busy !== null) {
    return none(toast(context, now, { severity: "warning", text: `wait: ${context.busy}` }));
  }
  return act(entry.state.proposal.proposal_id, entry);
}

/** The panel scrolls by this many rows per page key (the layout clamps it). */
function pageRows(context: ReviewContext): number {
  return Math.max(1, context.size.rows - 4);
}

/** Apply a key (or a paste) to the screen. */
export function reviewKey(context: ReviewContext, event: InputEvent, now: number): Reduced {
  if (context.prompt !== null) return promptKey(context, event, now);
  if (context.filtering) return filterKey(context, event);
  if (event.kind === "paste") return none(context);
  const index = selectedIndex(context);
  const last = visibleEntries(context).length - 1;
  switch (keyId(event)) {
    case "j":
    case "down":
      return none(select(context, index + 1));
    case "k":
    case "up":
      return none(select(context, index - 1));
    case "g":
    case "home":
      return none(select(context, 0));
    case "G":
    case "end":
      return none(select(context, last));
    case "pagedown":
    case "space":
      return none({
        ...context,
        panelScroll: Math.min(context.panelScroll + pageRows(context), maxPanelScroll(context)),
      });
    case "pageup":
      return none({
        ...context,
        panelScroll: Math.max(0, context.panelScroll - pageRows(context)),
      });
    case "/":
      return none({ ...context, filtering: true });
    case "enter":
    case "d":
      return none({ ...context, detail: !context.detail, panelScroll: 0 });
    case "escape":
      if (context.detail) return none({ ...context, detail: false, panelScroll: 0 });
      if (context.filter.text !== "") return filterKey({ ...context, filtering: true }, event);
      return none(context);
    case "ctrl+l":
      return none({ ...context, toasts: clearToasts(context.toasts) });
    case "a":
      return decide(context, now, (id) => ({
        context: { ...context, busy: `approving ${id}` },
        effects: [{ kind: "approve", id, target: context.targets[id] }],
      }));
    case "e":
      return decide(context, now, (id) => ({
        context: { ...context, busy: `editing ${id}` },
        effects: [{ kind: "edit", id, target: context.targets[id] }],
      }));
    case "r":
      return decide(
        context,
        now,
        (id) => none({ ...context, prompt: { kind: "reject", id, input: lineInput() } }),
      );
    case "t":
      return decide(context, now, (id, entry) =>
        none({
          ...context,
          prompt: { kind: "target", id, input: lineInput(approvalTarget(context, entry)) },
        }));
    case "y": {
      const entry = selectedEntry(context);
      return entry === null
        ? none(context)
        : { context, effects: [{ kind: "copy", id: entry.state.proposal.proposal_id }] };
    }
    case "q":
      return { context, effects: [{ kind: "quit" }] };
  }
  return none(context);
}
