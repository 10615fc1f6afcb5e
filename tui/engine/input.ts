/**
 * The input decoder: terminal bytes in, key and paste events out. Pure and
 * clocked from outside: an escape byte alone might be the Escape key or the
 * start of a sequence (an arrow, an Alt chord), so an incomplete sequence
 * waits until `deadline()`; the caller then calls `flush(now)`, and a lone
 * ESC becomes the Escape key.
 *
 * @module
 */

import { type InputEvent, key, type KeyEvent } from "./keys.ts";
import { graphemes } from "./width.ts";

/** How long an incomplete escape sequence waits for its rest before it counts as keys. */
export const ESCAPE_TIMEOUT_MS = 50;

const PASTE_START = "\x1b[200~";
const PASTE_END = "\x1b[201~";

/** Names of `CSI <n> ~` keys. */
const TILDE_KEYS: Record<number, string> = {
  1: "home",
  2: "insert",
  3: "delete",
  4: "end",
  5: "pageup",
  6: "pagedown",
  7: "home",
  8: "end",
  11: "f1",
  12: "f2",
  13: "f3",
  14: "f4",
  15: "f5",
  17: "f6",
  18: "f7",
  19: "f8",
  20: "f9",
  21: "f10",
  23: "f11",
  24: "f12",
};

/** Names of `CSI [1;m] <letter>` and `SS3 <letter>` keys. */
const LETTER_KEYS: Record<string, string> = {
  A: "up",
  B: "down",
  C: "right",
  D: "left",
  H: "home",
  F: "end",
  P: "f1",
  Q: "f2",
  R: "f3",
  S: "f4",
};

/** A stateful decoder of one terminal's input stream. */
export class InputDecoder {
  readonly #timeoutMs: number;
  readonly #utf8 = new TextDecoder();
  #pending = "";
  #deadline: number | null = null;
  #paste: string | null = null;

  constructor(options: { escapeTimeoutMs?: number } = {}) {
    this.#timeoutMs = options.escapeTimeoutMs ?? ESCAPE_TIMEOUT_MS;
  }

