/**
 * New ChangeSpecs for pull requests: the unique `_<N>` name, the reservation
 * that holds that name while the PR is being pushed, and the spec itself
 * (DESCRIPTION without trailing `KEY=VALUE` tag lines, PARENT, BUG, PR,
 * STATUS, the parent's hooks), placed right after its parent.
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import type { ProjectSpecEditor } from "./edit.ts";
import { nextSuffixNumber } from "./status.ts";
import type { ChangeSpecStore, ProjectEditors, ProjectRef } from "./store.ts";
import type { ChangeSpecStatus } from "./types.ts";
import { type CommitEntryDraft, formatCommitEntryLines } from "./commit_entry.ts";
import { timestampEventText } from "./timestamp_event.ts";
import { saseTimestamp } from "../time.ts";

/** The STATUS a name reservation carries until its spec replaces it. */
export const RESERVED_STATUS = "Reserved";

const TAG_LINE = /^[A-Z][A-Z0-9_]*=/;

/**
 * `base` when no spec uses that name or a `base_<N>` form of it, else
 * `base_<N>` with the next free N (the handbook's collision suffix).
 */
export function uniqueChangeSpecName(base: string, existing: Iterable<string>): string {
  const names = [...existing];
  const next = nextSuffixNumber(base, names);
  return !names.includes(base) && next === 1 ? base : `${base}_${next}`;
}

/**
 * A PR description for the DESCRIPTION field: trailing blank lines and the
 * trailing block of `KEY=VALUE` tag lines (`BUG=42`, `AGENT=bot`) go.
 */
export function stripTrailingTags(description: string): string {
  const lines = description.replace(/\r\n/g, "\n").split("\n");
  const trimBlank = () => {
    while (lines.length > 0 && lines[lines.length - 1].trim() === "") lines.pop();
  };
  trimBlank();
  while (lines.length > 0 && TAG_LINE.test(lines[lines.length - 1])) lines.pop();
  trimBlank();
  return lines.join("\n");
}

/**
 * The DESCRIPTION field's lines for `description` as the original writes
 * them: `DESCRIPTION:`, then every line indented two spaces (a blank line
 * as a bare indent), without trailing `KEY=VALUE` tag lines.
 */
export function descriptionFieldLines(description: string): string[] {
  const text = stripTrailingTags(description).replace(/^\n+/, "");
  const lines = ["DESCRIPTION:"];
  if (text !== "") lines.push(...text.split("\n").map((line) => `  ${line.trimEnd()}`));
  return lines;
}

/** The BUG field for a bug id: `http://b/<id>`; none for an empty id or `0`. */
export function bugFieldValue(bugId: string | null | undefined): string | null {
  const id = (bugId ?? "").trim();
  return id === "" || id === "0" ? null : `http://b/${id}`;
}

/** What a new ChangeSpec says. */
export interface NewChangeSpec {
  name: string;
  description: string;
  parent: string | null;
  bug: string | null;
  /** Review URL (omitted when null). */
  pr: string | null;
  /** `PR` (GitHub) or `CL` (Mercurial review systems). */
  prLabel?: "PR" | "CL";
  status: ChangeSpecStatus;
  hooks: readonly string[];
}

/**
 * The new spec's text in the order the original writes it: NAME,
 * DESCRIPTION (two-space indented, blank lines kept as bare indents),
 * PARENT, BUG, PR, STATUS, HOOKS.
 */
export function formatNewChangeSpec(spec: NewChangeSpec): string {
  const lines = [`NAME: ${spec.name}`, ...descriptionFieldLines(spec.description)];
  if (spec.parent) lines.push(`PARENT: ${spec.parent}`);
  if (spec.bug) lines.push(`BUG: ${spec.bug}`);
  if (spec.pr) lines.push(`${spec.prLabel ?? "PR"}: ${spec.pr}`);
  lines.push(`STATUS: ${spec.status}`);
  if (spec.hooks.length > 0) lines.push("HOOKS:", ...spec.hooks.map((hook) => `  ${hook}`));
  return lines.join("\n") + "\n";
}

function allNames(editors: ProjectEditors): string[] {
  return [...editors.active.parsed.specs, ...editors.archive.parsed.specs].map((s) => s.name);
}

/**
 * Reserve the unique name for a PR named `base` in `ref`'s project: a
 * `NAME:`/`STATUS: Reserved` stub written under the lock, so a concurrent
 * run picks the next suffix. Returns the reserved name.
 */
