/**
 * The fold state of the PRs detail panel's sections (handbook 4.4.4):
 * COMMITS, HOOKS, MENTORS and TIMESTAMPS each cycle Collapsed → Expanded →
 * Fully Expanded (`z c`, `z h`, `z m`, `z t`) or toggle Collapsed ↔ Fully
 * Expanded (`z C`, ...); DELTAS is folded or unfolded (`z d`/`z D`);
 * `z z` cycles all, `z Z` toggles all.
 *
 * @module
 */

/** The three fold levels of a foldable section. */
export type FoldLevel = "collapsed" | "expanded" | "full";

/** The sections with three fold levels. */
export type LeveledSection = "commits" | "hooks" | "mentors" | "timestamps";

/** The fold state of the panel. */
export interface DetailFolds {
  readonly commits: FoldLevel;
  readonly hooks: FoldLevel;
  readonly mentors: FoldLevel;
  readonly timestamps: FoldLevel;
  readonly deltasUnfolded: boolean;
}

/** The state a session starts in: everything collapsed, DELTAS folded. */
export const DEFAULT_FOLDS: DetailFolds = {
  commits: "collapsed",
  hooks: "collapsed",
  mentors: "collapsed",
  timestamps: "collapsed",
  deltasUnfolded: false,
};

const LEVELED: readonly LeveledSection[] = ["commits", "hooks", "mentors", "timestamps"];

/** The next level of a cycle. */
export function cycleLevel(level: FoldLevel): FoldLevel {
  return level === "collapsed" ? "expanded" : level === "expanded" ? "full" : "collapsed";
}

/** A toggle skips Expanded: Collapsed goes to Fully Expanded, anything else to Collapsed. */
export function toggleLevel(level: FoldLevel): FoldLevel {
  return level === "collapsed" ? "full" : "collapsed";
}

/** The fold keys after `z`: section letter, lower case cycles, upper case toggles. */
const SECTION_KEYS: Readonly<Record<string, LeveledSection | "deltas">> = {
  c: "commits",
  h: "hooks",
  m: "mentors",
  t: "timestamps",
  d: "deltas",
};

/** The folds after `z <key>`, or null when `key` is not a fold key. */
export function applyFoldKey(folds: DetailFolds, key: string): DetailFolds | null {
  if (key === "z") {
    const next = Object.fromEntries(LEVELED.map((s) => [s, cycleLevel(folds[s])]));
    return { ...folds, ...next, deltasUnfolded: !folds.deltasUnfolded };
  }
  if (key === "Z") {
    const allCollapsed = LEVELED.every((s) => folds[s] === "collapsed") && !folds.deltasUnfolded;
    const level: FoldLevel = allCollapsed ? "full" : "collapsed";
    return {
      commits: level,
      hooks: level,
      mentors: level,
      timestamps: level,
      deltasUnfolded: allCollapsed,
    };
  }
  const section = SECTION_KEYS[key.toLowerCase()];
  if (!section) return null;
  if (section === "deltas") return { ...folds, deltasUnfolded: !folds.deltasUnfolded };
  const toggle = key !== key.toLowerCase();
  return { ...folds, [section]: toggle ? toggleLevel(folds[section]) : cycleLevel(folds[section]) };
}
