/**
 * Shared human formatting for `sase agent` and `sase chat` output: status
 * colours (ACE's palette, as far as a plain terminal has it), compact
 * durations and one-line cells with control characters neutralised.
 *
 * @module
 */

import { style, type StyleName } from "./output.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";

const STATUS_STYLES: Record<string, StyleName> = {
  RUNNING: "yellow",
  RETRYING: "yellow",
  STARTING: "cyan",
  WAITING: "cyan",
  QUESTION: "yellow",
  PLAN: "yellow",
  "WAITING INPUT": "yellow",
  DONE: "green",
  FAILED: "red",
  KILLED: "dim",
};

/** A status label in its colour. */
export function styledStatus(label: string, crashed = false): string {
  const text = crashed ? `${label} (crashed)` : label;
  const name = STATUS_STYLES[label];
  return name ? style(name, text) : text;
}

/** `1h 2m`, `3m 4s`, `12s`; `-` when unknown. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return "-";
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${seconds % 60}s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h ${minutes % 60}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/** `YYYY-MM-DD HH:MM` (local) from an ISO time; `-` when missing. */
export function formatTime(iso: string | null): string {
  if (!iso) return "-";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * Cut `text` to `width` characters on one line, its terminal control
 * characters made visible (table cells show text agents and users wrote).
 */
export function truncate(text: string | null, width: number): string {
  if (!text) return "-";
  const line = neutralizeControls(text.replace(/\s+/g, " ").trim(), { keepLayout: false });
  return line.length <= width ? line : line.slice(0, width - 1) + "…";
}

/**
 * Text others wrote (a transcript, a streamed reply), ready for stdout: on
 * a terminal its control characters are made visible and inert; into a
 * pipe or file it passes byte for byte, so `> reply.md` keeps what the
 * agent wrote.
 */
export function forTerminal(text: string, isTerminal = Deno.stdout.isTerminal()): string {
  return isTerminal ? neutralizeControls(text) : text;
}
