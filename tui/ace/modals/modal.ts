/**
 * The contract between ACE's app shell and its modals (the notifications
 * inbox, plan review, question, HITL, the prompt bar, confirmations). A
 * modal is an immutable value: each key gives the next modal (or none, to
 * close) and the work it asks for. The work is described, not done: each
 * task calls core services with the application context when the shell
 * runs it, so a modal's keys are testable without a terminal or a disk, and
 * the CLI, ACE and the gateway go through the same services.
 *
 * @module
 */

import type { AppContext } from "../../../core/context.ts";
import type { CellBuffer } from "../../engine/buffer.ts";
import type { Rect, Size } from "../../engine/geometry.ts";
import type { KeyEvent } from "../../engine/keys.ts";
import type { ToastSeverity } from "../effects.ts";

/** Which data a finished task changed, so the shell reloads it. */
export type RefreshTarget = "changespecs" | "agents" | "notifications" | "axe";

/** What a task reports when it is done. */
export interface ModalOutcome {
  /** A message for the user. */
  readonly toast?: { readonly severity: ToastSeverity; readonly text: string };
  /** Data to reload now (the file watcher would notice too, later). */
  readonly refresh?: readonly RefreshTarget[];
  /** A modal to open next (e.g. the plan review after `,n`, a result view). */
  readonly open?: AceModal;
}

/** One piece of work a modal asks for; `run` calls core services with `app`. */
export interface ModalTask {
  /** What it does, for the background-task count and errors (`approve plan foo`). */
  readonly label: string;
  /**
   * The task takes over the terminal (it runs `$EDITOR`): the shell runs it
   * through the runner's hand-off (input stopped, raw mode off, main screen,
   * cursor shown), then restores the screen and repaints. Absent: a
   * background task.
   */
  readonly interactive?: boolean;
  run(app: AppContext): Promise<ModalOutcome>;
}

/** A modal's answer to a key or a paste. */
export interface ModalStep {
  /** The modal after the input; null closes it. */
  readonly modal: AceModal | null;
  /** Work for the shell to run (in order, in the background). */
  readonly tasks: readonly ModalTask[];
}

/** Where the shell places a modal. */
export type ModalPlacement = "center" | "bottom";

/** A modal ACE shows over its tabs. */
export interface AceModal {
  /** A stable name (`notifications`, `plan_review`, `question`, `hitl`, `prompt`, ...). */
  readonly kind: string;
  /** The frame's title. */
  readonly title: string;
  readonly placement: ModalPlacement;
  /** The size it wants inside `screen` (the shell clamps it). */
  size(screen: Size): Size;
  /** The next step for a key. Keys it does not handle return `{ modal: this, tasks: [] }`. */
  key(event: KeyEvent): ModalStep;
  /** Pasted text (bracketed paste); modals without text input ignore it. */
  paste(text: string): ModalStep;
  /** Draw the modal's content inside `inner` (the shell draws the frame and title). */
  draw(buffer: CellBuffer, inner: Rect): void;
  /**
   * The modal over freshly read data, keeping what the user was doing (the
   * selection, marks, a pending question). The shell calls it when data in
   * `targets` changed (a task's `refresh`, the file watcher) while the modal
   * is open. Absent: the modal shows what it read when it opened.
   */
  reload?(app: AppContext, targets: readonly RefreshTarget[]): Promise<AceModal>;
}

/** The step that keeps `modal` as it is and asks for nothing. */
export function unchanged(modal: AceModal): ModalStep {
  return { modal, tasks: [] };
}
