/**
 * The agent revival audit log: ACE's revive flow appends structured events to
 * `SASE_HOME/logs/events.jsonl` (`agent_revive_started` before any change,
 * then one `agent_revived` or `agent_revive_failed` per agent), and
 * `sase revive-log` reads them back. The log file may carry other events
 * too; only the three revive events are read here.
 *
 * @module
 */

import { join } from "../../fs/path.ts";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import type { Env } from "../../config/paths.ts";
import { saseHome } from "../../config/paths.ts";
import { usageError } from "../../errors.ts";
import { appendJsonl, readJsonl } from "../../fs/jsonl.ts";
import { parseSaseTimestamp, saseTimestamp } from "../../time.ts";
import { plural } from "../../text/plural.ts";

/** The three revive events. */
export const REVIVE_EVENTS = [
  "agent_revive_started",
  "agent_revived",
  "agent_revive_failed",
] as const;

/** One revive event name. */
export type ReviveEvent = typeof REVIVE_EVENTS[number];

/**
 * One audit record, as the log holds it (other fields pass through
 * untouched).
 */
export interface ReviveRecord {
  timestamp: string;
  event: ReviveEvent;
  batch_size?: number;
  outcome?: "success" | "failure";
  agent_identity?: unknown[];
  agent_type?: string;
  cl_name?: string;
  raw_suffix?: string | null;
  bundle_path?: string;
  stage?: string;
  error_type?: string;
  error_message?: string;
  reason?: string;
  [extra: string]: unknown;
}

const ReviveRecordSchema: z.ZodType<ReviveRecord> = z.looseObject({
  timestamp: z.string(),
  event: z.enum(REVIVE_EVENTS),
  batch_size: z.number().int().optional(),
  outcome: z.enum(["success", "failure"]).optional(),
  agent_identity: z.array(z.unknown()).optional(),
  agent_type: z.string().optional(),
  cl_name: z.string().optional(),
  raw_suffix: z.string().nullable().optional(),
  bundle_path: z.string().optional(),
  stage: z.string().optional(),
  error_type: z.string().optional(),
  error_message: z.string().optional(),
  reason: z.string().optional(),
});

/** `SASE_HOME/logs/events.jsonl`. */
export function eventsLogPath(env: Env): string {
  return join(saseHome(env), "logs", "events.jsonl");
}

/** The revive records of the log, oldest first, plus how many lines were unreadable. */
export async function readReviveLog(
  env: Env,
): Promise<{ records: ReviveRecord[]; skipped: number }> {
  const { records, problems } = await readJsonl(eventsLogPath(env));
  const revives: ReviveRecord[] = [];
  let skipped = problems.length;
  for (const record of records) {
    const event = (record as { event?: unknown })?.event;
    if (!REVIVE_EVENTS.includes(event as ReviveEvent)) continue;
    const parsed = ReviveRecordSchema.safeParse(record);
    if (parsed.success) revives.push(parsed.data);
    else skipped += 1;
  }
  return { records: revives, skipped };
}

/** Append one event (the error message is cut to 500 characters, as the schema says). */
export async function appendReviveEvent(
  env: Env,
  event: ReviveEvent,
  fields: Record<string, unknown>,
  now: Date = new Date(),
): Promise<void> {
  const record: Record<string, unknown> = { timestamp: saseTimestamp(now), event, ...fields };
  if (typeof record.error_message === "string") {
    record.error_message = record.error_message.slice(0, 500);
  }
  await appendJsonl(eventsLogPath(env), [record]);
}

/** A time window; `end` null means "until now". */
export interface DateRange {
  start: Date;
  end: Date | null;
}

function startOfDay(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}

/** One point of the grammar, as the instant it starts and the instant it ends. */
function parsePoint(text: string, now: Date): { start: Date; end: Date } | undefined {
  const relative = /^(-?\d+)([dhm])$/.exec(text);
  if (relative) {
    const amount = Math.abs(Number(relative[1]));
    if (relative[2] === "d") {
      const day = startOfDay(now);
      day.setDate(day.getDate() - amount);
      const next = new Date(day);
      next.setDate(next.getDate() + 1);
      return { start: day, end: new Date(next.getTime() - 1) };
    }
    const instant = new Date(now.getTime() - amount * (relative[2] === "h" ? 3_600_000 : 60_000));
    return { start: instant, end: instant };
  }
  if (/^\d{6}$/.test(text)) {
    const day = parseSaseTimestamp(text);
    if (!day) return undefined;
    const next = new Date(day);
    next.setDate(next.getDate() + 1);
    return { start: day, end: new Date(next.getTime() - 1) };
  }
  if (/^\d{12}$/.test(text)) {
    const instant = parseSaseTimestamp(`${text.slice(0, 6)}_${text.slice(6)}`);
    return instant ? { start: instant, end: instant } : undefined;
  }
  return undefined;
}

/**
 * Parse the `sase logs` date-range grammar: `YYmmdd`, `YYmmddHHMMSS`, `-Nd`,
 * `-Nh`, `-Nm`, `0d` (today), or `START..END`; a single point runs to now.
 */
export function parseDateRange(text: string, now: Date = new Date()): DateRange {
  const [startText, endText, extra] = text.trim().split("..");
  const start = parsePoint(startText ?? "", now);
  const end = endText === undefined ? undefined : parsePoint(endText, now);
  if (!start || extra !== undefined || (endText !== undefined && !end)) {
    throw usageError(
      `'${text}' is not a date range`,
      "use YYmmdd, YYmmddHHMMSS, -Nd, -Nh, -Nm, 0d, or START..END (e.g. -7d..0d)",
    );
  }
  return { start: start.start, end: end ? end.end : null };
}

/** Filters of `sase revive-log`. */
export interface ReviveFilter {
  since?: DateRange;
  outcome?: "success" | "failure";
  /** Keep only the newest N (absent: all). */
  limit?: number;
}

/** Apply `filter`; keeps log order (oldest first). */
export function filterReviveRecords(
  records: readonly ReviveRecord[],
  filter: ReviveFilter,
): ReviveRecord[] {
  const selected = records.filter((record) => {
    if (filter.outcome && record.outcome !== filter.outcome) return false;
    if (filter.since) {
      const at = parseSaseTimestamp(record.timestamp);
      if (!at || at < filter.since.start) return false;
      if (filter.since.end && at > filter.since.end) return false;
    }
    return true;
  });
  return filter.limit === undefined ? selected : selected.slice(-filter.limit);
}

/** How many records `sase revive-log` shows unless asked for all. */
export const DEFAULT_REVIVE_RECORDS = 20;

/**
 * The revive records `sase revive-log` shows: the newest
 * {@linkcode DEFAULT_REVIVE_RECORDS} unless `all`, in log order.
 * Unreadable lines are skipped with a warning to the context's sink.
 */
export async function reviveLog(
  app: AppContext,
  options: { since?: DateRange; outcome?: "success" | "failure"; all?: boolean } = {},
): Promise<ReviveRecord[]> {
  const { records, skipped } = await readReviveLog(app.env);
  const rows = filterReviveRecords(records, {
    since: options.since,
    outcome: options.outcome,
    limit: options.all ? undefined : DEFAULT_REVIVE_RECORDS,
  });
  if (skipped > 0) app.warn(`skipped ${plural(skipped, "unreadable log line")}`);
  return rows;
}
