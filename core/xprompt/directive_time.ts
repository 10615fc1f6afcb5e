/**
 * `%time` values: durations (`5m`, `1h30m`, `90s`), `HHMM` (today, or
 * tomorrow when already past) and `yymmdd/HHMM` (an error when past).
 *
 * @module
 */

import { SaseError } from "../errors.ts";

/** A parsed `%time` value. */
export type TimeValue = { kind: "duration"; seconds: number } | { kind: "absolute"; at: Date };

const DURATION = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/** Whether `value` looks like a time (used to reject `%wait:5m`). */
export function isTimeShaped(value: string): boolean {
  return (DURATION.test(value) && value !== "") || /^\d{4}$/.test(value) ||
    /^\d{6}\/\d{4}$/.test(value);
}

/** Parse one `%time` value relative to `now`. */
export function parseTimeValue(value: string, now: Date): TimeValue {
  const duration = DURATION.exec(value);
  if (value !== "" && duration) {
    const [h, m, s] = duration.slice(1).map((part) => Number(part ?? 0));
    return { kind: "duration", seconds: h * 3600 + m * 60 + s };
  }
  const hhmm = /^(\d{2})(\d{2})$/.exec(value);
  if (hhmm) {
    const at = new Date(now);
    at.setHours(Number(hhmm[1]), Number(hhmm[2]), 0, 0);
    if (Number(hhmm[1]) > 23 || Number(hhmm[2]) > 59) throw badTime(value);
    if (at <= now) at.setDate(at.getDate() + 1);
    return { kind: "absolute", at };
  }
  const full = /^(\d{2})(\d{2})(\d{2})\/(\d{2})(\d{2})$/.exec(value);
  if (full) {
    const [yy, mo, dd, hh, mi] = full.slice(1).map(Number);
    const at = new Date(2000 + yy, mo - 1, dd, hh, mi, 0, 0);
    if (at.getMonth() !== mo - 1 || hh > 23 || mi > 59) throw badTime(value);
    if (at <= now) {
      throw new SaseError("directive.time", `%time:${value} is in the past`, {
        hint: "use a future yymmdd/HHMM time or a duration such as %time:5m",
        kind: "invalid-data",
      });
    }
    return { kind: "absolute", at };
  }
  throw badTime(value);
}

function badTime(value: string): SaseError {
  return new SaseError("directive.time", `invalid %time value '${value}'`, {
    hint: "use a duration (5m, 1h30m, 90s), HHMM (1430) or yymmdd/HHMM (260415/0900)",
    kind: "invalid-data",
  });
}

/** Combine several `%time` values: durations take the max; absolutes stand alone. */
export function combineTimes(values: readonly TimeValue[]): TimeValue | undefined {
  if (values.length === 0) return undefined;
  const absolutes = values.filter((value) => value.kind === "absolute");
  if (absolutes.length > 0) {
    if (values.length > 1) {
      throw new SaseError(
        "directive.time",
        "an absolute %time cannot be combined with another %time value",
        {
          hint: "keep a single %time:HHMM (or yymmdd/HHMM), or use durations only",
          kind: "invalid-data",
        },
      );
    }
    return absolutes[0];
  }
  const seconds = Math.max(...values.map((value) => (value as { seconds: number }).seconds));
  return { kind: "duration", seconds };
}
