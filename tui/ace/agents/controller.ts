/**
 * The Agents tab's controller (handbook 4.5): `j`/`k` rows, `J`/`K` side
 * panels, `l`/`h` fold one level (at L3 `l` unfolds the focused workflow,
 * `h` folds it first), `L`/`H` fold all, `o`/`O` grouping, `]`/`[` detail
 * panel, `p` prompt layout, `U` unread marker, `x` kill / dismiss with one
 * confirmation, `/` agent query, `.` hidden agents. Navigating onto an
 * unread finished agent acknowledges it (its completion notifications are
 * dismissed).
 *
 * @module
 */

import { parseAgentQuery } from "../../../core/query/agent/parse.ts";
import { type AceEffect, type Reduced, toast } from "../effects.ts";
import { CLOSED_EDITOR, type EditorAction, reduceEditor, withError } from "../query_editor.ts";
import {
  type AgentsState,
  cycleAgentMode,
  DETAIL_MODES,
  focus,
  foldEverything,
  isUnread,
  type KillConfirm,
  selectedAgent,
  selectedAgentRow,
  setFoldLevel,
  setUnread,
  setWorkflowFolded,
  toggleHiddenAgents,
  withoutAgents,
  withQuery,
} from "./context.ts";
import { type AgentItem, isFinished } from "./item.ts";
import type { FoldLevel } from "./rows.ts";
import { AGENT_GROUPING_LABELS } from "./tree.ts";

/** Everything the Agents tab can be asked to do. */
export type AgentsAction =
  | { type: "move"; step: number }
  | { type: "panel"; step: 1 | -1 }
  | { type: "foldUp" }
  | { type: "foldDown" }
  | { type: "expandAll" }
  | { type: "collapseAll" }
  | { type: "cycleMode"; step: 1 | -1 }
  | { type: "detail"; step: 1 | -1 }
  | { type: "togglePrompt" }
  | { type: "toggleUnread" }
  | { type: "kill" }
  | { type: "confirm"; yes: boolean }
  | EditorAction
  | { type: "editorSubmit" }
  | { type: "toggleHidden" };

const KEYS: Readonly<Record<string, AgentsAction>> = {
  j: { type: "move", step: 1 },
  down: { type: "move", step: 1 },
  k: { type: "move", step: -1 },
  up: { type: "move", step: -1 },
  J: { type: "panel", step: 1 },
  K: { type: "panel", step: -1 },
  l: { type: "foldUp" },
  h: { type: "foldDown" },
  L: { type: "expandAll" },
  H: { type: "collapseAll" },
  o: { type: "cycleMode", step: 1 },
  O: { type: "cycleMode", step: -1 },
  "]": { type: "detail", step: 1 },
  "[": { type: "detail", step: -1 },
  p: { type: "togglePrompt" },
  U: { type: "toggleUnread" },
  x: { type: "kill" },
  "/": { type: "openEditor" },
  ".": { type: "toggleHidden" },
};

/** The action of `key`; with a confirmation open only `y`/`Enter` and `n`/`Esc` count. */
export function agentsKeyAction(state: AgentsState, key: string): AgentsAction | null {
  if (state.confirm) {
    if (key === "y" || key === "enter") return { type: "confirm", yes: true };
    if (key === "n" || key === "escape" || key === "q") return { type: "confirm", yes: false };
    return null;
  }
  return KEYS[key] ?? null;
}

function just(state: AgentsState): Reduced<AgentsState> {
  return { state, effects: [] };
}

/** After a navigation: acknowledge an unread finished agent the focus landed on. */
function landed(state: AgentsState): Reduced<AgentsState> {
  const item = selectedAgent(state);
  if (!item || !isUnread(state, item)) return just(state);
  const { state: next, acknowledged } = setUnread(state, item, false);
  return {
    state: next,
    effects: acknowledged.length ? [{ kind: "dismissNotifications", ids: acknowledged }] : [],
  };
}

function focusedWorkflow(state: AgentsState): string | null {
  const row = selectedAgentRow(state);
  if (row?.kind !== "agent") return null;
  if (row.stepsFolded !== null) return row.id;
  return row.parentId;
}

/** The agents `x` acts on: the focused agent, or every top-level agent of the focused banner. */
function killTargets(state: AgentsState): AgentItem[] {
  const row = selectedAgentRow(state);
  if (!row) return [];
  if (row.kind === "agent") return [row.item];
  const inGroup = new Set(row.agents.map((item) => `${item.row.project}/${item.row.timestamp}`));
  return row.agents.filter((item) =>
    !item.row.parentTimestamp || !inGroup.has(`${item.row.project}/${item.row.parentTimestamp}`)
  );
}

