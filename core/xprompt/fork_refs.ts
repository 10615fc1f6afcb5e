/**
 * Fork references (`#fork:<agent>`, `#fork_by_chat:<chat>` and the legacy
 * `#resume` / `#resume_by_chat` spellings): recognised here, kept in the
 * prompt by expansion, and resolved by the agent runner at launch time,
 * once the source agent has finished.
 *
 * They use the ordinary reference grammar (`reference.ts`): `#fork:a`,
 * `#fork:a,b`, `#fork(a, b)`, ``#fork_by_chat:`/path with spaces.md` ``.
 * References inside fenced code are examples, not forks.
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import { stripSpans } from "./directives.ts";
import { protectFences, restore } from "./protect.ts";
import { findReferences, type Reference, referenceArgs } from "./reference.ts";

/** Reference names the runner resolves (never expanded as xprompts). */
export const FORK_REF_NAMES: readonly string[] = [
  "fork",
  "fork_by_chat",
  "resume",
  "resume_by_chat",
];

/** One fork reference found in prompt text. */
export interface ForkRef {
  /** `agent` for `#fork` / `#resume`, `chat` for the `_by_chat` forms. */
  kind: "agent" | "chat";
  /** The reference name as written (`fork`, `resume_by_chat`, ...). */
  name: string;
  /** Agent names or chat paths/basenames, in order. */
  targets: string[];
  raw: string;
}

function toForkRef(ref: Reference): ForkRef {
  const args = referenceArgs(ref);
  const named = Object.keys(args.named);
  if (named.length > 0) {
    throw new SaseError(
      "fork.args",
      `'${ref.raw}' takes agent names or chat files, not named arguments (${named.join(", ")})`,
      { hint: `write #${ref.name}:<name> or #${ref.name}(<name>, <name>)`, kind: "invalid-data" },
    );
  }
  return {
    kind: ref.name.endsWith("_by_chat") ? "chat" : "agent",
    name: ref.name,
    targets: args.positional.map((value) => String(value).trim()).filter(Boolean),
    raw: ref.raw,
  };
}

function scan(text: string): { guarded: string; saved: string[]; refs: Reference[] } {
  const saved: string[] = [];
  const guarded = protectFences(text, saved);
  const refs = findReferences(guarded).filter((ref) =>
    ref.marker === "#" && FORK_REF_NAMES.includes(ref.name)
  );
  return { guarded, saved, refs };
}

/** Every fork reference in `text`, in order. */
export function findForkRefs(text: string): ForkRef[] {
  if (!text.includes("#")) return [];
  return scan(text).refs.map(toForkRef);
}

/** `text` with its fork references removed, and the references. */
export function extractForkRefs(text: string): { text: string; refs: ForkRef[] } {
  if (!text.includes("#")) return { text, refs: [] };
  const { guarded, saved, refs } = scan(text);
  if (refs.length === 0) return { text, refs: [] };
  return {
    text: restore(stripSpans(guarded, refs), saved).trim(),
    refs: refs.map(toForkRef),
  };
}

function quoteTarget(target: string): string {
  return /^[A-Za-z0-9_.~+\/@-]*[A-Za-z0-9_~+\/@-]$/.test(target) && !target.includes("+")
    ? target
    : `\`${target}\``;
}

/** The reference text for `name` and `targets` (`#fork:a,b`, ``#fork_by_chat:`x y` ``). */
export function forkRefText(name: string, targets: readonly string[]): string {
  if (targets.length === 1) return `#${name}:${quoteTarget(targets[0])}`;
  return `#${name}(${targets.join(", ")})`;
}

/**
 * Rewrite the targets of agent fork references through `rename` (name
 * templates planned in the same launch become concrete names).
 */
export function renameForkTargets(text: string, rename: (target: string) => string): string {
  if (!text.includes("#")) return text;
  const { guarded, saved, refs } = scan(text);
  let out = guarded;
  for (const ref of [...refs].reverse()) {
    const fork = toForkRef(ref);
    if (fork.kind !== "agent") continue;
    const renamed = fork.targets.map(rename);
    if (renamed.every((target, index) => target === fork.targets[index])) continue;
    out = out.slice(0, ref.start) + forkRefText(fork.name, renamed) + out.slice(ref.end);
  }
  return restore(out, saved);
}
