/**
 * The Agents tab's context: the loaded agents, the agent query and the
 * hidden toggle, the grouping mode with a fold level per mode and the
 * folded workflows, the built panels with their rows, the focused panel and
 * row, the unread bookkeeping, the detail area's mode, and a pending kill /
 * dismiss confirmation. Pure transitions; rows are rebuilt only when data,
 * filter, mode or folds change.
 *
 * Unread: a finished agent with a completion notification not yet
 * acknowledged, or one the user marked unread with `U`. Landing on it by
 * navigation acknowledges it (a refresh that keeps the focus does not).
 *
 * @module
 */

import type { AgentQueryExpr } from "../../../core/query/agent/parse.ts";
import { type AgentQueryTarget, matchesAgentQuery } from "../../../core/query/agent/evaluate.ts";
import { CLOSED_EDITOR, type QueryEditorState } from "../query_editor.ts";
import type { Line } from "../segments.ts";
import { type AgentItem, isFinished } from "./item.ts";
import { type AgentCounts, countAgents, panelTitle } from "./metrics.ts";
import { type AgentViewRow, type FoldLevel, type RowContext, visibleAgentRows } from "./rows.ts";
import {
  AGENT_GROUPING_MODES,
  type AgentGroupingMode,
  type AgentNode,
  buildPanels,
} from "./tree.ts";

/** The detail area's panels, in `]` order. */
export const DETAIL_MODES = ["file", "tools", "metadata"] as const;

/** One detail panel. */
export type DetailMode = typeof DETAIL_MODES[number];

/** A built side panel. */
export interface PanelView {
  readonly tag: string | null;
  readonly title: Line;
  readonly counts: AgentCounts;
  readonly rows: readonly AgentViewRow[];
  readonly levels: number;
  readonly tree: readonly AgentNode[];
}

/** A kill / dismiss waiting for its one confirmation. */
export interface KillConfirm {
  /** Running agents to stop. */
  readonly kill: readonly AgentItem[];
  /** Finished agents to dismiss. */
  readonly dismiss: readonly AgentItem[];
  readonly message: string;
}

/** The tab's state. */
export interface AgentsState {
  /** False until the first load (the strip reads `Agents: ...`). */
  readonly loaded: boolean;
  readonly all: readonly AgentItem[];
  /** The agents shown (query and hidden toggle applied). */
  readonly items: readonly AgentItem[];
  readonly query: { readonly text: string; readonly expr: AgentQueryExpr } | null;
  /** Prompt/reply text for bare words and `text:` (the loader's capped, cached reader). */
  readonly content?: (item: AgentItem) => string;
  readonly showHidden: boolean;
  readonly mode: AgentGroupingMode;
  readonly levels: Readonly<Record<AgentGroupingMode, FoldLevel>>;
  readonly foldedWorkflows: ReadonlySet<string>;
  readonly now: Date;
  readonly panels: readonly PanelView[];
  readonly counts: AgentCounts | null;
  readonly panel: number;
  /** Row index in the focused panel; -1 when it has none. */
  readonly cursor: number;
  /** Completion notifications acknowledged this session. */
  readonly acknowledged: ReadonlySet<string>;
  /** Agents marked unread with `U`. */
  readonly manualUnread: ReadonlySet<string>;
  readonly detailMode: DetailMode;
  /** `p`: the prompt layout instead of the file layout. */
  readonly promptLayout: boolean;
  readonly confirm: KillConfirm | null;
  readonly editor: QueryEditorState;
}

/** Whether `item` is unread in `state`. */
export function isUnread(
  state: Pick<AgentsState, "acknowledged" | "manualUnread">,
  item: AgentItem,
): boolean {
  if (!isFinished(item.row)) return false;
  if (state.manualUnread.has(item.id)) return true;
  return item.completionIds.some((id) => !state.acknowledged.has(id));
}

const BUCKET_ATTENTION = new Set(["Stopped"]);

/** The query's view of an item. */
export function queryTarget(item: AgentItem): AgentQueryTarget {
  const row = item.row;
  const started = row.startedAt ? Date.parse(row.startedAt) : NaN;
  return {
    clName: item.changeSpec,
    displayName: item.displayName,
    agentName: row.name,
    status: row.status,
    project: row.project,
    model: row.model,
    provider: row.provider,
    tag: row.tag,
    hidden: row.hidden,
    isWorkflow: row.isWorkflow,
    fromAxe: row.isWorkflow || row.parentTimestamp !== null,
    attention: BUCKET_ATTENTION.has(row.bucket),
    startedMs: Number.isNaN(started) ? null : started,
  };
}

