/**
 * The handbook's `YYMMDD_HHMMSS` timestamps (local time), used by
 * ChangeSpec TIMESTAMPS entries, prompt history and chat file names.
 *
 * @module
 */

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

/** `YYMMDD_HHMMSS` for `date` in local time. */
export function saseTimestamp(date: Date = new Date()): string {
  return `${pad(date.getFullYear() % 100)}${pad(date.getMonth() + 1)}${pad(date.getDate())}_` +
    `${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
}

/** Parse `YYMMDD_HHMMSS` (or `YYMMDD`) back to a local date. */
export function parseSaseTimestamp(value: string): Date | undefined {
  const match = /^(\d{2})(\d{2})(\d{2})(?:_(\d{2})(\d{2})(\d{2}))?$/.exec(value);
  if (!match) return undefined;
  const [yy, mo, dd, hh, mi, ss] = match.slice(1).map((part) => Number(part ?? 0));
  return new Date(2000 + yy, mo - 1, dd, hh, mi, ss);
}
