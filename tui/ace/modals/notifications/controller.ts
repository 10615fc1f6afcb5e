/**
 * The notifications inbox as an ACE modal: keys change the state at once
 * (the row moves to MUTED, disappears, loses its unread dot) and hand the
 * same change to the store as a task, so the screen never waits for the
 * disk; the shell's refresh then brings in what others changed.
 *
 * Keys (handbook 14.2.1): `j`/`k` move, `Enter` acts (plan → Plan Review,
 * question → question modal, HITL → HITL modal, anything else is marked
 * read), `x` dismisses (the marked rows when there are marks; plan and
 * question rows ask `y`/`n` first), `m` marks, `M` mutes/unmutes, `s`
 * snoozes (`1` 15m, `2` 1h, `3` 4h, `4` tomorrow morning), `e` opens the
 * attachment (an error report, else the first file) in `$EDITOR`, `R` marks all
 * read, `[`/`]` switch tag tabs, `Esc`/`q` close.
 *
 * @module
 */

import type { Notification } from "../../../../core/notify/model.ts";
import { isMuted } from "../../../../core/notify/classify.ts";
import { SNOOZE_CHOICES } from "../../../../core/notify/snooze_choices.ts";
import type { CellBuffer } from "../../../engine/buffer.ts";
import type { Rect, Size } from "../../../engine/geometry.ts";
import { type KeyEvent, keyId } from "../../../engine/keys.ts";
import {
  type AceModal,
  type ModalStep,
  type ModalTask,
  type RefreshTarget,
  unchanged,
} from "../modal.ts";
import type { AppContext } from "../../../../core/context.ts";
import {
  attachmentOf,
  inboxItems,
  type InboxState,
  moveSelection,
  needsConfirmation,
  selectedRecord,
  switchTab,
  withFreshRecords,
  withRecords,
} from "./context.ts";
import { drawInbox } from "./view.ts";
import {
  dismissTask,
  markAllReadTask,
  markReadTask,
  muteTask,
  openFileTask,
  snoozeTask,
} from "./tasks.ts";

/** Opens the modal that answers an actionable notification (plan, question, HITL). */
export type ActionOpener = (record: Notification) => ModalTask | null;

/** The inbox modal. */
export class InboxModal implements AceModal {
  readonly kind = "notifications";
  readonly title = "Notifications";
  readonly placement = "center" as const;

  constructor(
    readonly state: InboxState,
    private readonly clock: () => number,
    private readonly opener: ActionOpener,
  ) {}

  size(screen: Size): Size {
    return { columns: Math.min(110, screen.columns - 4), rows: Math.max(12, screen.rows - 6) };
  }

  private with(state: InboxState, tasks: readonly ModalTask[] = []): ModalStep {
    return { modal: new InboxModal(state, this.clock, this.opener), tasks };
  }

  key(event: KeyEvent): ModalStep {
    const state = this.state;
    const id = keyId(event);
    if (state.prompt?.kind === "confirm") return this.confirmKey(id, state.prompt.ids);
    if (state.prompt?.kind === "snooze") return this.snoozeKey(id, state.prompt.id);
    switch (id) {
      case "escape":
      case "q":
        return { modal: null, tasks: [] };
      case "j":
      case "down":
        return this.with(moveSelection(state, 1));
      case "k":
      case "up":
        return this.with(moveSelection(state, -1));
      case "]":
        return this.with(switchTab(state, 1));
      case "[":
        return this.with(switchTab(state, -1));
      case "R":
        return this.with(
          withRecords(state, new Set(state.records.map((r) => r.id)), read),
          [markAllReadTask()],
        );
    }
    const record = selectedRecord(state);
    if (!record) return unchanged(this);
    switch (id) {
      case "enter":
        return this.act(record);
      case "m": {
        const marks = new Set(state.marks);
        if (!marks.delete(record.id)) marks.add(record.id);
        return this.with({ ...state, marks });
      }
      case "x": {
        const ids = state.marks.size > 0
          ? inboxItems(state).filter((r) => state.marks.has(r.id)).map((r) => r.id)
          : [record.id];
        const risky = state.records.some((r) => ids.includes(r.id) && needsConfirmation(r));
        if (risky) return this.with({ ...state, prompt: { kind: "confirm", ids } });
        return this.dismiss(ids);
      }
      case "M": {
        const muted = !isMuted(record, state.now);
        return this.with(
          withRecords(state, new Set([record.id]), (r) => ({
            ...r,
            muted,
            ...(muted ? {} : { snooze_until: null }),
          })),
          [muteTask(record.id, muted)],
        );
      }
      case "s":
        return this.with({ ...state, prompt: { kind: "snooze", id: record.id } });
      case "e": {
        const file = attachmentOf(record);
        return file ? { modal: this, tasks: [openFileTask(file)] } : unchanged(this);
      }
    }
    return unchanged(this);
  }

  /**
   * `Enter`: open the answering modal; otherwise mark the row read, and
   * open an error report in `$EDITOR`.
   */
  private act(record: Notification): ModalStep {
    const open = this.opener(record);
    if (open) return { modal: this, tasks: [open] };
    const report = record.action === "ViewErrorReport" ? attachmentOf(record) : undefined;
    const tasks = [
      ...(record.read === true ? [] : [markReadTask(record.id)]),
      ...(report ? [openFileTask(report)] : []),
    ];
    if (tasks.length === 0) return unchanged(this);
    return this.with(withRecords(this.state, new Set([record.id]), read), tasks);
  }

  private dismiss(ids: readonly string[]): ModalStep {
    const next = withRecords(this.state, new Set(ids), (r) => ({ ...r, dismissed: true }));
    return this.with({ ...next, prompt: null }, [dismissTask(ids)]);
  }

  private confirmKey(id: string, ids: readonly string[]): ModalStep {
    if (id === "y") return this.dismiss(ids);
    if (id === "n" || id === "escape" || id === "q") {
      return this.with({ ...this.state, prompt: null });
    }
    return unchanged(this);
  }

  private snoozeKey(id: string, target: string): ModalStep {
    if (id === "escape" || id === "q") return this.with({ ...this.state, prompt: null });
    const choice = SNOOZE_CHOICES.find((c) => c.key === id);
    if (!choice) return unchanged(this);
    const now = this.clock();
    const until = choice.until(new Date(now)).toISOString();
    const next = withRecords(
      { ...this.state, now },
      new Set([target]),
      (r) => ({ ...r, muted: true, snooze_until: until }),
    );
    return this.with({ ...next, prompt: null }, [snoozeTask(target, until, choice.label)]);
  }

  paste(_text: string): ModalStep {
    return unchanged(this);
  }

  draw(buffer: CellBuffer, inner: Rect): void {
    drawInbox(buffer, inner, this.state);
  }

  /** The inbox over the store as it is now (after `notifications` changed). */
  async reload(app: AppContext, targets: readonly RefreshTarget[]): Promise<AceModal> {
    if (!targets.includes("notifications")) return this;
    const { listInbox } = await import("../../../../core/notify/inbox.ts");
    const records = await listInbox(app);
    return new InboxModal(
      withFreshRecords(this.state, records, this.clock()),
      this.clock,
      this.opener,
    );
  }
}

function read(record: Notification): Notification {
  return record.read === true ? record : { ...record, read: true };
}
