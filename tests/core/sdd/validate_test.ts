import { assertEquals } from "../../_helpers/assert.ts";
import { validateSddFiles } from "../../../core/sdd/validate.ts";
import { planRepair } from "../../../core/sdd/repair.ts";
import type { FileProblem, SddFile } from "../../../core/sdd/scan.ts";
import { classifyPath, tierOf } from "../../../core/sdd/layout.ts";

const ROOT = "/p/sdd";

function file(
  relpath: string,
  frontmatter: Record<string, unknown> = {},
  problems: FileProblem[] = [],
): SddFile {
  const place = classifyPath(relpath)!;
  return {
    path: `${ROOT}/${relpath}`,
    relpath,
    ...place,
    frontmatter,
    tier: tierOf(place.kind, frontmatter),
    problems,
    warnings: [],
  };
}

Deno.test("link errors: missing target, wrong kind, wrong field, unreadable file", () => {
  const result = validateSddFiles(ROOT, [
    file("prompts/202605/a.md", { plan: "sdd/tales/202605/nope.md" }),
    file("prompts/202605/b.md", { plan: "sdd/prompts/202605/a.md" }),
    file("tales/202605/c.md", { plan: "sdd/prompts/202605/c.md" }),
    file("epics/202605/d.md", {}, [
      { code: "frontmatter-parse", message: "invalid YAML: x", line: 3 },
      { code: "frontmatter-parse", message: "invalid YAML: y", line: 5 },
    ]),
  ]);
  assertEquals(result.issues.map((i) => [i.severity, i.code, i.path, i.line]), [
    ["error", "link-missing-target", "prompts/202605/a.md", undefined],
    ["error", "link-kind", "prompts/202605/b.md", undefined],
    ["error", "link-kind", "tales/202605/c.md", undefined],
    // Every problem of a bad file is reported, each on its line.
    ["error", "frontmatter-parse", "epics/202605/d.md", 3],
    ["error", "frontmatter-parse", "epics/202605/d.md", 5],
  ]);
  assertEquals(result.ok, false);
});

Deno.test("plans/ tiers: the newer layout's tier decides; missing is a legacy warning; unknown is an error", () => {
  const result = validateSddFiles(ROOT, [
    // The newer layout: plans/<YYYYMM>/ with `tier:`, prompts under plans/<YYYYMM>/prompts/.
    file("plans/202607/a.md", { tier: "epic", prompt: "sdd/plans/202607/prompts/a.md" }),
    file("plans/202607/prompts/a.md", { plan: "sdd/plans/202607/a.md" }),
    file("plans/202607/b.md", { tier: " Tale ", prompt: ".sase/sdd/plans/202607/prompts/b.md" }),
    file("plans/202607/prompts/b.md", { plan: ".sase/sdd/plans/202607/b.md" }),
    file("plans/202603/legacy.md", { status: "done" }),
    file("plans/202607/story.md", { tier: "story" }),
    file("plans/202607/listed.md", { tier: ["epic"] }),
    file("epics/202605/e.md", { tier: "tale" }),
  ]);
  assertEquals(result.issues.map((i) => [i.severity, i.code, i.path]), [
    ["warning", "plan-tier-missing", "plans/202603/legacy.md"],
    ["error", "plan-tier", "plans/202607/story.md"],
    ["error", "plan-tier", "plans/202607/listed.md"],
    ["warning", "plan-tier-mismatch", "epics/202605/e.md"],
    ["warning", "unpaired-file", "plans/202603/legacy.md"],
    ["warning", "unpaired-file", "plans/202607/story.md"],
    ["warning", "unpaired-file", "plans/202607/listed.md"],
    ["warning", "unpaired-file", "epics/202605/e.md"],
  ]);
  assertEquals(
    result.issues.find((i) => i.path === "plans/202607/story.md")?.message,
    "`tier: story` names no plan tier; expected one of tale, epic, legend",
  );
  assertEquals(
    result.issues.find((i) => i.path === "plans/202607/listed.md")?.message,
    '`tier: ["epic"]` names no plan tier; expected one of tale, epic, legend',
  );
  assertEquals(result.errorCount, 2);
  assertEquals(
    validateSddFiles(ROOT, [file("plans/202603/legacy.md")], { strict: true }).ok,
    false,
  );
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

Deno.test("repair never overwrites an existing different link, nor touches an unreadable file", () => {
  const conflict = planRepair(ROOT, "sdd/", [
    file("prompts/202605/z.md", { plan: "sdd/tales/202605/other.md" }),
    file("tales/202605/z.md"),
    file("tales/202605/other.md"),
  ]);
  assertEquals(conflict.fixes, []);
  assertEquals(conflict.issues.map((i) => i.code), ["link-conflict"]);
  const unreadable = planRepair(ROOT, "sdd/", [
    file("prompts/202605/w.md"),
    file("tales/202605/w.md", {}, [{
      code: "not-utf8",
      message: "not valid UTF-8 (first bad byte at offset 9)",
    }]),
  ]);
  assertEquals(unreadable.fixes, []);
  assertEquals(unreadable.issues.map((i) => [i.severity, i.code, i.path, i.message]), [[
    "error",
    "not-utf8",
    "tales/202605/w.md",
    "skipped: not valid UTF-8 (first bad byte at offset 9)",
  ]]);
});
