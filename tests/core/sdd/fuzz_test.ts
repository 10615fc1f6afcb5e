/**
 * Seeded fuzzing of SDD frontmatter: a few hundred mutations of real plan
 * and prompt shapes go through the tree validator, the plan validator and
 * link repair on disk. No input may throw, leak an internal error text, or
 * get rewritten when it could not be read exactly.
 */

import { join } from "node:path";
import { assert, assertEquals } from "../../_helpers/assert.ts";
import { validateTree } from "../../../core/sdd/tree.ts";
import { scanSddTree } from "../../../core/sdd/scan.ts";
import { applyRepair, planRepair } from "../../../core/sdd/repair.ts";
import { validatePlan } from "../../../core/sdd/plan_validate.ts";
import { SDD_TIERS } from "../../../core/sdd/layout.ts";

/** mulberry32: a small deterministic generator, so a failure replays exactly. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEEDS = [
  "---\ncreate_time: 2026-04-13 23:57:37\nstatus: done\n---\n\n# Plan: x\n\nSteps.\n",
  "---\ntier: epic\ntitle: T\nphases:\n  - id: a\n    title: A\n    depends_on: []\n    size: small\n---\n# E\n",
  "---\nplan: sdd/tales/202605/f.md\n---\nBuild it.\n",
  "---\ntier: legend\nepic_count: 3\nlegend_bead_id: sase-23\n---\n# L\n",
  "# Plain plan\n\nNo frontmatter.\n",
];

const FRAGMENTS = [
  "\n",
  "---\n",
  ": ",
  "- ",
  "[",
  "]",
  "{",
  "}",
  "&a ",
  "*a",
  "*zz",
  "!!binary ",
  "'",
  '"',
  "\t",
  "#",
  "\u001b]0;x\u0007",
  "\uFEFF",
  "\r\n",
  "? ",
  "|\n  ",
  "%YAML 1.2\n",
  "[".repeat(300),
  "a: &b [*b]\n",
];

const ERROR_TEXTS = ["call stack", "is not a function", "undefined", "Cannot read properties"];

function mutate(text: string, random: () => number): string | Uint8Array {
  let out = text;
  const edits = 1 + Math.floor(random() * 4);
  for (let edit = 0; edit < edits; edit++) {
    const at = Math.floor(random() * (out.length + 1));
    const choice = random();
    if (choice < 0.5) {
      out = out.slice(0, at) + FRAGMENTS[Math.floor(random() * FRAGMENTS.length)] + out.slice(at);
    } else if (choice < 0.8) {
      out = out.slice(0, at) + out.slice(at + 1 + Math.floor(random() * 8));
    } else {
      out = out.slice(0, at) + out.slice(at).split("\n").reverse().join("\n");
    }
  }
  if (random() < 0.1) {
    // Invalid UTF-8: a lone continuation byte somewhere.
    const bytes = new TextEncoder().encode(out);
    const at = Math.floor(random() * (bytes.length + 1));
    return new Uint8Array([...bytes.slice(0, at), 0x80, ...bytes.slice(at)]);
  }
  return out;
}

Deno.test("fuzzed frontmatter: no throw, no internal error text, nothing unreadable rewritten", async () => {
  const random = generator(0x5a5e13);
  const root = await Deno.makeTempDir({ prefix: "sase-sdd-fuzz-" });
  try {
    const written = new Map<string, Uint8Array>();
    for (let index = 0; index < 300; index++) {
      const content = mutate(SEEDS[index % SEEDS.length], random);
      const text = typeof content === "string" ? content : null;
      if (text !== null) {
        for (const tier of SDD_TIERS) {
          const result = validatePlan(text, tier);
          assertEquals(result.ok, result.diagnostics.every((d) => d.severity !== "error"));
          const messages = JSON.stringify(result.diagnostics);
          for (const bad of ERROR_TEXTS) {
            assert(!messages.includes(bad), `case ${index}: ${messages}`);
          }
        }
      }
      // Pair each case with a same-name prompt so repair has something to try.
      const bucket = `2026${String((index % 12) + 1).padStart(2, "0")}`;
      const plan = join(root, "tales", bucket, `case${index}.md`);
      await Deno.mkdir(join(plan, ".."), { recursive: true });
      const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
      await Deno.writeFile(plan, bytes);
      written.set(plan, bytes);
      await Deno.mkdir(join(root, "prompts", bucket), { recursive: true });
      await Deno.writeTextFile(join(root, "prompts", bucket, `case${index}.md`), "Prompt.\n");
    }
    const result = await validateTree(root);
    assertEquals(result.fileCount, 600);
    const report = JSON.stringify(result.issues);
    for (const bad of ERROR_TEXTS) assert(!report.includes(bad), report.slice(0, 2000));
    const files = await scanSddTree(root);
    const unreadable = new Set(
      files.filter((file) => file.problems.length > 0).map((file) => file.path),
    );
    assert(unreadable.size > 0, "the fuzzer produced unreadable files");
    const repair = planRepair(root, "sdd/", files);
    await applyRepair(root, repair.fixes);
    for (const path of unreadable) {
      assertEquals(await Deno.readFile(path), written.get(path), `${path} was rewritten`);
    }
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
