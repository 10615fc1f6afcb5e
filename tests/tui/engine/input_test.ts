import { InputDecoder } from "../../../tui/engine/input.ts";
import { type InputEvent, isTextKey, key, keyId } from "../../../tui/engine/keys.ts";
import { assertEquals } from "../../_helpers/assert.ts";
import { decodeAll } from "../_keys.ts";

/** The key ids (or `paste:<text>`) of `events`. */
function ids(events: InputEvent[]): string[] {
  return events.map((event) => event.kind === "key" ? keyId(event) : `paste:${event.text}`);
}

/** Decode `input` in one chunk and resolve any wait. */
function decode(input: string): string[] {
  return ids(decodeAll(input));
}

Deno.test("decoder: printable keys keep their case; space, enter, tab, backspace", () => {
  assertEquals(decode("jJ?日 \r\t\x7f"), [
    "j",
    "J",
    "?",
    "日",
    "space",
    "enter",
    "tab",
    "backspace",
  ]);
  assertEquals(decode("👨‍👩‍👧"), ["👨‍👩‍👧"]);
});

Deno.test("decoder: control bytes are ctrl+letter; Ctrl+J is not Enter", () => {
  assertEquals(decode("\x01\x03\x0a\x0b\x07\x08\x1a"), [
    "ctrl+a",
    "ctrl+c",
    "ctrl+j",
    "ctrl+k",
    "ctrl+g",
    "ctrl+h",
    "ctrl+z",
  ]);
  assertEquals(decode("\x00\x1c\x1d\x1e\x1f"), [
    "ctrl+space",
    "ctrl+\\",
    "ctrl+]",
    "ctrl+^",
    "ctrl+_",
  ]);
});

Deno.test("decoder: arrows, Home/End, PgUp/PgDn, Insert/Delete, in CSI and SS3 forms", () => {
  assertEquals(decode("\x1b[A\x1b[B\x1b[C\x1b[D\x1b[H\x1b[F"), [
    "up",
    "down",
    "right",
    "left",
    "home",
    "end",
  ]);
  assertEquals(decode("\x1bOA\x1bOH\x1bOF"), ["up", "home", "end"]);
  assertEquals(decode("\x1b[1~\x1b[4~\x1b[7~\x1b[8~\x1b[5~\x1b[6~\x1b[2~\x1b[3~"), [
    "home",
    "end",
    "home",
    "end",
    "pageup",
    "pagedown",
    "insert",
    "delete",
  ]);
});

Deno.test("decoder: F1-F12", () => {
  assertEquals(decode("\x1bOP\x1bOQ\x1bOR\x1bOS"), ["f1", "f2", "f3", "f4"]);
  assertEquals(
    decode("\x1b[15~\x1b[17~\x1b[18~\x1b[19~\x1b[20~\x1b[21~\x1b[23~\x1b[24~"),
    ["f5", "f6", "f7", "f8", "f9", "f10", "f11", "f12"],
  );
  assertEquals(decode("\x1b[11~\x1b[12~"), ["f1", "f2"]);
});

Deno.test("decoder: xterm modifier parameters (shift 2, alt 3, ctrl 5, ctrl+shift 6, meta counts as alt)", () => {
  assertEquals(decode("\x1b[1;2A\x1b[1;3B\x1b[1;5C\x1b[1;6D\x1b[1;9H"), [
    "shift+up",
    "alt+down",
    "ctrl+right",
    "ctrl+shift+left",
    "alt+home",
  ]);
  assertEquals(decode("\x1b[5;5~\x1b[3;2~\x1b[15;5~"), ["ctrl+pageup", "shift+delete", "ctrl+f5"]);
  assertEquals(decode("\x1b[1;5P"), ["ctrl+f1"]);
});

Deno.test("decoder: Tab and Shift+Tab", () => {
  assertEquals(decode("\t\x1b[Z"), ["tab", "shift+tab"]);
});

Deno.test("decoder: ESC before a key in the same chunk is an Alt chord", () => {
  assertEquals(decode("\x1bx\x1bX\x1b\x7f\x1b\r\x1b\x01\x1b日"), [
    "alt+x",
    "alt+X",
    "alt+backspace",
    "alt+enter",
    "ctrl+alt+a",
    "alt+日",
  ]);
});