function confirmation(targets: readonly AgentItem[]): KillConfirm {
  const kill = targets.filter((item) => !isFinished(item.row));
  const dismiss = targets.filter((item) => isFinished(item.row));
  const parts: string[] = [];
  if (kill.length) parts.push(`kill ${kill.length} running agent${kill.length === 1 ? "" : "s"}`);
  if (dismiss.length) {
    parts.push(`dismiss ${dismiss.length} finished agent${dismiss.length === 1 ? "" : "s"}`);
  }
  const only = targets.length === 1 ? ` ${targets[0].displayName}` : "";
  const text = parts.join(" and ");
  return { kill, dismiss, message: `${text[0].toUpperCase()}${text.slice(1)}${only}?` };
}

function confirmed(state: AgentsState): Reduced<AgentsState> {
  const confirm = state.confirm!;
  const effects: AceEffect[] = [];
  if (confirm.kill.length) {
    effects.push({
      kind: "killAgents",
      runs: confirm.kill.map((item) => ({ dir: item.id, project: item.row.project })),
    });
  }
  if (confirm.dismiss.length) {
    effects.push({
      kind: "dismissAgents",
      runs: confirm.dismiss.map((item) => ({
        project: item.row.project,
        timestamp: item.row.timestamp,
      })),
    });
    const ids = confirm.dismiss.flatMap((item) => item.completionIds);
    if (ids.length) effects.push({ kind: "dismissNotifications", ids });
  }
  const gone = new Set(confirm.dismiss.map((item) => item.id));
  const cleared = { ...state, confirm: null };
  return { state: gone.size ? withoutAgents(cleared, gone) : cleared, effects };
}

function submit(state: AgentsState): Reduced<AgentsState> {
  const text = state.editor.text.trim();
  if (text === "") return just(withQuery({ ...state, editor: CLOSED_EDITOR }, null));
  try {
    const expr = parseAgentQuery(text);
    return just(withQuery({ ...state, editor: CLOSED_EDITOR }, { text, expr }));
  } catch (error) {
    return just({ ...state, editor: withError(state.editor, (error as Error).message) });
  }
}

/** Apply `action` to `state`. */
export function reduceAgents(state: AgentsState, action: AgentsAction): Reduced<AgentsState> {
  switch (action.type) {
    case "move": {
      const rows = state.panels[state.panel]?.rows ?? [];
      if (rows.length === 0) return just(state);
      const cursor = Math.min(Math.max(state.cursor + action.step, 0), rows.length - 1);
      return cursor === state.cursor ? just(state) : landed({ ...state, cursor });
    }
    case "panel": {
      const n = state.panels.length;
      if (n < 2) return just(state);
      const panel = (state.panel + action.step + n) % n;
      const last = (state.panels[panel].rows.length || 1) - 1;
      return landed(focus(state, panel, action.step === 1 ? 0 : last));
    }
    case "foldUp": {
      const level = state.levels[state.mode];
      if (level < 3) return just(setFoldLevel(state, (level + 1) as FoldLevel));
      const workflow = focusedWorkflow(state);
      return just(workflow ? setWorkflowFolded(state, workflow, false) : state);
    }
    case "foldDown": {
      const workflow = focusedWorkflow(state);
      if (workflow && !state.foldedWorkflows.has(workflow)) {
        return just(setWorkflowFolded(state, workflow, true));
      }
      const level = state.levels[state.mode];
      return just(level > 0 ? setFoldLevel(state, (level - 1) as FoldLevel) : state);
    }
    case "expandAll":
      return just(foldEverything(state, false, 3));
    case "collapseAll":
      return just(foldEverything(state, true, 0));
    case "cycleMode": {
      const next = cycleAgentMode(state, action.step);
      return {
        state: next,
        effects: [toast("info", `Grouping: ${AGENT_GROUPING_LABELS[next.mode]}`)],
      };
    }
    case "detail": {
      const index = DETAIL_MODES.indexOf(state.detailMode);
      const n = DETAIL_MODES.length;
      return just({ ...state, detailMode: DETAIL_MODES[(index + action.step + n) % n] });
    }
    case "togglePrompt":
      return just({ ...state, promptLayout: !state.promptLayout });
    case "toggleUnread": {
      const item = selectedAgent(state);
      if (!item || !isFinished(item.row)) return just(state);
      const { state: next, acknowledged } = setUnread(state, item, !isUnread(state, item));
      return {
        state: next,
        effects: acknowledged.length ? [{ kind: "dismissNotifications", ids: acknowledged }] : [],
      };
    }
    case "kill": {
      const targets = killTargets(state);
      return just(targets.length ? { ...state, confirm: confirmation(targets) } : state);
    }
    case "confirm":
      return action.yes ? confirmed(state) : just({ ...state, confirm: null });
    case "openEditor":
    case "editorText":
    case "editorCancel":
      return just({
        ...state,
        editor: reduceEditor(state.editor, action, state.query?.text ?? ""),
      });
    case "editorSubmit":
      return submit(state);
    case "toggleHidden":
      return just(toggleHiddenAgents(state));
  }
}

/** `key` pressed on the Agents tab: its action reduced, or null when the key is not the tab's. */
export function agentsKey(state: AgentsState, key: string): Reduced<AgentsState> | null {
  const action = agentsKeyAction(state, key);
  return action ? reduceAgents(state, action) : null;
}
