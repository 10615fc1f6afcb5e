/**
 * The PRs tab's controller: keys become actions, actions reduce the
 * context (`context.ts`) and name the effects to perform. Keys (handbook
 * 4.4): `j`/`k` rows, `h`/`l` fold one level, `H`/`L` fold all, `o`/`O`
 * grouping mode, `z`+key detail folds, `/` query editor, `0`-`9` saved
 * queries, `^`/`_` query history, `.` Reverted specs, `m` mark/unmark the
 * focused PR (and advance), `u` clear the marks, `<`/`>`/`~` the parent,
 * first child or next sibling PR, `Ctrl+R` / `Ctrl+K` back / forward in
 * the PR jump history. The PR actions that open a
 * modal or run a task (`s`, `S`, `d`) are the shell's (`app/pr_actions.ts`).
 *
 * @module
 */

import { toCanonical } from "../../../core/query/canonical.ts";
import { parseQuery } from "../../../core/query/parser.ts";
import {
  historyBack,
  historyForward,
  recordQueryChange,
} from "../../../core/query/persist/query_history.ts";
import {
  isQuerySlot,
  nextFreeSlot,
  type QuerySlot,
  SLOT_ORDER,
} from "../../../core/query/persist/saved_queries.ts";
import { type AceEffect, type Reduced, toast } from "../effects.ts";
import {
  CLOSED_EDITOR,
  type EditorAction,
  parsePrsSubmission,
  reduceEditor,
  withError,
} from "../query_editor.ts";
import { applyFoldKey } from "./detail_folds.ts";
import { clearMarks, toggleMark } from "./marks.ts";
import { moveInJumps, moveToRelative, type Relative, type RelativeMove } from "./navigate.ts";
import {
  collapseAll,
  cycleMode,
  expandAll,
  foldCollapse,
  foldExpand,
  moveCursor,
  type PrsState,
  showQuery,
  toggleHidden,
} from "./context.ts";

/** Everything the PRs tab can be asked to do. */
export type PrsAction =
  | { type: "move"; step: number }
  | { type: "foldExpand" }
  | { type: "foldCollapse" }
  | { type: "expandAll" }
  | { type: "collapseAll" }
  | { type: "cycleMode"; step: 1 | -1 }
  | { type: "foldPrefix" }
  | { type: "fold"; key: string }
  | EditorAction
  | { type: "editorSubmit" }
  | { type: "loadSlot"; slot: QuerySlot }
  | { type: "historyBack" }
  | { type: "historyForward" }
  | { type: "toggleHidden" }
  | { type: "relative"; which: Relative }
  | { type: "jump"; back: boolean }
  | { type: "toggleMark" }
  | { type: "clearMarks" };

const KEYS: Readonly<Record<string, PrsAction>> = {
  j: { type: "move", step: 1 },
  down: { type: "move", step: 1 },
  k: { type: "move", step: -1 },
  up: { type: "move", step: -1 },
  l: { type: "foldExpand" },
  h: { type: "foldCollapse" },
  L: { type: "expandAll" },
  H: { type: "collapseAll" },
  o: { type: "cycleMode", step: 1 },
  O: { type: "cycleMode", step: -1 },
  z: { type: "foldPrefix" },
  "/": { type: "openEditor" },
  "^": { type: "historyBack" },
  _: { type: "historyForward" },
  ".": { type: "toggleHidden" },
  "<": { type: "relative", which: "ancestor" },
  ">": { type: "relative", which: "child" },
  "~": { type: "relative", which: "sibling" },
  "ctrl+r": { type: "jump", back: true },
  "ctrl+k": { type: "jump", back: false },
  m: { type: "toggleMark" },
  u: { type: "clearMarks" },
};

/** The action of `key` (with a pending `z`, the fold key), or null when the tab has none. */
export function prsKeyAction(state: PrsState, key: string): PrsAction | null {
  if (state.pending === "z") return { type: "fold", key };
  if (isQuerySlot(key)) return { type: "loadSlot", slot: key };
  return KEYS[key] ?? null;
}

