/**
 * Time helpers for notifications: ISO-8601 creation stamps with the local
 * offset, tolerant parsing (a bad stamp must never break a listing) and the
 * relative ages (`2m ago`) the inbox shows.
 *
 * @module
 */

/** Milliseconds since the epoch for an ISO-8601 string, or undefined when unparseable. */
export function parseTimestamp(text: string | null | undefined): number | undefined {
  if (!text) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
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
