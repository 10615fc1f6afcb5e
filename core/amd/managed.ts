/**
 * AMD-managed `AGENTS.md`: an H1 title (`amd_h1_title`) and two
 * marker-delimited memory sections that `sase amd init` and
 * `sase memory init` keep in sync: the short-term block of
 * `- @memory/<note>.md` imports and the long-term block listing each
 * long note with its description. Text outside the markers is the user's.
 *
 * @module
 */

import { SaseError } from "../errors.ts";

/** The markers delimiting the generated blocks (shared with the original's files). */
export const MARKERS = {
  shortStart: "<!-- sase-amd:short-memory:start -->",
  shortEnd: "<!-- sase-amd:short-memory:end -->",
  longStart: "<!-- sase-amd:long-memory:start -->",
  longEnd: "<!-- sase-amd:long-memory:end -->",
} as const;

/** A long note as the long-term block lists it. */
export interface LongEntry {
  /** Root-relative path, `memory/<note>.md`. */
  path: string;
  description: string;
}

/** How far a document carries the markers. */
export type ManagedState = "managed" | "partial" | "custom";

/** Whether `text` has all four markers, some, or none. */
export function managedState(text: string): ManagedState {
  const found = Object.values(MARKERS).filter((m) => text.includes(m)).length;
  return found === 4 ? "managed" : found === 0 ? "custom" : "partial";
}

function shortBlock(paths: readonly string[]): string {
  return `${MARKERS.shortStart}\n\n${paths.map((p) => `- @${p}`).join("\n")}\n${MARKERS.shortEnd}`;
}

function longBlock(entries: readonly LongEntry[]): string {
  const body = entries.length === 0
    ? "_No long-term memory notes yet._\n"
    : entries.map((e) => `**\`${e.path}\`**  \n${e.description}\n`).join("\n");
  return `${MARKERS.longStart}\n\n${body}\n${MARKERS.longEnd}`;
}

const SHORT_INTRO = "## Short-Term Memory Files\n\n" +
  "The following memory files contain always-loaded context:\n\n";
const LONG_INTRO = "## Long-Term Memory Files\n\n" +
  "The files below hold detailed reference material. When working in their domain, read them\n" +
  'with `sase memory read <note>.md -r "<reason>"`; do not open them directly.\n\n';

/** A whole managed document. */
export function renderManaged(
  title: string,
  shortPaths: readonly string[],
  longEntries: readonly LongEntry[],
): string {
  return `# ${title}\n\n` +
    "IMPORTANT: Do not modify memory files directly; propose changes with `sase memory write`.\n\n" +
    SHORT_INTRO + shortBlock(shortPaths) + "\n\n" + LONG_INTRO + longBlock(longEntries) + "\n";
}

function replaceBetween(text: string, start: string, end: string, block: string): string {
  const from = text.indexOf(start);
  const to = text.indexOf(end, from);
  return text.slice(0, from) + block + text.slice(to + end.length);
}

/**
 * `existing` with its memory blocks synchronized: a managed document gets
 * new blocks between its markers (everything else kept byte for byte); a
 * missing one is rendered whole; a custom one keeps its text and gains the
 * two sections at its end; one with only some markers is refused.
 */
export function syncManaged(
  source: string,
  existing: string | null,
  title: string,
  shortPaths: readonly string[],
  longEntries: readonly LongEntry[],
): string {
  if (existing === null) return renderManaged(title, shortPaths, longEntries);
  if (managedState(existing) === "managed") {
    const withShort = replaceBetween(
      existing,
      MARKERS.shortStart,
      MARKERS.shortEnd,
      shortBlock(shortPaths),
    );
    return replaceBetween(withShort, MARKERS.longStart, MARKERS.longEnd, longBlock(longEntries));
  }
  if (managedState(existing) === "partial") {
    throw new SaseError(
      "amd.markers",
      `${source}: has only some of the sase-amd memory markers; cannot tell where the generated blocks are`,
      {
        hint: "restore all four <!-- sase-amd:... --> markers or remove them all",
        kind: "invalid-data",
      },
    );
  }
  const base = existing.endsWith("\n") ? existing : `${existing}\n`;
  return `${base}\n${SHORT_INTRO}${shortBlock(shortPaths)}\n\n${LONG_INTRO}${
    longBlock(longEntries)
  }\n`;
}
