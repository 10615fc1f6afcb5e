/**
 * The frame around every view: the connection banner (live, reconnecting,
 * gateway unreachable), short notices after an action, and how an error
 * from a call is told to the user.
 *
 * @module
 */

import { replace } from "./dom.ts";
import { ApiError, Unreachable } from "./api.ts";

function byId(id: string): HTMLElement {
  return document.getElementById(id)!;
}

/** Show (or with null, hide) the connection banner. */
export function banner(text: string | null, tone: "warn" | "info" = "warn"): void {
  const element = byId("status");
  if (text === null) {
    element.hidden = true;
    replace(element);
    return;
  }
  element.hidden = false;
  element.className = `status ${tone}`;
  replace(element, text);
}

let noticeTimer: ReturnType<typeof setTimeout> | undefined;

/** A short notice under the header (an action's outcome). */
export function notice(text: string, tone: "ok" | "error" = "ok"): void {
  const element = byId("notice");
  element.hidden = false;
  element.className = `notice ${tone}`;
  replace(element, text);
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => {
    element.hidden = true;
  }, 6000);
}

/** The user-facing text of a failed call. */
export function describe(error: unknown): string {
  if (error instanceof Unreachable) {
    return "The gateway is unreachable. Check that `sase mobile gateway start` is running and your tunnel is up.";
  }
  if (error instanceof ApiError) {
    if (error.code === "conflict_already_handled") return `Already handled: ${error.message}`;
    return error.hint ? `${error.message} (${error.hint})` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Show a failed call as a notice (and as the banner when the gateway is gone). */
export function report(error: unknown): void {
  if (error instanceof Unreachable) banner(describe(error));
  notice(describe(error), "error");
}
