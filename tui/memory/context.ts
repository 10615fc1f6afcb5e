/**
 * The memory review screen's context: the pending proposals as loaded
 * (with their draft bodies and whether their target is taken), the
 * selection, the filter, the open prompt (a rejection reason or another
 * approval target), the toasts and the action in flight. Pure data and
 * pure queries over it; the controller (`controller.ts`) changes it.
 *
 * @module
 */

import type { Size } from "../engine/geometry.ts";
import type { ProposalState } from "../../core/memory/ledger.ts";
import { emptyToasts, type ToastState } from "../widgets/toasts.ts";
import { lineInput, type LineInputState } from "../widgets/line_input.ts";

/** One pending proposal as the screen shows it. */
export interface ReviewEntry {
  readonly state: ProposalState;
  /** The recorded draft body, or null when it could not be read (see `bodyError`). */
  readonly body: string | null;
  readonly bodyError: string | null;
  /** Whether `memory/<target>` already exists (approval would refuse). */
  readonly targetExists: boolean;
}

/** The line prompt over the screen: a rejection reason or an approval target. */
export interface ReviewPrompt {
  readonly kind: "reject" | "target";
  /** The proposal it is about. */
  readonly id: string;
  readonly input: LineInputState;
}

/** The whole screen state. */
export interface ReviewContext {
  /** The project whose proposals these are (the title bar). */
  readonly project: string;
  /** Pending proposals in ledger order. */
  readonly entries: readonly ReviewEntry[];
  /** The highlighted proposal's id (kept across reloads and filtering). */
  readonly selectedId: string | null;
  /** The first list row shown. */
  readonly scrollTop: number;
  /** The detail view (the proposal panel over the whole screen). */
  readonly detail: boolean;
  /** The first row of the proposal panel shown. */
  readonly panelScroll: number;
  /** The `/` filter and whether it has the keyboard. */
  readonly filter: LineInputState;
  readonly filtering: boolean;
  readonly prompt: ReviewPrompt | null;
  /** Approval targets chosen with `t`, by proposal id. */
  readonly targets: Readonly<Record<string, string>>;
  readonly toasts: ToastState;
  /** What is being done now (`approving mem-…`), or null. */
  readonly busy: string | null;
  readonly size: Size;
}

/** The first context: nothing loaded yet, `preselect` highlighted once it is. */
export function initialContext(size: Size, project: string, preselect?: string): ReviewContext {
  return {
    project,
    entries: [],
    selectedId: preselect ?? null,
    scrollTop: 0,
    detail: false,
    panelScroll: 0,
    filter: lineInput(),
    filtering: false,
    prompt: null,
    targets: {},
    toasts: emptyToasts(),
    busy: "loading proposals",
    size,
  };
}

/** What `/` matches: id, title, author, target, keywords and status, case-insensitively. */
export function matchesFilter(entry: ReviewEntry, filter: string): boolean {
  const needle = filter.trim().toLowerCase();
  if (needle === "") return true;
  const p = entry.state.proposal;
  return [
    p.proposal_id,
    p.title,
    p.author_name,
    entry.state.targetPath,
    entry.state.status,
    ...p.keywords,
  ].some((field) => field.toLowerCase().includes(needle));
}

/** The entries the list shows (the filter applied). */
export function visibleEntries(context: ReviewContext): readonly ReviewEntry[] {
  const filter = context.filter.text;
  return filter.trim() === ""
    ? context.entries
    : context.entries.filter((entry) => matchesFilter(entry, filter));
}

/** The index of the highlighted entry among the visible ones (-1: none visible). */
export function selectedIndex(context: ReviewContext): number {
  const visible = visibleEntries(context);
  if (visible.length === 0) return -1;
  const index = visible.findIndex((e) => e.state.proposal.proposal_id === context.selectedId);
  return index < 0 ? 0 : index;
}

/** The highlighted entry, or null when the list is empty. */
export function selectedEntry(context: ReviewContext): ReviewEntry | null {
  const index = selectedIndex(context);
  return index < 0 ? null : visibleEntries(context)[index];
}

/** The target an approval of `entry` writes: the `t` override, else the proposal's. */
export function approvalTarget(context: ReviewContext, entry: ReviewEntry): string {
  return context.targets[entry.state.proposal.proposal_id] ?? entry.state.targetPath;
}
