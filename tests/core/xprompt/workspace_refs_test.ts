import { assertEquals } from "../../_helpers/assert.ts";
import { findEmptyWorkspaceRef, findWorkspaceRefs } from "../../../core/xprompt/workspace_refs.ts";

Deno.test("findEmptyWorkspaceRef: a reference with nothing after it, of every kind", () => {
  assertEquals(findEmptyWorkspaceRef("#cd: summarize"), "#cd:");
  assertEquals(findEmptyWorkspaceRef("summarize #cd:"), "#cd:");
  assertEquals(findEmptyWorkspaceRef("#cd:\nsummarize"), "#cd:");
  assertEquals(findEmptyWorkspaceRef("#cd() summarize"), "#cd()");
  assertEquals(findEmptyWorkspaceRef("#cd(  ) summarize"), "#cd(  )");
  assertEquals(findEmptyWorkspaceRef("(#git:) x"), "#git:");
  assertEquals(findEmptyWorkspaceRef("#gh: x"), "#gh:");
  assertEquals(findEmptyWorkspaceRef("#hg!!: x"), "#hg!!:");
});

Deno.test("findEmptyWorkspaceRef: named references, code and other words are not empty refs", () => {
  assertEquals(findEmptyWorkspaceRef("#cd:/tmp/x summarize"), undefined);
  assertEquals(findEmptyWorkspaceRef("#cd(/tmp/my project) x"), undefined);
  assertEquals(findEmptyWorkspaceRef("#cd:. x"), undefined);
  assertEquals(findEmptyWorkspaceRef("explain `#cd:` to me"), undefined);
  assertEquals(findEmptyWorkspaceRef("```\n#cd:\n```\nx"), undefined);
  assertEquals(findEmptyWorkspaceRef("C#cd: no"), undefined);
  assertEquals(findEmptyWorkspaceRef("#cdx: y"), undefined);
  assertEquals(findEmptyWorkspaceRef("no references"), undefined);
});

Deno.test("findWorkspaceRefs: trailing punctuation is dropped unless it is the whole reference", () => {
  assertEquals(findWorkspaceRefs("work in #cd:/src/app.")[0].ref, "/src/app");
  assertEquals(findWorkspaceRefs("#cd:. look")[0].ref, ".");
  assertEquals(findWorkspaceRefs("#cd:.. look")[0].ref, "..");
  assertEquals(findWorkspaceRefs("#cd:../up, then")[0].ref, "../up");
});
