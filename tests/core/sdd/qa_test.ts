import { assertEquals } from "../../_helpers/assert.ts";
import { applyQa, extractQa } from "../../../core/sdd/qa.ts";
import { snapshotBody } from "../../../core/sdd/snapshot.ts";

Deno.test("Q&A rounds merge into one wrapped section with monotonic numbering", () => {
  const first = applyQa("Plan the parser.", [{
    items: [{ question: "Which format?", answer: "JSON" }, {
      question: "Streaming?",
      answer: "No",
    }],
    note: "keep it small",
  }]);
  const second = applyQa(first, [{ items: [{ question: "Tests?", answer: "Yes" }], note: "" }]);
  assertEquals(
    second,
    [
      "Plan the parser.",
      "",
      "%xprompts_enabled:false",
      "### Questions and Answers",
      "",
      "**Q1:** Which format?",
      "**A1:** JSON",
      "",
      "**Q2:** Streaming?",
      "**A2:** No",
      "",
      "**Q3:** Tests?",
      "**A3:** Yes",
      "",
      "**Note:** keep it small",
      "",
      "%xprompts_enabled:true",
      "",
    ].join("\n"),
  );
  const third = applyQa(second, [{ items: [], note: "ship it" }]);
  assertEquals(third.split("%xprompts_enabled:false").length, 2);
  assertEquals(extractQa(third).rounds.flatMap((r) => r.items).length, 3);
  assertEquals(/\*\*Note:\*\* (.*)/.exec(third)?.[1], "ship it");
});

Deno.test("legacy duplicate Q&A blocks are stripped before re-emitting", () => {
  const legacy = "Do it.\n\n### Questions and Answers\n\n**Q1:** A?\n**A1:** yes\n\n" +
    "### Questions and Answers\n\n**Q1:** B?\n**A1:** no\n";
  const merged = applyQa(legacy, []);
  assertEquals(merged.split("### Questions and Answers").length, 2);
  assertEquals(merged.includes("**Q2:** B?"), true);
});

Deno.test("snapshot bodies drop directives and keep fenced code", () => {
  const body = snapshotBody("%model:opus %name:p\nBuild it.\n```\n%model:kept\n```\n");
  assertEquals(body, "Build it.\n```\n%model:kept\n```\n");
});
