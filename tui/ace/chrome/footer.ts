/**
 * The footer (handbook 4.22.1): the mode label pinned left (`LEADER`,
 * `JUMP` with `' back`, ...), the key chips of the actions available now
 * (laid out, or gridded when they do not fit, by the presentation), and the
 * axe status pinned right: RUNNING green, STOPPED red, STARTING / STOPPING
 * yellow, RESTARTING deep sky blue. While ACE starts, the right slot is a
 * stopwatch with a rotating glyph (its tone turns slow past a threshold)
 * until the first complete paint or a safety timeout retires it. Until the
 * axe daemon exists, the status is STOPPED with a hint on how to start it.
 *
 * @module
 */

import { type Line, seg } from "../segments.ts";

/** The axe daemon's status. */
export type AxeStatus = "running" | "stopped" | "starting" | "stopping" | "restarting";

/** One key chip. */
export interface KeyChip {
  readonly key: string;
  readonly label: string;
}

/** The start-up stopwatch (null once retired). */
export interface Stopwatch {
  readonly elapsedMs: number;
}

/** The stopwatch's glyphs, one per 100 ms (about 10 Hz). */
export const STOPWATCH_GLYPHS = ["◐", "◓", "◑", "◒"] as const;
/** Past this the stopwatch takes its slow tone. */
export const SLOW_STARTUP_MS = 1500;
/** The stopwatch retires itself after this even without a mount signal. */
export const STOPWATCH_TIMEOUT_MS = 30_000;

/** The footer's three parts. */
export interface FooterModel {
  readonly mode: Line | null;
  readonly chips: readonly KeyChip[];
  readonly right: Line;
}

/** What the footer shows. */
export interface FooterInput {
  /** `LEADER`, `JUMP`, ... or null. */
  readonly mode: string | null;
  /** The JUMP mode has a jump-back target (`' back`). */
  readonly jumpBack?: boolean;
  readonly chips: readonly KeyChip[];
  readonly axe: AxeStatus;
  readonly stopwatch: Stopwatch | null;
}

const AXE_STYLES = {
  running: "axe.running",
  stopped: "axe.stopped",
  starting: "axe.transition",
  stopping: "axe.transition",
  restarting: "axe.restarting",
} as const;

/** Whether the stopwatch is still shown at `elapsedMs`. */
export function stopwatchLive(elapsedMs: number, mounted: boolean): boolean {
  return !mounted && elapsedMs < STOPWATCH_TIMEOUT_MS;
}

/** The right slot. */
export function axeSlot(input: Pick<FooterInput, "axe" | "stopwatch">): Line {
  if (input.stopwatch) {
    const ms = input.stopwatch.elapsedMs;
    const glyph = STOPWATCH_GLYPHS[Math.floor(ms / 100) % STOPWATCH_GLYPHS.length];
    return [
      seg(
        `${glyph} starting ${(ms / 1000).toFixed(1)}s`,
        ms >= SLOW_STARTUP_MS ? "warning" : "info",
      ),
    ];
  }
  const label = seg(input.axe.toUpperCase(), AXE_STYLES[input.axe]);
  return input.axe === "stopped" ? [label, seg("  !x start", "dim")] : [label];
}

/** The footer model. */
export function footer(input: FooterInput): FooterModel {
  const mode = input.mode === null ? null : [
    seg(` ${input.mode} `, "footer.mode"),
    ...(input.mode === "JUMP" && input.jumpBack ? [seg(" ' back", "dim")] : []),
  ];
  return { mode, chips: input.chips, right: axeSlot(input) };
}
