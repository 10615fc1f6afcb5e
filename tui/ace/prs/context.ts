/**
 * The PRs tab's context: the loaded corpus, the current query and its
 * matches, the grouping mode with a fold registry per mode, the visible rows
 * and the cursor, the detail folds and the query bookkeeping (saved slots,
 * history). Every change is a pure function from state to state; the rows
 * are rebuilt only when the data, the mode or a fold changes, never when the
 * cursor moves.
 *
 * Selection re-anchoring: after a rebuild the cursor returns to the row it
 * was on (by identity); a row now hidden by a fold gives way to its outermost
 * collapsed ancestor (the deepest one still visible); a row that is gone
 * leaves the cursor at the same position, clamped.
 *
 * @module
 */

import type { ChangeSpec } from "../../../core/changespec/types.ts";
import { baseStatus } from "../../../core/changespec/status.ts";
import { QueryCorpus } from "../../../core/query/evaluator.ts";
import { parseQuery } from "../../../core/query/parser.ts";
import { toCanonical } from "../../../core/query/canonical.ts";
import type { QueryHistory } from "../../../core/query/persist/query_history.ts";
import type { SavedQueries } from "../../../core/query/persist/saved_queries.ts";
import { CLOSED_EDITOR, type QueryEditorState } from "../query_editor.ts";
import { DEFAULT_FOLDS, type DetailFolds } from "./detail_folds.ts";
import { NO_JUMPS, type PrJumps } from "./jumps.ts";
import { RelationIndex } from "./relations.ts";
import { allBanners, type MentorStats, type PrRow, visiblePrRows } from "./rows.ts";
import { buildPrTree, PR_GROUPING_MODES, type PrBannerNode, type PrGroupingMode } from "./tree.ts";

/** The PRs tab's state. */
export interface PrsState {
  /** Every loaded ChangeSpec (the query runs over these). */
  readonly corpus: QueryCorpus;
  readonly relations: RelationIndex;
  /** The current query in canonical form. */
  readonly query: string;
  /** The specs the query matched (hidden ones included). */
  readonly matches: readonly ChangeSpec[];
  /** `.`: show Reverted specs too. */
  readonly showHidden: boolean;
  readonly mode: PrGroupingMode;
  /** Collapsed banner ids, one registry per mode. */
  readonly collapsed: Readonly<Record<PrGroupingMode, ReadonlySet<string>>>;
  readonly now: Date;
  readonly tree: readonly PrBannerNode[];
  readonly rows: readonly PrRow[];
  /** Index into `rows`; -1 when there are none. */
  readonly cursor: number;
  readonly mentorStats: ReadonlyMap<string, MentorStats>;
  readonly folds: DetailFolds;
  readonly saved: SavedQueries;
  readonly history: QueryHistory;
  readonly editor: QueryEditorState;
  /** A pending prefix key (`z` for fold mode), or null. */
  readonly pending: "z" | null;
  /** Marked ChangeSpec names (`m`/`u`; `S` acts on them). */
  readonly marks: ReadonlySet<string>;
  /** The PR jump history (`<` `>` `~` record, `Ctrl+R` / `Ctrl+K` walk it). */
  readonly jumps: PrJumps;
}

/** What a PRs tab starts from. */
export interface PrsInit {
  specs: readonly ChangeSpec[];
  query: string;
  now: Date;
  saved?: SavedQueries;
  history?: QueryHistory;
  mentorStats?: ReadonlyMap<string, MentorStats>;
}

const NO_FOLDS: Readonly<Record<PrGroupingMode, ReadonlySet<string>>> = {
  BY_PROJECT: new Set(),
  BY_DATE: new Set(),
  BY_STATUS: new Set(),
};

function shown(state: Pick<PrsState, "matches" | "showHidden">): readonly ChangeSpec[] {
  return state.showHidden
    ? state.matches
    : state.matches.filter((spec) => baseStatus(spec.status) !== "Reverted");
}

/** Where the cursor lands in `rows` for the row it was on before (see the module doc). */
export function reanchor(
  rows: readonly PrRow[],
  previous: PrRow | undefined,
  previousIndex: number,
): number {
  if (rows.length === 0) return -1;
  if (previous) {
    const same = rows.findIndex((row) => row.id === previous.id);
    if (same !== -1) return same;
    for (const ancestor of previous.ancestors) {
      const index = rows.findIndex((row) => row.id === ancestor);
      if (index !== -1 && rows[index].kind === "banner" && rows[index].collapsed) return index;
    }
  }
  return Math.min(Math.max(previousIndex, 0), rows.length - 1);
}

/** Rebuild the tree (when `regroup`) and the rows, re-anchoring the cursor. */
function rebuild(state: PrsState, regroup: boolean): PrsState {
  const tree = regroup ? buildPrTree(shown(state), state.mode, state.now) : state.tree;
  const rows = visiblePrRows(tree, state.collapsed[state.mode], state.mentorStats);
  const cursor = reanchor(rows, state.rows[state.cursor], state.cursor);
  return { ...state, tree, rows, cursor };
}

