/**
 * The prompt bar's state: the multi-line editor, the editing mode, and
 * whether the `Ctrl+G` prefix waits for its second key.
 *
 * @module
 */

import type { EditorState } from "../../../widgets/editor.ts";

/** The editing mode. */
export type PromptMode = "insert" | "normal";

/** The prompt bar's state. */
export interface PromptBarState {
  readonly editor: EditorState;
  readonly mode: PromptMode;
  /** `Ctrl+G` was pressed and waits for its second key. */
  readonly prefix: boolean;
}
