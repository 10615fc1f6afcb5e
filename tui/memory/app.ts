/**
 * The interactive memory review screen (`sase memory review` on a TTY):
 * wires the controller, the tasks and the view into a program on the TUI
 * engine. Decisions run in the background and come back as messages; `e`
 * hands the terminal to `$VISUAL`/`$EDITOR` (the runner's hand-off: the
 * screen and its state stay, input stops until the editor exits), then
 * approves what was saved.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { memoryProjectName } from "../../core/memory/layout.ts";
import type { HandOff, Program, ProgramIO } from "../engine/program.ts";
import { Runner } from "../engine/program.ts";
import { processTerminal, type Terminal } from "../engine/terminal.ts";
import { nextToastExpiry } from "../widgets/toasts.ts";
import { initialContext, type ReviewContext } from "./context.ts";
import {
  type ReviewEffect,
  reviewKey,
  type ReviewMessage,
  reviewMessage,
  reviewResize,
} from "./controller.ts";
import { approve, editAndApprove, reject, reload } from "./tasks.ts";
import { drawReview } from "./view.ts";

/** Options of {@linkcode runMemoryReview}. */
export interface MemoryReviewOptions {
  /** The terminal (default: the process's). */
  terminal?: Terminal;
  /** Highlight this proposal id first (a `memory_review` notification's proposal). */
  preselect?: string;
  /** The clock of toasts (ms; default `performance.now`). */
  now?: () => number;
}

/**
 * The review program over `start` (the context to show first): effects run
 * through the tasks with `app`; an `edit` effect runs the editor through
 * `handOff`.
 */
export function reviewProgram(
  app: AppContext,
  terminal: Terminal,
  start: (size: { columns: number; rows: number }) => ReviewContext,
  handOff: HandOff,
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
        return later(handOff(() => editAndApprove(app, effect.id, effect.target)));
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
  const terminal = options.terminal ?? processTerminal(app.env);
  const now = options.now ?? (() => performance.now());
  const project = await memoryProjectName(app.cwd, app.env);
  const first = await reload(app);
  const start = (size: { columns: number; rows: number }) =>
    reviewMessage(initialContext(size, project, options.preselect), first, now());
  // The program is built before the runner it hands the terminal through.
  const handOff: HandOff = (run) => runner.handOff(run);
  const runner = new Runner(reviewProgram(app, terminal, start, handOff, now), terminal);
  return await runner.run();
}
