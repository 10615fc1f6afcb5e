/**
 * Drive the review screen's controller with terminal bytes, carrying out
 * its decisions through the real tasks (core services on a temp SASE_HOME)
 * as the app does, and feeding their answers back.
 *
 * @module
 */

import type { AppContext } from "../../../core/context.ts";
import { initialContext, type ReviewContext } from "../../../tui/memory/context.ts";
import { type ReviewEffect, reviewKey, reviewMessage } from "../../../tui/memory/controller.ts";
import { approve, editAndApprove, reject, reload } from "../../../tui/memory/tasks.ts";
import { decodeAll } from "../_keys.ts";

/** The screen after its first load, at `size`. */
export async function openReview(
  app: AppContext,
  size = { columns: 100, rows: 30 },
): Promise<ReviewContext> {
  return reviewMessage(initialContext(size, "origin"), await reload(app), 0);
}

/** What a key sequence did. */
export interface Driven {
  context: ReviewContext;
  /** Every effect the controller asked for, in order. */
  effects: ReviewEffect[];
}

/** Type `keys` (terminal bytes) into `context`, performing decisions as the app does. */
export async function drive(
  app: AppContext,
  context: ReviewContext,
  keys: string,
  now = 0,
): Promise<Driven> {
  const effects: ReviewEffect[] = [];
  for (const event of decodeAll(keys)) {
    const reduced = reviewKey(context, event, now);
    context = reduced.context;
    for (const effect of reduced.effects) {
      effects.push(effect);
      if (effect.kind === "approve") {
        context = reviewMessage(context, await approve(app, effect.id, effect.target), now);
      } else if (effect.kind === "reject") {
        context = reviewMessage(context, await reject(app, effect.id, effect.reason), now);
      } else if (effect.kind === "edit") {
        context = reviewMessage(context, await editAndApprove(app, effect.id, effect.target), now);
      }
    }
  }
  return { context, effects };
}