export async function reserveChangeSpecName(
  store: ChangeSpecStore,
  ref: ProjectRef,
  base: string,
): Promise<string> {
  checkName(base);
  return await store.mutate(ref, (editors) => {
    const name = uniqueChangeSpecName(base, allNames(editors));
    editors.active.appendSpecText(`NAME: ${name}\nSTATUS: ${RESERVED_STATUS}\n`);
    return name;
  });
}

function dropReservation(file: ProjectSpecEditor, name: string): boolean {
  const held = file.parsed.specs.find((s) => s.name === name);
  if (!held || held.status !== RESERVED_STATUS) return false;
  file.removeSpec(name);
  return true;
}

/** Remove a reservation stub (after a failed push); a spec that is no stub stays. */
export async function releaseChangeSpecName(
  store: ChangeSpecStore,
  ref: ProjectRef,
  name: string,
): Promise<void> {
  await store.mutate(ref, (editors) => {
    dropReservation(editors.active, name);
  });
}

/** Inputs of {@linkcode createChangeSpec}. */
export interface CreateChangeSpec {
  ref: ProjectRef;
  /** The name asked for (suffixed on collision) unless `reservedName` is set. */
  baseName: string;
  /** A name {@linkcode reserveChangeSpecName} reserved; its stub is replaced. */
  reservedName?: string | null;
  /** The PR description (trailing tag lines are stripped). */
  description: string;
  /** Parent ChangeSpec name; one that does not exist is dropped with a warning. */
  parent: string | null;
  bug: string | null;
  pr: string | null;
  prLabel?: "PR" | "CL";
  status: ChangeSpecStatus;
  /**
   * The first COMMITS entry, `(1)`, written with the spec together with its
   * TIMESTAMPS `COMMIT (1)` event at `at` (the original gives a PR's spec
   * `(1) [run] Initial Commit` with the run's CHAT, DIFF and PLAN drawers).
   */
  initialCommit?: { draft: CommitEntryDraft; at: Date } | null;
}

/** What {@linkcode createChangeSpec} did. */
export interface CreatedChangeSpec {
  name: string;
  parent: string | null;
  bug: string | null;
  warnings: string[];
}

/**
 * Write a new ChangeSpec under the lock: after its parent (inheriting the
 * parent's hooks and, when none is given, its BUG) or at the end of the
 * file. Like the original it records no TIMESTAMPS event: the first
 * `COMMIT` or `STATUS` event starts the spec's audit trail.
 */
export async function createChangeSpec(
  store: ChangeSpecStore,
  request: CreateChangeSpec,
): Promise<CreatedChangeSpec> {
  checkName(request.baseName);
  return await store.mutate(request.ref, (editors) => {
    const warnings: string[] = [];
    const reserved = request.reservedName ?? null;
    if (reserved !== null) dropReservation(editors.active, reserved);
    const name = reserved ?? uniqueChangeSpecName(request.baseName, allNames(editors));
    const specs = [...editors.active.parsed.specs, ...editors.archive.parsed.specs];
    const parentSpec = request.parent === null
      ? null
      : specs.find((s) => s.name === request.parent) ?? null;
    if (request.parent !== null && parentSpec === null) {
      warnings.push(
        `parent '${request.parent}' is not a ChangeSpec in project '${request.ref.name}'; PARENT omitted`,
      );
    }
    const bug = request.bug ?? parentSpec?.bug ?? null;
    const text = formatNewChangeSpec({
      name,
      description: request.description,
      parent: parentSpec?.name ?? null,
      bug,
      pr: request.pr,
      prLabel: request.prLabel,
      status: request.status,
      hooks: parentSpec?.hooks.map((hook) => hook.command) ?? [],
    });
    editors.active.insertSpecTextAfter(parentSpec?.name ?? null, text);
    const initial = request.initialCommit;
    if (initial) {
      editors.active.appendCommitLines(name, formatCommitEntryLines("1", "commit", initial.draft));
      const { eventType, detail } = timestampEventText({ type: "COMMIT", entryId: "1" });
      editors.active.appendTimestamp(name, {
        timestamp: saseTimestamp(initial.at),
        eventType,
        detail,
      });
    }
    return { name, parent: parentSpec?.name ?? null, bug, warnings };
  });
}

/** Refuse a name that cannot be a ChangeSpec NAME (and git branch): `invalid-input`. */
export function checkName(name: string): void {
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(name)) {
    throw new SaseError(
      "changespec.bad_name",
      `invalid ChangeSpec name '${name}'`,
      {
        hint: "use letters, digits, '_', '.' and '-' (a branch name without slashes)",
        kind: "invalid-input",
      },
    );
  }
}
