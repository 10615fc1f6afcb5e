import { assertEquals } from "../../_helpers/assert.ts";
import { findClosing, splitTopLevel } from "../../../core/xprompt/brackets.ts";
import { ARG_SYNTAX } from "../../../core/xprompt/args.ts";
import { ALT_BRACE_SYNTAX, ALT_SYNTAX } from "../../../core/xprompt/alt.ts";

Deno.test("argument lists: quotes, escapes and text blocks hide commas and parentheses", () => {
  const split = (text: string) => splitTopLevel(text, ",", ARG_SYNTAX);
  assertEquals(split(`a, "b, c", 'd)', e`), ["a", `"b, c"`, `'d)'`, "e"]);
  // A backslash-escaped quote does not end the quoted run.
  assertEquals(split(`"x\\", y", z`), [`"x\\", y"`, "z"]);
  assertEquals(split("t=[[one, (two]], u"), ["t=[[one, (two]]", "u"]);
  // Nested parentheses keep their commas; brackets and braces do not nest here.
  assertEquals(split("f(a, b), [c, d]"), ["f(a, b)", "[c", "d]"]);
  // Empty elements are kept, and every part is trimmed.
  assertEquals(split(" a ,, b ,"), ["a", "", "b", ""]);
  assertEquals(split(""), [""]);
  // An unterminated text block or quote hides the rest of the text.
  assertEquals(split("a, [[b, c"), ["a", "[[b, c"]);
  assertEquals(split(`a, "b, c`), ["a", `"b, c`]);
  // Backticks are plain text in argument lists.
  assertEquals(split("`a, b`"), ["`a", "b`"]);
});

Deno.test("argument lists: the closing parenthesis skips quotes, blocks and nesting", () => {
  const close = (text: string, start = 0) => findClosing(text, start, ARG_SYNTAX);
  assertEquals(close("(a(b)c)d"), 6);
  assertEquals(close("(a(b)c)d", 2), 4);
  assertEquals(close(`(")", ')')x`), 9);
  assertEquals(close(`("\\")")`), 6);
  assertEquals(close("([[)]])"), 6);
  // Not on an opening parenthesis, never closed, or closed only inside a block: -1.
  assertEquals(close("a(b)"), -1);
  assertEquals(close("{a}"), -1);
  assertEquals(close("(a(b)"), -1);
  assertEquals(close("([[)"), -1);
  assertEquals(close(`(")`), -1);
});

Deno.test("%alt bodies: backticks (without escapes) and every bracket kind hide separators", () => {
  const split = (text: string, separator: string) => splitTopLevel(text, separator, ALT_SYNTAX);
  assertEquals(split("a | `b | c` | d", "|"), ["a", "`b | c`", "d"]);
  // A backslash does not escape inside backticks: the second backtick ends the run.
  assertEquals(split("`a\\` | b", "|"), ["`a\\`", "b"]);
  assertEquals(split("#f(x | y) | [p | q] | {r | s} | t", "|"), [
    "#f(x | y)",
    "[p | q]",
    "{r | s}",
    "t",
  ]);
  assertEquals(split("[[x | y]] | z", "|"), ["[[x | y]]", "z"]);
  // Quotes are plain text in %alt bodies.
  assertEquals(split(`"a | b"`, "|"), [`"a`, `b"`]);
  assertEquals(split("a, b | c", ","), ["a", "b | c"]);
  assertEquals(split("a ||", "|"), ["a", "", ""]);
});

Deno.test("%{...}: only braces nest, backticks hide them, text blocks do not", () => {
  const close = (text: string) => findClosing(text, 0, ALT_BRACE_SYNTAX);
  assertEquals(close("{a | {b} | c}x"), 12);
  // An unbalanced parenthesis in a branch does not hide the closing brace.
  assertEquals(close("{a ( | b}"), 8);
  assertEquals(close("{a `}` | b}"), 10);
  assertEquals(close("{[[}]]"), 3);
  assertEquals(close("{a `}"), -1);
  assertEquals(close("(a)"), -1);
});