/** The first state of the tab: `query` must parse (the caller validated it). */
export function createPrsState(init: PrsInit): PrsState {
  const corpus = new QueryCorpus(init.specs);
  const expr = parseQuery(init.query);
  const base: PrsState = {
    corpus,
    relations: new RelationIndex(init.specs),
    query: toCanonical(expr),
    matches: corpus.filter(expr),
    showHidden: false,
    mode: "BY_PROJECT",
    collapsed: NO_FOLDS,
    now: init.now,
    tree: [],
    rows: [],
    cursor: -1,
    mentorStats: init.mentorStats ?? new Map(),
    folds: DEFAULT_FOLDS,
    saved: init.saved ?? {},
    history: init.history ?? { prev: [], next: [] },
    editor: CLOSED_EDITOR,
    pending: null,
    marks: new Set(),
    jumps: NO_JUMPS,
  };
  return rebuild({ ...base, cursor: 0 }, true);
}

/** New data from disk (a refresh): the query runs again, the cursor stays on its row. */
export function withSpecs(
  state: PrsState,
  specs: readonly ChangeSpec[],
  now: Date,
  mentorStats: ReadonlyMap<string, MentorStats> = state.mentorStats,
): PrsState {
  const corpus = new QueryCorpus(specs);
  return rebuild({
    ...state,
    corpus,
    relations: new RelationIndex(specs),
    matches: corpus.filter(state.query),
    now,
    mentorStats,
  }, true);
}

/** Show the matches of an already-parsed, canonical `query` (no history bookkeeping). */
export function showQuery(state: PrsState, query: string): PrsState {
  return rebuild({ ...state, query, matches: state.corpus.filter(query) }, true);
}

/** `.`: show or hide Reverted specs. */
export function toggleHidden(state: PrsState): PrsState {
  return rebuild({ ...state, showHidden: !state.showHidden }, true);
}

/** `o` (+1) / `O` (-1): the next grouping mode; each mode keeps its own folds. */
export function cycleMode(state: PrsState, step: 1 | -1): PrsState {
  const index = PR_GROUPING_MODES.indexOf(state.mode);
  const mode =
    PR_GROUPING_MODES[(index + step + PR_GROUPING_MODES.length) % PR_GROUPING_MODES.length];
  return rebuild({ ...state, mode }, true);
}

/** `j` (+1) / `k` (-1): move over visible rows (banners included); the rows are kept as they are. */
export function moveCursor(state: PrsState, step: number): PrsState {
  if (state.rows.length === 0) return state;
  const cursor = Math.min(Math.max(state.cursor + step, 0), state.rows.length - 1);
  return cursor === state.cursor ? state : { ...state, cursor };
}

/** The row under the cursor. */
export function selectedRow(state: PrsState): PrRow | undefined {
  return state.rows[state.cursor];
}

/** The ChangeSpec under the cursor (none on a banner). */
export function selectedSpec(state: PrsState): ChangeSpec | undefined {
  const row = selectedRow(state);
  return row?.kind === "spec" ? row.spec : undefined;
}

function withCollapsed(state: PrsState, collapsed: ReadonlySet<string>, focus?: string): PrsState {
  const next = rebuild(
    { ...state, collapsed: { ...state.collapsed, [state.mode]: collapsed } },
    false,
  );
  if (focus === undefined) return next;
  const index = next.rows.findIndex((row) => row.id === focus);
  return index === -1 ? next : { ...next, cursor: index };
}

function childBanners(state: PrsState, id: string): string[] {
  const node = allBanners(state.tree).find((entry) => entry.node.id === id)?.node;
  return (node?.children ?? []).flatMap((child) => child.kind === "banner" ? [child.id] : []);
}

/** Expand `ids`, folding their child banners so exactly one level appears. */
function expandOneLevel(state: PrsState, ids: readonly string[]): ReadonlySet<string> {
  const collapsed = new Set(state.collapsed[state.mode]);
  for (const id of ids) {
    collapsed.delete(id);
    for (const child of childBanners(state, id)) collapsed.add(child);
  }
  return collapsed;
}

/**
 * `l`: on a collapsed banner, expand it one level; anywhere else, peel one
 * layer of the visible tree (expand the shallowest visible collapsed
 * banners one level).
 */
export function foldExpand(state: PrsState): PrsState {
  const row = selectedRow(state);
  if (!row) return state;
  if (row.kind === "banner" && row.collapsed) {
    return withCollapsed(state, expandOneLevel(state, [row.id]), row.id);
  }
  const collapsedRows = state.rows.filter((r) => r.kind === "banner" && r.collapsed);
  if (collapsedRows.length === 0) return state;
  const shallowest = Math.min(...collapsedRows.map((r) => r.ancestors.length));
  const layer = collapsedRows.filter((r) => r.ancestors.length === shallowest).map((r) => r.id);
  return withCollapsed(state, expandOneLevel(state, layer), row.id);
}

/**
 * `h`: collapse the focused banner; on an already collapsed sub-banner,
 * collapse its parent and move there; on a PR, collapse its innermost group
 * and move to it.
 */
export function foldCollapse(state: PrsState): PrsState {
  const row = selectedRow(state);
  if (!row) return state;
  const collapsed = new Set(state.collapsed[state.mode]);
  let target: string | undefined;
  if (row.kind === "banner" && !row.collapsed) target = row.id;
  else target = row.ancestors.at(-1);
  if (target === undefined) return state;
  collapsed.add(target);
  return withCollapsed(state, collapsed, target);
}

/** `L`: every banner and PR row visible. */
export function expandAll(state: PrsState): PrsState {
  return withCollapsed(state, new Set());
}

/** `H`: every banner collapsed (only the top-level banners remain visible). */
export function collapseAll(state: PrsState): PrsState {
  return withCollapsed(state, new Set(allBanners(state.tree).map((entry) => entry.node.id)));
}