  /**
   * Decode the bytes that arrived at time `now` (ms). An incomplete escape
   * sequence left from before whose deadline has passed is resolved first,
   * as if `flush` had run on time.
   */
  feed(bytes: Uint8Array | string, now: number): InputEvent[] {
    const events = this.flush(now);
    const text = typeof bytes === "string" ? bytes : this.#utf8.decode(bytes, { stream: true });
    this.#pending += text;
    this.#deadline = null;
    this.#decode(events, false);
    if (this.#pending !== "" && this.#paste === null) this.#deadline = now + this.#timeoutMs;
    return events;
  }

  /** When a waiting escape sequence times out (ms), or null when nothing waits. */
  deadline(): number | null {
    return this.#deadline;
  }

  /** Resolve a waiting escape sequence whose deadline has passed at `now`. */
  flush(now: number): InputEvent[] {
    const events: InputEvent[] = [];
    if (this.#deadline !== null && now >= this.#deadline) {
      this.#deadline = null;
      this.#decode(events, true);
    }
    return events;
  }

  /** Decode `#pending`; an incomplete tail stays pending unless `final`. */
  #decode(events: InputEvent[], final: boolean): void {
    const s = this.#pending;
    let i = 0;
    while (i < s.length) {
      if (this.#paste !== null) {
        const end = s.indexOf(PASTE_END, i);
        if (end < 0) {
          // Keep a tail that may be the start of the end marker.
          let keep = 0;
          for (let n = Math.min(PASTE_END.length - 1, s.length - i); n > 0; n--) {
            if (PASTE_END.startsWith(s.slice(s.length - n))) {
              keep = n;
              break;
            }
          }
          this.#paste += s.slice(i, s.length - keep);
          i = s.length - keep;
          break;
        }
        events.push({ kind: "paste", text: this.#paste + s.slice(i, end) });
        this.#paste = null;
        i = end + PASTE_END.length;
        continue;
      }
      const c = s[i];
      if (c !== "\x1b") {
        let end = i;
        while (end < s.length && s[end] !== "\x1b" && !isControlChar(s[end])) end++;
        if (end === i) {
          events.push(controlKey(s.charCodeAt(i)));
          i++;
          continue;
        }
        for (const grapheme of graphemes(s.slice(i, end))) events.push(textKey(grapheme));
        i = end;
        continue;
      }
      const consumed = this.#escape(s, i, events, final);
      if (consumed === 0) break;
      i += consumed;
    }
    this.#pending = s.slice(i);
  }

  /**
   * Decode the escape sequence at `s[i]`; the number of characters used, or
   * 0 when it is incomplete and must wait (never when `final`).
   */
  #escape(s: string, i: number, events: InputEvent[], final: boolean): number {
    const next = s[i + 1];
    if (next === undefined) {
      if (!final) return 0;
      events.push(key("escape"));
      return 1;
    }
    if (next === "[") {
      // deno-lint-ignore no-control-regex -- it parses escape sequences
      const match = /^\x1b\[([0-?]*)([ -/]*)([@-~])/.exec(s.slice(i, i + 64));
      if (!match) {
        // deno-lint-ignore no-control-regex -- it parses escape sequences
        if (!final && /^\x1b\[[0-?]*[ -/]*$/.test(s.slice(i))) return 0;
        events.push(key("[", { alt: true }));
        return 2;
      }
      if (match[0] === PASTE_START) {
        this.#paste = "";
        return match[0].length;
      }
      const event = csiKey(match[1], match[3]);
      if (event) events.push(event);
      return match[0].length;
    }
    if (next === "O") {
      const final3 = s[i + 2];
      if (final3 === undefined) {
        if (!final) return 0;
        events.push(key("O", { alt: true }));
        return 2;
      }
      const name = LETTER_KEYS[final3];
      if (name) {
        events.push(key(name));
        return 3;
      }
      events.push(key("O", { alt: true }));
      return 2;
    }
    if (next === "\x1b") {
      events.push(key("escape"));
      return 1;
    }
    // ESC before a key is how terminals send Alt+key.
    if (isControlChar(next)) {
      events.push({ ...controlKey(next.charCodeAt(0)), alt: true });
      return 2;
    }
    const grapheme = graphemes(s.slice(i + 1, i + 16))[Symbol.iterator]().next().value as string;
    events.push({ ...textKey(grapheme), alt: true });
    return 1 + grapheme.length;
  }
}

function isControlChar(c: string): boolean {
  const code = c.charCodeAt(0);
  return code < 0x20 || code === 0x7f;
}

function textKey(grapheme: string): KeyEvent {
  return key(grapheme === " " ? "space" : grapheme);
}

/** The key a C0 control byte (or DEL) stands for in raw mode. */
function controlKey(code: number): KeyEvent {
  switch (code) {
    case 0x0d:
      return key("enter");
    case 0x09:
      return key("tab");
    case 0x7f:
      return key("backspace");
    case 0x1b:
      return key("escape");
    case 0x00:
      return key("space", { ctrl: true });
  }
  if (code >= 0x01 && code <= 0x1a) return key(String.fromCharCode(code + 0x60), { ctrl: true });
  return key(["\\", "]", "^", "_"][code - 0x1c], { ctrl: true });
}

/** The modifiers of an xterm modifier parameter (1 + shift·1 + alt·2 + ctrl·4 + meta·8). */
function modifiers(param: string | undefined): { shift: boolean; alt: boolean; ctrl: boolean } {
  const bits = Math.max(0, Number(param ?? "1") - 1) || 0;
  return { shift: (bits & 1) !== 0, alt: (bits & 10) !== 0, ctrl: (bits & 4) !== 0 };
}

/** The key of a complete CSI sequence, or null for sequences that are not keys (focus, mouse). */
function csiKey(params: string, final: string): KeyEvent | null {
  if (params.startsWith("<") || params.startsWith("?")) return null;
  const parts = params.split(";");
  if (final === "Z") return key("tab", { shift: true });
  if (final === "~") {
    const name = TILDE_KEYS[Number(parts[0])];
    return name ? key(name, modifiers(parts[1])) : null;
  }
  if (final === "u") {
    const code = Number(parts[0]);
    const mods = modifiers(parts[1]);
    const named: Record<number, string> = {
      9: "tab",
      13: "enter",
      27: "escape",
      32: "space",
      127: "backspace",
    };
    if (named[code]) return key(named[code], mods);
    if (!Number.isInteger(code) || code < 0x20) return null;
    let name = String.fromCodePoint(code);
    if (mods.shift && name.toUpperCase() !== name) {
      name = name.toUpperCase();
      mods.shift = false;
    }
    return key(name, mods);
  }
  const name = LETTER_KEYS[final];
  return name ? key(name, modifiers(parts[1])) : null;
}
