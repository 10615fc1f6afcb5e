/**
 * Time helpers for notifications: ISO-8601 creation stamps with the local
 * offset, strict parsing that never throws (a bad stamp must never break a
 * listing, and must not be read as some other date either) and the relative
 * ages (`2m ago`) the inbox shows.
 *
 * @module
 */

/**
 * The ISO-8601 forms producers write (Python's `isoformat()`, JavaScript's
 * `toISOString()`): a date, optionally a `T` (or space) and a time to the
 * minute, second or fraction, optionally `Z` or a `±HH:MM` offset.
 */
const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one (setUTCFullYear takes years < 100 as is).
  const date = new Date(0);
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}

/** Offset `Z`, `+05`, `+0530` or `-05:30` in minutes east of UTC, or undefined when out of range. */
function offsetMinutes(text: string): number | undefined {
  if (text === "Z") return 0;
  const digits = text.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (digits.length !== 2 && digits.length !== 4) return undefined;
  if (hours > 23 || minutes > 59) return undefined;
  return (text[0] === "-" ? -1 : 1) * (hours * 60 + minutes);
}

/**
 * Milliseconds since the epoch for an ISO-8601 timestamp (see {@linkcode ISO_8601}),
 * or undefined for anything else, including impossible dates such as
 * `2026-02-30` or `25:00`. A stamp without an offset is local time.
 */
export function parseTimestamp(text: string | null | undefined): number | undefined {
  const match = text ? ISO_8601.exec(text) : null;
  if (!match) return undefined;
  const [, y, mo, d, h = "0", mi = "0", s = "0", fraction = "", zone] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = Number((fraction + "000").slice(0, 3));
  if (zone === undefined) {
    const local = new Date(0);
    local.setFullYear(year, month - 1, day);
    local.setHours(hour, minute, second, ms);
    return local.getTime();
  }
  const offset = offsetMinutes(zone);
  if (offset === undefined) return undefined;
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute, second, ms);
  return utc.getTime() - offset * 60_000;
}

function pad(value: number, width = 2): string {
  return String(Math.trunc(Math.abs(value))).padStart(width, "0");
}

/**
 * `date` as ISO-8601 with the local UTC offset and seconds precision, e.g.
 * `2026-04-30T14:00:00+02:00`, matching what the Python producers write.
 */
export function isoLocal(date: Date = new Date()): string {
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `${sign}${pad(offset / 60)}:${pad(offset % 60)}`;
}

/**
 * How long ago `timestamp` was: `12s ago`, `5m ago`, `3h ago`, `2d ago`;
 * `just now` for the future; the text itself when it cannot be parsed.
 */
export function relativeAge(timestamp: string, now: number = Date.now()): string {
  const ms = parseTimestamp(timestamp);
  if (ms === undefined) return timestamp;
  const seconds = Math.floor((now - ms) / 1000);
  if (seconds < 0) return "just now";
  if (seconds < 60) return `${seconds}s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ago`;
  return `${Math.floor(hours / 24)}d ago`;
}
