/**
 * The inbox's work: each change goes to the notification store through the
 * same core functions `sase notify` and the gateway use, and asks the shell
 * to reload the notifications.
 *
 * @module
 */

import type { AppContext } from "../../../../core/context.ts";
import { notificationsPath } from "../../../../core/config/paths.ts";
import {
  dismissMany,
  markAllRead,
  markRead,
  setMuted,
  snooze,
} from "../../../../core/notify/store.ts";
import type { ModalOutcome, ModalTask } from "../modal.ts";

const REFRESH: ModalOutcome = { refresh: ["notifications"] };

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** Mark one notification read. */
export function markReadTask(id: string): ModalTask {
  return {
    label: `mark notification ${id.slice(0, 8)} read`,
    async run(app: AppContext) {
      await markRead(notificationsPath(app.env), id);
      return REFRESH;
    },
  };
}

/** Mark every notification read (`R`). */
export function markAllReadTask(): ModalTask {
  return {
    label: "mark all notifications read",
    async run(app: AppContext) {
      const changed = await markAllRead(notificationsPath(app.env));
      return {
        ...REFRESH,
        toast: { severity: "info", text: `${plural(changed, "notification")} marked read` },
      };
    },
  };
}

/** Dismiss `ids`. */
export function dismissTask(ids: readonly string[]): ModalTask {
  return {
    label: ids.length === 1
      ? `dismiss notification ${ids[0].slice(0, 8)}`
      : `dismiss ${ids.length} notifications`,
    async run(app: AppContext) {
      const changed = await dismissMany(notificationsPath(app.env), ids);
      return {
        ...REFRESH,
        toast: { severity: "info", text: `${plural(changed, "notification")} dismissed` },
      };
    },
  };
}

/** Mute or unmute one notification (unmuting cancels its snooze). */
export function muteTask(id: string, muted: boolean): ModalTask {
  return {
    label: `${muted ? "mute" : "unmute"} notification ${id.slice(0, 8)}`,
    async run(app: AppContext) {
      await setMuted(notificationsPath(app.env), id, muted);
      return REFRESH;
    },
  };
}

/** Snooze one notification until `until` (ISO-8601). */
export function snoozeTask(id: string, until: string, label: string): ModalTask {
  return {
    label: `snooze notification ${id.slice(0, 8)} for ${label}`,
    async run(app: AppContext) {
      await snooze(notificationsPath(app.env), id, until);
      return { ...REFRESH, toast: { severity: "info", text: `snoozed for ${label}` } };
    },
  };
}

/** Open `path` in `$EDITOR` (the shell suspends its screen meanwhile). */
export function openFileTask(path: string): ModalTask {
  return {
    label: `open ${path} in $EDITOR`,
    interactive: true,
    async run(app: AppContext) {
      const { editFile } = await import("../../../../core/editor.ts");
      await editFile(path, app.env);
      return {};
    },
  };
}
