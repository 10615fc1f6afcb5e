import { graphemes, textWidth } from "../../../tui/engine/width.ts";
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
