/**
 * The phone app: routes (`#/pair`, `#/inbox`, `#/n/ID`, `#/agents`), the
 * live event stream that keeps the current view fresh, the service worker
 * for the offline shell, and logout.
 *
 * @module
 */

/// <reference lib="dom" />
/// <reference lib="dom.iterable" />

import { h, replace } from "./dom.ts";
import { ApiError, call, forgetToken, savedToken, Unreachable } from "./api.ts";
import { EventFeed, type FeedEvent, type FeedState } from "./events.ts";
import { banner, describe, notice } from "./shell.ts";
import { renderPair } from "./pair.ts";
import { loadInbox, renderInbox } from "./inbox.ts";
import { loadDetail, renderDetail } from "./detail.ts";
import { loadAgents, renderAgents } from "./agents.ts";
import type { MobileNotificationDetailResponseWire } from "./types.ts";

const view = document.getElementById("view")!;
let feed: EventFeed | null = null;
/** The notification the detail view shows, if any. */
let openNotification: string | null = null;
/** What the shown detail was drawn from (see {@linkcode detailKey}). */
let shownDetail: string | null = null;

/**
 * What a detail shows, to tell whether a fresh copy needs drawing: a
 * redraw would wipe a half-typed answer, so it happens only when the
 * notes, action or files changed (not for its own read flag, nor for the
 * download tokens every detail answer mints afresh).
 */
function detailKey(detail: MobileNotificationDetailResponseWire): string {
  const { read: _read, ...card } = detail.notification;
  const files = detail.attachments.map((item) => [item.display_name, item.byte_size]);
  return JSON.stringify([card, detail.notes, detail.action, files]);
}

/** The route of the current location. */
function route(): { page: "pair" | "inbox" | "detail" | "agents"; id?: string } {
  const hash = location.hash.replace(/^#\/?/, "");
  if (!savedToken() || hash === "pair") return { page: "pair" };
  if (hash.startsWith("n/")) return { page: "detail", id: decodeURIComponent(hash.slice(2)) };
  if (hash === "agents") return { page: "agents" };
  return { page: "inbox" };
}

/**
 * End the paired session in this browser: the stream, the token, and the
 * API answers the service worker kept for offline use (they belong to the
 * session).
 */
async function forgetSession(): Promise<void> {
  feed?.stop();
  feed = null;
  forgetToken();
  if ("caches" in self) {
    for (const key of await caches.keys()) if (key.startsWith("sase-api")) await caches.delete(key);
  }
}

/** The token was refused: forget it and go back to pairing. */
async function unpaired(): Promise<void> {
  await forgetSession();
  notice("This browser is no longer paired. Pair again.", "error");
  location.hash = "#/pair";
  show();
}

/** Load and draw the current route; failures keep what is on screen. */
async function show(): Promise<void> {
  const current = route();
  const id = current.page === "detail" ? current.id! : null;
  if (id !== openNotification) shownDetail = null;
  openNotification = id;
  document.body.dataset.page = current.page;
  for (const tab of document.querySelectorAll<HTMLElement>("#tabs a")) {
    tab.classList.toggle("active", tab.dataset.page === current.page);
  }
  try {
    if (current.page === "pair") {
      renderPair(view, () => {
        location.hash = "#/inbox";
        startFeed();
      });
      return;
    }
    if (current.page === "inbox") renderInbox(view, await loadInbox(), show);
    else if (current.page === "agents") {
      if (!view.querySelector("#agent-list")) replace(view);
      renderAgents(view, await loadAgents(), show);
    } else {
      const detail = await loadDetail(current.id!);
      const key = detailKey(detail);
      if (key !== shownDetail || !view.querySelector(".detail-head")) {
        renderDetail(view, detail, show, () => {
          location.hash = "#/inbox";
        });
        shownDetail = key;
      }
      if (!detail.notification.read) {
        // Opening a notification reads it, as in ACE; a failure here is harmless.
        call("POST", `/api/v1/notifications/${encodeURIComponent(current.id!)}/mark-read`)
          .catch(() => {});
      }
    }
    banner(null);
  } catch (error) {
    if (error instanceof ApiError && error.code === "unauthorized") return unpaired();
    if (error instanceof Unreachable) {
      banner(describe(error));
      if (!view.hasChildNodes()) {
        replace(view, h("p", { class: "empty" }, "Nothing loaded yet. Waiting for the gateway…"));
      }
      return;
    }
    replace(view, h("p", { class: "error", role: "alert" }, describe(error)));
  }
}

/** What an event changes on screen. */
function onEvent(event: FeedEvent): void {
  const page = route().page;
  if (event.kind === "resync_required") {
    show();
    return;
  }
  if (event.kind === "notifications_changed") {
    const changed = (event.payload.notifications_changed as { notification_id?: string | null })
      ?.notification_id;
    if (page === "inbox") show();
    else if (page === "detail" && (!changed || changed === openNotification)) show();
  } else if (event.kind === "agents_changed" && page === "agents") show();
}

function onState(state: FeedState): void {
  document.body.dataset.feed = state;
  if (state === "unauthorized") unpaired();
  else if (state === "offline") {
    banner("The gateway is unreachable. Reconnecting… (what was loaded stays on screen)");
  } else if (state === "live") {
    banner(null);
    // Anything may have changed while the stream was down.
    show();
  }
}

function startFeed(): void {
  if (feed || !savedToken()) return;
  feed = new EventFeed({ event: onEvent, state: onState });
  feed.start();
}

document.getElementById("logout")!.addEventListener("click", async () => {
  await forgetSession();
  notice("Logged out. The token is forgotten.");
  location.hash = "#/pair";
  show();
});

addEventListener("hashchange", () => show());
addEventListener("online", () => feed?.retryNow());
// A phone may drop the stream of a page in the background: reconnect when it is back.
document.addEventListener("visibilitychange", () => {
  if (!document.hidden) feed?.retryNow();
});
addEventListener("offline", () => banner("Offline. Showing what was loaded before."));

if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {
    // No service worker (a plain-HTTP origin other than localhost): the app works online.
  });
}

show();
startFeed();
