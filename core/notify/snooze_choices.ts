/**
 * The snooze durations a person picks from (handbook 14.2.4): 15 minutes,
 * one hour, four hours, or until tomorrow morning (09:00 local time).
 *
 * @module
 */

/** A snooze choice. */
export interface SnoozeChoice {
  /** The key that picks it (`1`-`4`). */
  readonly key: string;
  readonly label: string;
  /** The deadline it gives from `now`. */
  until(now: Date): Date;
}

/** The hour "tomorrow morning" means. */
const MORNING_HOUR = 9;

function after(minutes: number): (now: Date) => Date {
  return (now) => new Date(now.getTime() + minutes * 60_000);
}

/** The choices, in the order shown. */
export const SNOOZE_CHOICES: readonly SnoozeChoice[] = [
  { key: "1", label: "15m", until: after(15) },
  { key: "2", label: "1h", until: after(60) },
  { key: "3", label: "4h", until: after(240) },
  {
    key: "4",
    label: "tomorrow morning",
    until: (now) =>
      new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, MORNING_HOUR, 0, 0, 0),
  },
];
