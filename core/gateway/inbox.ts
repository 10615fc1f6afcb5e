/**
 * The inbox as the phone sees it: cards, details, read and dismiss.
 *
 * Reads go through the same store and filters as `sase notify`, cached per
 * version of the file (its inode, size and mtime), so a phone polling a
 * large inbox costs one `stat` per request until something writes the
 * file. Mutations go through the store's locked rewrite, which keeps the
 * parsed rows: after the gateway's own mark-read nothing is parsed again.
 *
 * @module
 */

import { READ_LIMITS, readTextBounded } from "../fs/bounded_read.ts";
import { findNotification, sortNewestFirst } from "../notify/catalog.ts";
import { parseTimestamp } from "../notify/time.ts";
import { isMuted, isPriority, sectionOf } from "../notify/classify.ts";
import type { Notification } from "../notify/model.ts";
import { dismiss, markRead, readNotifications } from "../notify/store.ts";
import { fileStamp } from "../notify/store_lines.ts";
import { actionDir, actionKindOf, actionStateOf, actionSummaryOf } from "./action_state.ts";
import { join } from "../fs/path.ts";
import type { AttachmentVault } from "./attachments.ts";
import { resolveIdentity } from "./action_targets.ts";
import { planDiff } from "./plan_diff.ts";
import type {
  MobileActionDetailWire,
  MobileNotificationCardWire,
  MobileNotificationDetailResponseWire,
  MobileNotificationListResponseWire,
  MobileQuestionWire,
  NotificationStateMutationResponseWire,
} from "./wire.ts";

/** The longest `notes_summary` of a card. */
export const NOTES_SUMMARY_CHARS = 200;

/** The largest plan text a detail answer carries inline. */
export const PLAN_TEXT_BYTES = 64 * 1024;

/** Query of `GET /api/v1/notifications`. */
export interface InboxQuery {
  unreadOnly: boolean;
  includeDismissed: boolean;
  includeSilent: boolean;
  limit: number | null;
}

/** One notification as a card. */
export function cardOf(record: Notification, now: number = Date.now()): MobileNotificationCardWire {
  const notes = record.notes ?? [];
  const first = notes.find((note) => note.trim() !== "") ?? "";
  const summary = first.length > NOTES_SUMMARY_CHARS
    ? first.slice(0, NOTES_SUMMARY_CHARS - 1) + "…"
    : first;
  const action = actionSummaryOf(record);
  return {
    id: record.id,
    timestamp: record.timestamp,
    resurfaced_at: record.resurfaced_at ?? null,
    sender: record.sender,
    icon: record.icon ?? null,
    tags: record.tags ?? [],
    priority: isPriority(record),
    actionable: action?.state === "available",
    read: record.read ?? false,
    dismissed: record.dismissed ?? false,
    silent: record.silent ?? false,
    muted: isMuted(record, now),
    section: sectionOf(record, now),
    notes_summary: summary,
    file_count: (record.files ?? []).length,
    action_summary: action,
  };
}

/** The store of one gateway, read once per version of the file. */
export class InboxReader {
  #path: string;
  #stamp = "";
  #sorted: Notification[] = [];
  /** Each record's time, parsed once: a rewrite keeps the unchanged rows' records. */
  #times = new WeakMap<Notification, number | undefined>();

  constructor(path: string) {
    this.#path = path;
  }

