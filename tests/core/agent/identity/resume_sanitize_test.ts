import { assertEquals } from "../../../_helpers/assert.ts";
import { sanitizeResumePrompt } from "../../../../core/agent/identity/resume_sanitize.ts";

Deno.test("directives, xprompt/workspace/fork references and jinja markers are stripped", () => {
  const prompt = [
    "%name:impl %wait:design",
    "%model:opus",
    "#git:sase #fork:design Implement the approved part only.",
    "Follow #plan and then #!sync for the %group:review tag.",
    "Use {{ plan_file }} as the plan {% if strict %}strictly{% endif %}{# note #}.",
  ].join("\n");
  assertEquals(
    sanitizeResumePrompt(prompt),
    [
      "Implement the approved part only.",
      "Follow and then for the tag.",
      "Use as the plan strictly.",
    ].join("\n"),
  );
});

Deno.test("fenced code and real headings survive; disabled-region markers go", () => {
  const prompt = [
    "# Goal",
    "",
    "## Details %n:x",
    "",
    "```ts",
    "const tag = '#fork:keep %wait:keep {{ keep }}';",
    "```",
    "%xprompts_enabled:false",
    "Literal text",
    "%xprompts_enabled:true",
    "Done.",
  ].join("\n");
  assertEquals(
    sanitizeResumePrompt(prompt),
    [
      "# Goal",
      "",
      "## Details",
      "",
      "```ts",
      "const tag = '#fork:keep %wait:keep {{ keep }}';",
      "```",
      "Literal text",
      "Done.",
    ].join("\n"),
  );
});

Deno.test("plain prose, issue numbers and C# are untouched; blank runs collapse", () => {
  assertEquals(
    sanitizeResumePrompt("Fix bug #123 in the C# client."),
    "Fix bug #123 in the C# client.",
  );
  assertEquals(sanitizeResumePrompt("A\n\n%hide\n\n\nB"), "A\n\nB");
  assertEquals(sanitizeResumePrompt("A\n{% if x %}\nB\n{% endif %}"), "A\nB");
  assertEquals(sanitizeResumePrompt(""), "");
});
