/**
 * The interactive memory review screen (`sase memory review` on a TTY):
 * wires the controller, the tasks and the view into a program on the TUI
 * engine. Decisions run in the background and come back as messages; `e`
 * ends the program for a moment so `$VISUAL`/`$EDITOR` gets the terminal,
 * then approves what was saved and resumes the screen where it was.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { memoryProjectName } from "../../core/memory/layout.ts";
import type { Program, ProgramIO } from "../engine/program.ts";
import { Runner } from "../engine/program.ts";
import type { Terminal } from "../engine/terminal.ts";
import { nextToastExpiry } from "../widgets/toasts.ts";
import { initialContext, type ReviewContext } from "./context.ts";
import {
  type ReviewEffect,
  reviewKey,
  type ReviewMessage,
  reviewMessage,
  reviewResize,
} from "./controller.ts";
import { handoffTerminal } from "./handoff_terminal.ts";
import { approve, editAndApprove, reject, reload } from "./tasks.ts";
import { drawReview } from "./view.ts";

/** Options of {@linkcode runMemoryReview}. */
export interface MemoryReviewOptions {
  /** The terminal (default: the process's, with hand-off for the editor). */
  terminal?: Terminal;
  /** Highlight this proposal id first (a `memory_review` notification's proposal). */
  preselect?: string;
  /** The clock of toasts (ms; default `performance.now`). */
  now?: () => number;
}

/** An edit the program ended for: the editor runs, then the screen resumes. */
interface Handoff {
  id: string;
  target?: string;
}

/**
 * The review program over `start` (the context to show first): effects run
 * through the tasks with `app`; an `edit` effect is stored in `handoff` and
 * ends the program.
 */
export function reviewProgram(
  app: AppContext,
  terminal: Terminal,
  start: (size: { columns: number; rows: number }) => ReviewContext,
  handoff: { edit: Handoff | null },
  now: () => number,
): Program<ReviewContext, ReviewMessage> {
  const perform = (effect: ReviewEffect, io: ProgramIO<ReviewMessage>) => {
    const later = (work: Promise<ReviewMessage>) => work.then((message) => io.dispatch(message));
    switch (effect.kind) {
      case "approve":
        return later(approve(app, effect.id, effect.target));
      case "reject":
        return later(reject(app, effect.id, effect.reason));
      case "edit":
        handoff.edit = { id: effect.id, target: effect.target };
        return io.quit();
      case "copy":
        // OSC 52: the terminal (or tmux) puts the text on the system clipboard.
        terminal.write(`\x1b]52;c;${btoa(effect.id)}\x07`);
        return io.dispatch({
          kind: "report",
          toasts: [{ severity: "info", text: `copied ${effect.id}` }],
        });
      case "quit":
        return io.quit();
    }
  };
  return {
    init: start,
    update(context, message, io) {
      let next: ReviewContext;
      if (message.kind === "resize") next = reviewResize(context, message.size);
      else if (message.kind === "key" || message.kind === "paste") {
        const reduced = reviewKey(context, message, now());
        for (const effect of reduced.effects) perform(effect, io);
        next = reduced.context;
      } else next = reviewMessage(context, message, now());
      if (next.toasts.nextId !== context.toasts.nextId) {
        const expiry = nextToastExpiry(next.toasts);
        if (expiry !== null) io.after(Math.max(0, expiry - now()) + 5, { kind: "tick" });
      }
      return next;
    },
    view: drawReview,
  };
}

/** Run the review screen until `q`; resolves with the last context. */
export async function runMemoryReview(
  app: AppContext,
  options: MemoryReviewOptions = {},
): Promise<ReviewContext> {
  const terminal = options.terminal ?? handoffTerminal(app.env);
  const now = options.now ?? (() => performance.now());
  const project = await memoryProjectName(app.cwd, app.env);
  let pending: ReviewMessage | null = await reload(app);
  let resume: ReviewContext | null = null;
  while (true) {
    const handoff: { edit: Handoff | null } = { edit: null };
    const first = pending;
    const start = (size: { columns: number; rows: number }) => {
      const base = resume === null
        ? initialContext(size, project, options.preselect)
        : reviewResize(resume, size);
      return first === null ? base : reviewMessage(base, first, now());
    };
    const runner = new Runner(reviewProgram(app, terminal, start, handoff, now), terminal);
    const last = await runner.run();
    if (handoff.edit === null) return last;
    // The screen is given back: the editor has the terminal until it exits.
    pending = await editAndApprove(app, handoff.edit.id, handoff.edit.target);
    resume = last;
  }
}