function just(state: PrsState): Reduced<PrsState> {
  return { state, effects: [] };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Switch to canonical `query`, recording the old one in the history. */
function changeQuery(state: PrsState, query: string, extra: AceEffect[] = []): Reduced<PrsState> {
  const closed = { ...state, editor: CLOSED_EDITOR };
  if (query === state.query) return { state: showQuery(closed, query), effects: extra };
  const history = recordQueryChange(state.history, state.query);
  return {
    state: showQuery({ ...closed, history }, query),
    effects: [
      ...extra,
      { kind: "writeQueryHistory", history },
      { kind: "writeLastQuery", query },
    ],
  };
}

function canonical(text: string): { query: string } | { error: string } {
  try {
    return { query: toCanonical(parseQuery(text)) };
  } catch (error) {
    return { error: errorText(error) };
  }
}

function submit(state: PrsState): Reduced<PrsState> {
  const submission = parsePrsSubmission(state.editor.text);
  switch (submission.kind) {
    case "invalid":
      return just({ ...state, editor: withError(state.editor, submission.error) });
    case "delete": {
      const saved = { ...state.saved };
      delete saved[submission.slot];
      return {
        state: { ...state, saved, editor: CLOSED_EDITOR },
        effects: [
          { kind: "deleteQuerySlot", slot: submission.slot },
          toast("info", `Deleted saved query ${submission.slot}`),
        ],
      };
    }
    case "save": {
      const parsed = canonical(submission.query);
      if ("error" in parsed) {
        return just({ ...state, editor: withError(state.editor, parsed.error) });
      }
      const slot = submission.slot ?? nextFreeSlot(state.saved);
      if (slot === null) {
        return just({
          ...state,
          editor: withError(
            state.editor,
            "all ten query slots are taken: name one, e.g. #3 <query>",
          ),
        });
      }
      const saved = { ...state.saved };
      for (const other of SLOT_ORDER) if (saved[other] === parsed.query) delete saved[other];
      saved[slot] = parsed.query;
      return changeQuery({ ...state, saved }, parsed.query, [
        { kind: "saveQuerySlot", slot, query: parsed.query },
        toast("info", `Saved query ${slot}: ${parsed.query}`),
      ]);
    }
    case "query": {
      const parsed = canonical(submission.query);
      if ("error" in parsed) {
        return just({ ...state, editor: withError(state.editor, parsed.error) });
      }
      return changeQuery(state, parsed.query);
    }
  }
}

function historyMove(state: PrsState, back: boolean): Reduced<PrsState> {
  const move = back
    ? historyBack(state.history, state.query)
    : historyForward(state.history, state.query);
  if (!move) {
    return { state, effects: [toast("info", back ? "No previous query" : "No next query")] };
  }
  const parsed = canonical(move.query);
  if ("error" in parsed) {
    return { state, effects: [toast("error", `History query does not parse: ${parsed.error}`)] };
  }
  return {
    state: showQuery({ ...state, history: move.history }, parsed.query),
    effects: [
      { kind: "writeQueryHistory", history: move.history },
      { kind: "writeLastQuery", query: parsed.query },
    ],
  };
}

function moved(state: PrsState, move: RelativeMove): Reduced<PrsState> {
  return move.kind === "moved"
    ? just(move.state)
    : { state, effects: [toast("info", move.message)] };
}

/** Apply `action` to `state`. */
export function reducePrs(state: PrsState, action: PrsAction): Reduced<PrsState> {
  switch (action.type) {
    case "move":
      return just(moveCursor(state, action.step));
    case "foldExpand":
      return just(foldExpand(state));
    case "foldCollapse":
      return just(foldCollapse(state));
    case "expandAll":
      return just(expandAll(state));
    case "collapseAll":
      return just(collapseAll(state));
    case "cycleMode":
      return just(cycleMode(state, action.step));
    case "toggleHidden":
      return just(toggleHidden(state));
    case "foldPrefix":
      return just({ ...state, pending: "z" });
    case "fold": {
      const folds = applyFoldKey(state.folds, action.key);
      return just({ ...state, pending: null, folds: folds ?? state.folds });
    }
    case "openEditor":
    case "editorText":
    case "editorCancel":
      return just({ ...state, editor: reduceEditor(state.editor, action, state.query) });
    case "editorSubmit":
      return submit(state);
    case "loadSlot": {
      const query = state.saved[action.slot];
      if (query === undefined) {
        return { state, effects: [toast("warning", `No saved query in slot ${action.slot}`)] };
      }
      const parsed = canonical(query);
      if ("error" in parsed) {
        return { state, effects: [toast("error", `Saved query ${action.slot}: ${parsed.error}`)] };
      }
      return changeQuery(state, parsed.query);
    }
    case "historyBack":
      return historyMove(state, true);
    case "historyForward":
      return historyMove(state, false);
    case "relative":
      return moved(state, moveToRelative(state, action.which));
    case "jump":
      return moved(state, moveInJumps(state, action.back));
    case "toggleMark": {
      const marked = toggleMark(state);
      return marked ? just(marked) : { state, effects: [toast("info", "Only a PR can be marked")] };
    }
    case "clearMarks": {
      const count = state.marks.size;
      if (count === 0) return { state, effects: [toast("info", "No marked PRs")] };
      return {
        state: clearMarks(state),
        effects: [toast("info", `Cleared ${count} mark${count === 1 ? "" : "s"}`)],
      };
    }
  }
}

/** `key` pressed on the PRs tab: its action reduced, or null when the key is not the tab's. */
export function prsKey(state: PrsState, key: string): Reduced<PrsState> | null {
  const action = prsKeyAction(state, key);
  return action ? reducePrs(state, action) : null;
}
