import { assertEquals } from "../../_helpers/assert.ts";
import { neutralizeControls } from "../../../core/text/control_chars.ts";

Deno.test("neutralizeControls: OSC title and clipboard sequences become inert caret text", () => {
  assertEquals(
    neutralizeControls("a\x1b]0;pwned\x07b\x1b]52;c;aGk=\x1b\\c"),
    "a^[]0;pwned^Gb^[]52;c;aGk=^[\\c",
  );
});

Deno.test("neutralizeControls: CSI colour, DEL, C1 CSI and bidi overrides are visible", () => {
  assertEquals(neutralizeControls("\x1b[31mred\x7f"), "^[[31mred^?");
  assertEquals(neutralizeControls("x\u009b2Jy"), "x<U+009B>2Jy");
  assertEquals(neutralizeControls("abc\u202Efed"), "abc<U+202E>fed");
  assertEquals(neutralizeControls("\u2066i\u2069"), "<U+2066>i<U+2069>");
});

Deno.test("neutralizeControls: layout kept by default, CRLF folds to LF, a lone CR is shown", () => {
  assertEquals(neutralizeControls("one\ttwo\r\nthree\n"), "one\ttwo\nthree\n");
  assertEquals(neutralizeControls("safe\rEVIL"), "safe^MEVIL");
  assertEquals(neutralizeControls("a\nb\tc\r\n", { keepLayout: false }), "a^Jb^Ic^M^J");
});

Deno.test("neutralizeControls: printable text, including non-ASCII, is unchanged", () => {
  const text = "Größe 東京 🚀 — ok ~ [x] {y}";
  assertEquals(neutralizeControls(text), text);
  assertEquals(neutralizeControls(""), "");
});
