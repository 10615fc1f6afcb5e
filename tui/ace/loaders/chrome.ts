/**
 * Loading what the chrome shows from disk: unread notification counts per
 * section (the indicator colour), the active model overrides of both lanes
 * (`llm_override.json`, `llm_worker_override.json`; an expired or malformed
 * file is removed on read, as everywhere), and the pinned-idle marker.
 *
 * @module
 */

import { type Env, notificationsPath } from "../../../core/config/paths.ts";
import { readNotifications } from "../../../core/notify/store.ts";
import { type UnreadCounts, unreadCounts } from "../../../core/notify/classify.ts";
import {
  readActiveOverride,
  type TemporaryOverride,
} from "../../../core/agent/run/llm_override.ts";
import { readPinnedIdle } from "../../../core/ace/pinned_idle.ts";

/** The chrome's inputs read from disk. */
export interface ChromeData {
  unread: UnreadCounts;
  /** `provider/model` of the active primary override, or null. */
  primaryOverride: string | null;
  workerOverride: string | null;
  pinnedIdle: boolean;
}

function chip(override: TemporaryOverride | null): string | null {
  return override ? `${override.provider}/${override.model}` : null;
}

/** Read the chrome's inputs at `now`. */
export async function loadChromeData(env: Env, now: Date): Promise<ChromeData> {
  const seconds = now.getTime() / 1000;
  const [inbox, primary, worker, pinnedIdle] = await Promise.all([
    readNotifications(notificationsPath(env)),
    readActiveOverride(env, "primary", seconds),
    readActiveOverride(env, "worker", seconds),
    readPinnedIdle(env),
  ]);
  return {
    unread: unreadCounts(inbox.records, now.getTime()),
    primaryOverride: chip(primary),
    workerOverride: chip(worker),
    pinnedIdle,
  };
}
