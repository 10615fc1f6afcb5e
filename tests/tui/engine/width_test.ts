import { graphemes, textWidth, truncate } from "../../../tui/engine/width.ts";
import { assertEquals } from "../../_helpers/assert.ts";

Deno.test("textWidth: CJK and emoji take two cells, combining marks none", () => {
  assertEquals(textWidth("abc"), 3);
  assertEquals(textWidth("日本語"), 6);
  assertEquals(textWidth("👍"), 2);
  assertEquals(textWidth("👍🏽"), 2); // skin-tone modifier joins the cluster
  assertEquals(textWidth("👨‍👩‍👧"), 2); // ZWJ family: one cluster
  assertEquals(textWidth("🇯🇵"), 2); // a flag: two regional indicators, one cluster
  assertEquals(textWidth("e\u0301"), 1); // e + combining acute
  assertEquals(textWidth("ａ"), 2); // fullwidth latin
  assertEquals(textWidth("a日b"), 4);
  assertEquals(textWidth(""), 0);
});

Deno.test("graphemes: clusters, not code points", () => {
  assertEquals([...graphemes("a👨‍👩‍👧e\u0301")], ["a", "👨‍👩‍👧", "e\u0301"]);
});

Deno.test("truncate: cuts to the width with an ellipsis, never splitting a wide character", () => {
  assertEquals(truncate("hello", 5), "hello");
  assertEquals(truncate("hello world", 5), "hell…");
  assertEquals(truncate("日本語テキスト", 6), "日本…"); // 4 + 1 = 5 cells; a third 日 would make 7
  assertEquals(textWidth(truncate("日本語テキスト", 6)), 5);
  assertEquals(truncate("abc", 0), "");
  assertEquals(truncate("abcdef", 1), "…");
  assertEquals(truncate("abcdef", 3, ""), "abc");
});