Deno.test("decoder: kitty CSI u keys", () => {
  assertEquals(decode("\x1b[97;5u\x1b[13;2u\x1b[97;2u\x1b[27u"), [
    "ctrl+a",
    "shift+enter",
    "A",
    "escape",
  ]);
});

Deno.test("decoder: focus and mouse reports are not keys", () => {
  assertEquals(decode("\x1b[I\x1b[Oa\x1b[<0;3;4M"), ["a"]);
});

Deno.test("decoder timing: a lone ESC waits, then is Escape at the deadline (not before)", () => {
  const decoder = new InputDecoder({ escapeTimeoutMs: 50 });
  assertEquals(decoder.feed("\x1b", 100), []);
  assertEquals(decoder.deadline(), 150);
  assertEquals(decoder.flush(149), []);
  assertEquals(ids(decoder.flush(150)), ["escape"]);
  assertEquals(decoder.deadline(), null);
  assertEquals(decoder.flush(500), []);
});

Deno.test("decoder timing: the rest of a sequence arriving before the deadline completes it", () => {
  const decoder = new InputDecoder({ escapeTimeoutMs: 50 });
  assertEquals(decoder.feed("\x1b", 0), []);
  assertEquals(ids(decoder.feed("x", 49)), ["alt+x"]);
  assertEquals(decoder.feed("\x1b[", 100), []);
  assertEquals(decoder.feed("1;5", 110), []);
  assertEquals(decoder.deadline(), 160); // each arrival restarts the wait
  assertEquals(ids(decoder.feed("A", 120)), ["ctrl+up"]);
});

Deno.test("decoder timing: input after the deadline: ESC first, then the new key (not Alt)", () => {
  const decoder = new InputDecoder({ escapeTimeoutMs: 50 });
  decoder.feed("\x1b", 0);
  assertEquals(ids(decoder.feed("x", 60)), ["escape", "x"]);
});

Deno.test("decoder timing: an incomplete CSI that times out is Alt+[ followed by its text", () => {
  const decoder = new InputDecoder({ escapeTimeoutMs: 50 });
  assertEquals(decoder.feed("\x1b[1", 0), []);
  assertEquals(ids(decoder.flush(50)), ["alt+[", "1"]);
  assertEquals(decoder.feed("\x1bO", 100), []);
  assertEquals(ids(decoder.flush(150)), ["alt+O"]);
});

Deno.test("decoder: ESC ESC is Escape then whatever follows", () => {
  assertEquals(decode("\x1b\x1b[A"), ["escape", "up"]);
});

Deno.test("decoder: bracketed paste arrives whole, control bytes and newlines included", () => {
  assertEquals(decode("a\x1b[200~line 1\nline\t2\x1b[A\x1b[201~b"), [
    "a",
    "paste:line 1\nline\t2\x1b[A",
    "b",
  ]);
});

Deno.test("decoder: a paste split across chunks, even inside its end marker, never times out", () => {
  const decoder = new InputDecoder({ escapeTimeoutMs: 50 });
  assertEquals(decoder.feed("\x1b[200~hello ", 0), []);
  assertEquals(decoder.deadline(), null);
  assertEquals(decoder.feed("wor", 10), []);
  assertEquals(decoder.feed("ld\x1b[20", 20), []);
  assertEquals(decoder.flush(10_000), []);
  assertEquals(ids(decoder.feed("1~x", 10_001)), ["paste:hello world", "x"]);
});

Deno.test("decoder: a UTF-8 character split across chunks", () => {
  const decoder = new InputDecoder();
  const bytes = new TextEncoder().encode("日");
  assertEquals(decoder.feed(bytes.subarray(0, 1), 0), []);
  assertEquals(ids(decoder.feed(bytes.subarray(1), 1)), ["日"]);
});

Deno.test("keyId and isTextKey", () => {
  assertEquals(keyId(key("tab", { shift: true })), "shift+tab");
  assertEquals(keyId(key("x", { ctrl: true, alt: true, shift: true })), "ctrl+alt+shift+x");
  assertEquals(isTextKey(key("j")), true);
  assertEquals(isTextKey(key("space")), true);
  assertEquals(isTextKey(key("日")), true);
  assertEquals(isTextKey(key("up")), false);
  assertEquals(isTextKey(key("f5")), false);
  assertEquals(isTextKey(key("j", { ctrl: true })), false);
  assertEquals(isTextKey(key("j", { alt: true })), false);
});