  /** Every valid record, newest first. */
  async records(): Promise<Notification[]> {
    const stamp = await fileStamp(this.#path);
    if (stamp !== this.#stamp) {
      const { records } = await readNotifications(this.#path);
      this.#sorted = sortNewestFirst(records, (record) => this.#timeOf(record));
      this.#stamp = stamp;
    }
    return this.#sorted;
  }

  #timeOf(record: Notification): number | undefined {
    if (!this.#times.has(record)) this.#times.set(record, parseTimestamp(record.timestamp));
    return this.#times.get(record);
  }

  /** `GET /api/v1/notifications`: one pass counts every match and keeps the first page. */
  async list(query: InboxQuery): Promise<MobileNotificationListResponseWire> {
    const page: Notification[] = [];
    let total = 0;
    let newest: Notification | null = null;
    for (const record of await this.records()) {
      if (!query.includeDismissed && record.dismissed) continue;
      if (!query.includeSilent && record.silent) continue;
      if (query.unreadOnly && record.read) continue;
      newest ??= record;
      total++;
      if (query.limit === null || page.length < query.limit) page.push(record);
    }
    const now = Date.now();
    return {
      schema_version: 1,
      notifications: page.map((record) => cardOf(record, now)),
      total_count: total,
      next_high_water: newest ? (newest.resurfaced_at ?? newest.timestamp) : null,
    };
  }

  /** `GET /api/v1/notifications/{id}`: the full notes, the action, manifests with tokens. */
  async detail(
    ref: string,
    deviceId: string,
    vault: AttachmentVault,
    stateDir: string,
  ): Promise<MobileNotificationDetailResponseWire> {
    const records = await this.records();
    const record = findNotification(records, ref);
    const attachments = (record.files ?? []).map((path, index) =>
      vault.manifest(deviceId, record.id, index, path)
    );
    const diff = await planDiff(record, stateDir);
    if (diff) {
      attachments.push(
        vault.manifest(deviceId, record.id, attachments.length, diff.path, diff.displayName),
      );
    }
    return {
      schema_version: 1,
      notification: cardOf(record),
      notes: record.notes ?? [],
      attachments,
      action: await actionDetail(record, records),
    };
  }

  /** `POST …/mark-read` and `…/dismiss`: idempotent, `changed` says whether it did anything. */
  async mutate(
    ref: string,
    change: "read" | "dismiss",
  ): Promise<NotificationStateMutationResponseWire> {
    const record = findNotification(await this.records(), ref);
    const changed = change === "read"
      ? await markRead(this.#path, record.id)
      : await dismiss(this.#path, record.id);
    // The flag just set is known; the other one is the cached row's (the
    // store is not read a second time for it: a large inbox is costly to parse).
    return {
      schema_version: 1,
      notification_id: record.id,
      read: change === "read" ? true : record.read ?? false,
      dismissed: change === "dismiss" ? true : record.dismissed ?? false,
      changed,
    };
  }
}

async function actionDetail(
  record: Notification,
  records: readonly Notification[],
): Promise<MobileActionDetailWire> {
  const kind = actionKindOf(record);
  const data = record.action_data ?? {};
  let planText: string | null = null;
  if (kind === "plan_approval" || kind === "epic_approval") {
    const planFile = record.files?.[0];
    if (planFile) {
      planText = await readTextBounded(planFile, PLAN_TEXT_BYTES).catch(() => null);
    }
  }
  return {
    kind,
    state: kind === "non_action" ? "unsupported" : actionStateOf(record),
    identity: kind === "non_action" ? null : resolveIdentity(record, records),
    plan_text: planText,
    agent_name: typeof data.agent_name === "string" ? data.agent_name : null,
    questions: kind === "user_question" ? await questionsOf(record) : null,
  };
}

/**
 * The questions of a user question, for the phone to offer its options,
 * read as `sase questions` reads them (`core/question/model.ts`). A
 * missing, unreadable or invalid request file shows no questions (answering
 * it would fail the same way); it never fails the detail.
 */
async function questionsOf(record: Notification): Promise<MobileQuestionWire[]> {
  const dir = actionDir(record);
  if (!dir) return [];
  const { parseQuestions, REQUEST_FILE } = await import("../question/model.ts");
  try {
    const text = await readTextBounded(join(dir, REQUEST_FILE), READ_LIMITS.record);
    return parseQuestions(text).map(({ question, options }) => ({
      question,
      options: options.map((option) => ({ id: option.id ?? null, label: option.label })),
    }));
  } catch {
    return [];
  }
}
