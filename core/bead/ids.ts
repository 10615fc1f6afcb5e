/**
 * Bead id allocation: `{prefix}-{counter}` for top-level beads and
 * `{parent}.{N}` for children, as the original allocates them: the top-level
 * counter is written in base 36 (`sase-9`, `sase-a`, ..., `sase-10`,
 * `sase-3r`; `config.json` keeps it as a plain number), child numbers in
 * decimal (`sase-3a.45`).
 *
 * Allocation runs under the store lock and looks at every id ever created
 * (removed ones too) as well as `config.json`, so neither a concurrent writer
 * nor a `config.json` that lost a merge can hand out an id twice.
 *
 * @module
 */

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The top-level id for `counter`: the counter in base 36, as the original writes it. */
export function topLevelId(prefix: string, counter: number): string {
  return `${prefix}-${counter.toString(36)}`;
}

/**
 * The ids a new id must not repeat: every id ever created (removed ones
 * too), every stream's root id, and the beads planned earlier in the same
 * mutation. Each view may give more than it names (the allocators below
 * pick what concerns them), never less.
 */
export interface TakenIds {
  /** Those whose root starts with `<prefix>-` (for {@linkcode nextCounter}). */
  withPrefix(prefix: string): Iterable<string>;
  /** Those under `parentId`: its children, theirs, ... (for {@linkcode nextChildId}). */
  under(parentId: string): Iterable<string>;
}

/** {@linkcode TakenIds} that are one list of every taken id. */
export function takenFrom(ids: () => Iterable<string>): TakenIds {
  return { withPrefix: ids, under: ids };
}

/** The next top-level counter: past both the config counter and every used id. */
export function nextCounter(
  prefix: string,
  configCounter: number,
  usedIds: Iterable<string>,
): number {
  const pattern = new RegExp(`^${escapeRegExp(prefix)}-([0-9a-z]+)(?:\\.|$)`);
  let next = Math.max(1, configCounter);
  for (const id of usedIds) {
    const match = pattern.exec(id);
    if (match) next = Math.max(next, parseInt(match[1], 36) + 1);
  }
  return next;
}

/** The next free child id under `parentId`. */
export function nextChildId(parentId: string, usedIds: Iterable<string>): string {
  const prefix = `${parentId}.`;
  let max = 0;
  for (const id of usedIds) {
    if (!id.startsWith(prefix)) continue;
    const rest = id.slice(prefix.length);
    const head = rest.split(".")[0];
    if (/^\d+$/.test(head)) max = Math.max(max, Number(head));
  }
  return `${parentId}.${max + 1}`;
}

/** A default issue prefix derived from a project directory name. */
export function defaultPrefix(projectName: string): string {
  const cleaned = projectName.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "")
    .slice(0, 64).replace(/-+$/, "");
  return cleaned === "" ? "beads" : cleaned;
}

/**
 * An issue prefix: letters, digits, `_` and `-`, starting with a letter or
 * digit, at most 64 characters. It names stream files and starts every id, so
 * a dot (the phase separator), a slash or `..` can never reach a path.
 */
export const PREFIX_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/**
 * An issue id: a root (`<prefix>-<n>`, or any legacy name of the prefix's
 * characters) followed by `.`-separated child segments of the same characters.
 */
const ISSUE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$/;

/** Why `prefix` is not a usable issue prefix, or `undefined` when it is. */
export function prefixProblem(prefix: string): string | undefined {
  if (PREFIX_PATTERN.test(prefix)) return undefined;
  return `'${prefix}' is not a valid issue prefix (letters, digits, '_' and '-', starting with a letter or digit, at most 64 characters; no '.', '/' or spaces)`;
}

/** Whether `id` is a well-formed issue id (safe to name a stream file after its root). */
export function isSafeIssueId(id: string): boolean {
  return id.length <= 256 && ISSUE_ID_PATTERN.test(id);
}
