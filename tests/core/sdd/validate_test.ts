import { assertEquals } from "../../_helpers/assert.ts";
import { validateSddFiles } from "../../../core/sdd/validate.ts";
import { planRepair } from "../../../core/sdd/repair.ts";
import type { SddFile } from "../../../core/sdd/scan.ts";
import { classifyPath } from "../../../core/sdd/layout.ts";
import { parseFrontmatter, setFrontmatterFields } from "../../../core/sdd/frontmatter.ts";

const ROOT = "/p/sdd";

function file(relpath: string, frontmatter: Record<string, unknown> = {}): SddFile {
  const place = classifyPath(relpath)!;
  return { path: `${ROOT}/${relpath}`, relpath, ...place, frontmatter };
}

Deno.test("link errors: missing target, wrong kind, wrong field, legacy plan tier", () => {
  const result = validateSddFiles(ROOT, [
    file("prompts/202605/a.md", { plan: "sdd/tales/202605/nope.md" }),
    file("prompts/202605/b.md", { plan: "sdd/prompts/202605/a.md" }),
    file("tales/202605/c.md", { plan: "sdd/prompts/202605/c.md" }),
    file("plans/202607/missing.md", {}),
    { ...file("epics/202605/d.md"), parseError: { message: "invalid YAML: x", line: 3 } },
  ]);
  assertEquals(result.issues.map((i) => [i.severity, i.code, i.path]), [
    ["error", "link-missing-target", "prompts/202605/a.md"],
    ["error", "link-kind", "prompts/202605/b.md"],
    ["error", "link-kind", "tales/202605/c.md"],
    ["error", "plan-tier", "plans/202607/missing.md"],
    ["error", "frontmatter-parse", "epics/202605/d.md"],
    ["warning", "unpaired-file", "plans/202607/missing.md"],
  ]);
  assertEquals(result.ok, false);
});

Deno.test("flat, legacy specs/ and plans/ layouts resolve; ambiguity is a warning", () => {
  const result = validateSddFiles(ROOT, [
    file("specs/x.md", { plan: "plans/202607/x.md" }),
    file("plans/202607/x.md", { tier: "tale", prompt: "specs/x.md" }),
    file("prompts/202605/y.md"),
    file("tales/202605/y.md"),
    file("epics/202605/y.md"),
  ]);
  assertEquals(result.issues.map((i) => i.code), [
    "ambiguous-counterpart",
    "unpaired-file",
    "unpaired-file",
  ]);
  assertEquals(result.ok, true);
  const repair = planRepair(ROOT, "sdd/", [
    file("prompts/202605/y.md"),
    file("tales/202605/y.md"),
    file("epics/202605/y.md"),
  ]);
  assertEquals(repair.fixes, []);
  assertEquals(repair.issues[0].code, "ambiguous-counterpart");
});

Deno.test("repair never overwrites an existing different link", () => {
  const repair = planRepair(ROOT, "sdd/", [
    file("prompts/202605/z.md", { plan: "sdd/tales/202605/other.md" }),
    file("tales/202605/z.md"),
    file("tales/202605/other.md"),
  ]);
  assertEquals(repair.fixes, []);
  assertEquals(repair.issues.map((i) => i.code), ["link-conflict"]);
});

Deno.test("frontmatter edits keep comments and the body", () => {
  const text = "---\n# why\ntier: tale # inline\n---\n# Body\n";
  const edited = setFrontmatterFields(text, { prompt: "sdd/prompts/202605/a.md" });
  assertEquals(
    edited,
    "---\n# why\ntier: tale # inline\nprompt: sdd/prompts/202605/a.md\n---\n# Body\n",
  );
  const bad = parseFrontmatter("---\nplan: [x\n---\nbody\n");
  assertEquals(bad.ok ? 0 : bad.line > 1, true);
});