function filtered(state: AgentsState): AgentItem[] {
  const nowMs = state.now.getTime();
  const content = state.content;
  return state.all.filter((item) => {
    if (!state.showHidden && item.row.hidden) return false;
    if (!state.query) return true;
    return matchesAgentQuery(
      state.query.expr,
      queryTarget(item),
      nowMs,
      content ? () => content(item) : undefined,
    );
  });
}

/** The row under the cursor. */
export function selectedAgentRow(state: AgentsState): AgentViewRow | undefined {
  return state.panels[state.panel]?.rows[state.cursor];
}

/** The agent under the cursor (none on a banner). */
export function selectedAgent(state: AgentsState): AgentItem | undefined {
  const row = selectedAgentRow(state);
  return row?.kind === "agent" ? row.item : undefined;
}

/**
 * Where the focus lands after a rebuild: the same row; for an agent still
 * loaded but folded away, its workflow run or nearest visible banner; for a
 * row that is gone (killed, dismissed, filtered), the first row after it in
 * the old rows that is still shown (the visually-next one), else the
 * nearest before it, else the same position clamped.
 */
function reanchorIn(
  rows: readonly AgentViewRow[],
  oldRows: readonly AgentViewRow[],
  index: number,
  present: ReadonlySet<string>,
): number {
  if (rows.length === 0) return -1;
  const previous = oldRows[index];
  if (previous) {
    const same = rows.findIndex((row) => row.id === previous.id);
    if (same !== -1) return same;
  }
  if (previous?.kind === "agent" && present.has(previous.id)) {
    if (previous.parentId) {
      const parent = rows.findIndex((row) => row.id === previous.parentId);
      if (parent !== -1) return parent;
    }
    for (let i = previous.ancestors.length - 1; i >= 0; i--) {
      const banner = rows.findIndex((row) => row.id === previous.ancestors[i]);
      if (banner !== -1) return banner;
    }
  }
  const position = new Map(rows.map((row, i) => [row.id, i]));
  for (let i = index + 1; i < oldRows.length; i++) {
    const at = position.get(oldRows[i].id);
    if (at !== undefined) return at;
  }
  for (let i = index - 1; i >= 0; i--) {
    const at = position.get(oldRows[i].id);
    if (at !== undefined) return at;
  }
  return Math.min(Math.max(index, 0), rows.length - 1);
}

/** Rebuild panels and rows (re-filtering when `refilter`), keeping the focus on its row. */
function rebuild(state: AgentsState, refilter: boolean): AgentsState {
  const items = refilter ? filtered(state) : state.items;
  const unread = (item: AgentItem) => isUnread(state, item);
  const context: RowContext = {
    now: state.now,
    isUnread: unread,
    statusGlyphs: state.mode === "BY_STATUS",
  };
  const level = state.levels[state.mode];
  const panels: PanelView[] = buildPanels(items, state.mode, state.now).map((panel) => {
    const counts = countAgents(panel.agents, unread);
    return {
      tag: panel.tag,
      title: panelTitle(panel.tag, counts),
      counts,
      rows: visibleAgentRows(panel, level, state.foldedWorkflows, context),
      levels: panel.levels,
      tree: panel.tree,
    };
  });
  const previousPanel = state.panels[state.panel];
  let panel = panels.findIndex((p) => p.tag === previousPanel?.tag);
  if (panel === -1) panel = Math.min(state.panel, Math.max(panels.length - 1, 0));
  const rows = panels[panel]?.rows ?? [];
  const cursor = reanchorIn(
    rows,
    previousPanel?.rows ?? [],
    state.cursor,
    new Set(items.map((item) => item.id)),
  );
  const counts = state.loaded ? countAgents(items, unread) : null;
  return { ...state, items, panels, panel, cursor, counts };
}

/** Options of {@linkcode createAgentsState}. */
export interface AgentsInit {
  now: Date;
  content?: (item: AgentItem) => string;
}

