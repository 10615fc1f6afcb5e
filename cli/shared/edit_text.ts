/**
 * Editing text in `$VISUAL`/`$EDITOR` — the core helper the CLI and ACE share.
 *
 * @module
 */

export { editText } from "../../core/editor.ts";
