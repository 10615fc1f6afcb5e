import { assertEquals } from "../../_helpers/assert.ts";
import { takeEditDirective } from "../../../core/xprompt/edit_directive.ts";

Deno.test("%edit: found and stripped in its long and short forms, on its own line or inline", () => {
  assertEquals(takeEditDirective("%edit\nfix the parser"), { edit: true, text: "fix the parser" });
  assertEquals(takeEditDirective("fix %e the parser"), { edit: true, text: "fix the parser" });
  assertEquals(takeEditDirective("%m:opus %edit fix it"), { edit: true, text: "%m:opus fix it" });
});

Deno.test("%edit: absent, inside fenced code, or part of a word is not the directive", () => {
  assertEquals(takeEditDirective("fix the parser"), { edit: false, text: "fix the parser" });
  const fenced = "look:\n```\n%edit\n```\n";
  assertEquals(takeEditDirective(fenced), { edit: false, text: fenced });
  assertEquals(takeEditDirective("a%edit b"), { edit: false, text: "a%edit b" });
  assertEquals(takeEditDirective("%editor b"), { edit: false, text: "%editor b" });
  // A fence is kept while a directive outside it is stripped.
  assertEquals(takeEditDirective("%e\n```\n%e\n```"), { edit: true, text: "```\n%e\n```" });
});