/** The tab before its first load. */
export function createAgentsState(init: AgentsInit): AgentsState {
  return {
    loaded: false,
    all: [],
    items: [],
    query: null,
    content: init.content,
    showHidden: false,
    mode: "STANDARD",
    levels: { STANDARD: 3, BY_DATE: 3, BY_STATUS: 3 },
    foldedWorkflows: new Set(),
    now: init.now,
    panels: [],
    counts: null,
    panel: 0,
    cursor: -1,
    acknowledged: new Set(),
    manualUnread: new Set(),
    detailMode: "file",
    promptLayout: false,
    confirm: null,
    editor: CLOSED_EDITOR,
  };
}

/** A (re)load from the index: the focus stays on its row; unread is not consumed. */
export function withAgents(
  state: AgentsState,
  items: readonly AgentItem[],
  now: Date,
): AgentsState {
  const live = new Set(items.flatMap((item) => item.completionIds));
  const acknowledged = new Set([...state.acknowledged].filter((id) => live.has(id)));
  const next = rebuild({ ...state, loaded: true, all: items, now, acknowledged }, true);
  return next.cursor === -1 && next.panels.length ? { ...next, cursor: 0 } : next;
}

/** Apply (or, with null, clear) a parsed agent query. */
export function withQuery(state: AgentsState, query: AgentsState["query"]): AgentsState {
  return rebuild({ ...state, query }, true);
}

/** `.`: show or hide hidden agents. */
export function toggleHiddenAgents(state: AgentsState): AgentsState {
  return rebuild({ ...state, showHidden: !state.showHidden }, true);
}

/** `o`/`O`: the next grouping mode (each keeps its own fold level). */
export function cycleAgentMode(state: AgentsState, step: 1 | -1): AgentsState {
  const index = AGENT_GROUPING_MODES.indexOf(state.mode);
  const n = AGENT_GROUPING_MODES.length;
  return rebuild({ ...state, mode: AGENT_GROUPING_MODES[(index + step + n) % n] }, false);
}

/** Set the current mode's fold level. */
export function setFoldLevel(state: AgentsState, level: FoldLevel): AgentsState {
  return rebuild({ ...state, levels: { ...state.levels, [state.mode]: level } }, false);
}

/** Fold or unfold a workflow's steps. */
export function setWorkflowFolded(state: AgentsState, id: string, folded: boolean): AgentsState {
  const set = new Set(state.foldedWorkflows);
  if (folded) set.add(id);
  else set.delete(id);
  return rebuild({ ...state, foldedWorkflows: set }, false);
}

/** Fold (or unfold) every workflow with steps, and set the level. */
export function foldEverything(state: AgentsState, folded: boolean, level: FoldLevel): AgentsState {
  const workflows = folded
    ? new Set(state.items.filter((item) => item.row.isWorkflow).map((item) => item.id))
    : new Set<string>();
  return rebuild({
    ...state,
    foldedWorkflows: workflows,
    levels: { ...state.levels, [state.mode]: level },
  }, false);
}

/** Mark `item` read (acknowledging its notifications) or unread; returns the ids acknowledged now. */
export function setUnread(
  state: AgentsState,
  item: AgentItem,
  unread: boolean,
): { state: AgentsState; acknowledged: string[] } {
  const manual = new Set(state.manualUnread);
  const acknowledged = new Set(state.acknowledged);
  const newly: string[] = [];
  if (unread) manual.add(item.id);
  else {
    manual.delete(item.id);
    for (const id of item.completionIds) {
      if (!acknowledged.has(id)) {
        acknowledged.add(id);
        newly.push(id);
      }
    }
  }
  return {
    state: rebuild({ ...state, manualUnread: manual, acknowledged }, false),
    acknowledged: newly,
  };
}

/** Focus `panel` at `cursor` (clamped), keeping the rows. */
export function focus(state: AgentsState, panel: number, cursor: number): AgentsState {
  const rows = state.panels[panel]?.rows ?? [];
  return {
    ...state,
    panel,
    cursor: rows.length ? Math.min(Math.max(cursor, 0), rows.length - 1) : -1,
  };
}

/** Drop dismissed agents locally (before the next load): the focus moves to the visually-next row. */
export function withoutAgents(state: AgentsState, ids: ReadonlySet<string>): AgentsState {
  return rebuild({ ...state, all: state.all.filter((item) => !ids.has(item.id)) }, true);
}
