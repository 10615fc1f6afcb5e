/**
 * The input events the decoder produces: keys with modifiers and pasted
 * text, and the canonical key id keymaps are written in (`ctrl+j`,
 * `shift+tab`, `alt+x`, `J`, `space`, `f5`).
 *
 * @module
 */

/** A key press. */
export interface KeyEvent {
  kind: "key";
  /**
   * The key: the character typed for printable keys (`j`, `J`, `日`, `?`),
   * else one of `space`, `enter`, `tab`, `backspace`, `escape`, `delete`,
   * `insert`, `up`, `down`, `left`, `right`, `home`, `end`, `pageup`,
   * `pagedown`, `f1`…`f12`.
   */
  name: string;
  ctrl: boolean;
  alt: boolean;
  /** Shift on a named key (`shift+tab`, `shift+up`); a typed character carries its own case. */
  shift: boolean;
}

/** Text pasted with bracketed paste (delivered whole, never as keys). */
export interface PasteEvent {
  kind: "paste";
  text: string;
}

/** What the input decoder produces. */
export type InputEvent = KeyEvent | PasteEvent;

/** A key event; modifiers default to off. */
export function key(
  name: string,
  modifiers: { ctrl?: boolean; alt?: boolean; shift?: boolean } = {},
): KeyEvent {
  return {
    kind: "key",
    name,
    ctrl: modifiers.ctrl ?? false,
    alt: modifiers.alt ?? false,
    shift: modifiers.shift ?? false,
  };
}

/** The canonical id of a key: modifiers in the order ctrl, alt, shift, then the name. */
export function keyId(event: KeyEvent): string {
  return (event.ctrl ? "ctrl+" : "") + (event.alt ? "alt+" : "") + (event.shift ? "shift+" : "") +
    event.name;
}

/** The names of keys that type no character (`space` types one). */
const NAMED_KEYS = new Set([
  "enter",
  "tab",
  "backspace",
  "escape",
  "delete",
  "insert",
  "up",
  "down",
  "left",
  "right",
  "home",
  "end",
  "pageup",
  "pagedown",
  ...Array.from({ length: 12 }, (_, i) => `f${i + 1}`),
]);

/** Whether `event` types a character: no ctrl/alt and not a named key. */
export function isTextKey(event: KeyEvent): boolean {
  return !event.ctrl && !event.alt && !NAMED_KEYS.has(event.name);
}

/** The character a text key types (`space` types " "). */
export function keyText(event: KeyEvent): string {
  return event.name === "space" ? " " : event.name;
}
