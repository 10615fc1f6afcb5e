/**
 * Text that agents or other processes wrote (notification notes, bead titles,
 * ProjectSpec warnings, replies) reaches the user's terminal. A raw escape
 * sequence there can retitle the window, write the clipboard (OSC 52), move
 * the cursor to overwrite earlier lines or hide text. Before such text is
 * printed, every control character is made visible and inert.
 *
 * @module
 */

/** Options of {@linkcode neutralizeControls}. */
export interface NeutralizeOptions {
  /** Keep line feeds and tabs as they are (default true); false shows them as `^J`/`^I`. */
  keepLayout?: boolean;
}

// C0 controls, DEL, C1 controls, and the Unicode bidirectional overrides and
// isolates (they reorder what the reader sees without being visible).
// deno-lint-ignore no-control-regex
const CONTROL = /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

function visible(char: string): string {
  const code = char.charCodeAt(0);
  if (code < 0x20) return "^" + String.fromCharCode(code + 0x40);
  if (code === 0x7f) return "^?";
  return `<U+${code.toString(16).toUpperCase().padStart(4, "0")}>`;
}

/**
 * `text` with every terminal control character replaced by a visible form:
 * C0 controls in caret notation (`ESC` becomes `^[`), DEL as `^?`, C1 controls
 * and bidi overrides as `<U+009B>`. Line feeds and tabs are kept unless
 * `keepLayout` is false; a CRLF line ending reads as a plain line feed, a
 * lone carriage return (which would overwrite the line) as `^M`.
 */
export function neutralizeControls(text: string, options: NeutralizeOptions = {}): string {
  const keepLayout = options.keepLayout ?? true;
  const source = keepLayout ? text.replaceAll("\r\n", "\n") : text;
  return source.replace(
    CONTROL,
    (char) => keepLayout && (char === "\n" || char === "\t") ? char : visible(char),
  );
}
