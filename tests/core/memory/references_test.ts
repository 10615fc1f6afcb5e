import { assertEquals } from "../../_helpers/assert.ts";
import { scanReferences } from "../../../core/memory/references.ts";
import { unreachableMemory } from "../../../core/memory/reach.ts";
import { memoryContext } from "../../../core/memory/context.ts";
import { makeSandbox } from "../../_helpers/sandbox.ts";
import { join } from "node:path";

Deno.test("imports are @paths; mentions are plain memory/ paths and sase memory read instructions", () => {
  const refs = scanReferences([
    "- @memory/a.md",
    "See memory/b.md and `memory/c.md`.",
    "Load @/home/me/AGENTS.md and @~/AGENTS.md; mail me@example.md is not one.",
    "Run `sase memory read d.md -r why` when needed.",
    "@memory/a.md again, memory/a.md mentioned too",
  ].join("\n"));
  assertEquals(refs.loads, ["memory/a.md", "/home/me/AGENTS.md", "~/AGENTS.md"]);
  assertEquals(refs.mentions, ["memory/b.md", "memory/c.md", "memory/d.md"]);
});

function reader(files: Record<string, string>) {
  return (rel: string) => Promise.resolve(files[rel] ?? null);
}

Deno.test("reachability follows @ and plain references transitively, and long-note parents", async () => {
  const files: Record<string, string> = {
    "AGENTS.md": "@memory/a.md\n",
    "memory/a.md": "---\ntype: short\n---\nsee memory/b.md\n",
    "memory/b.md": "---\ntype: long\ndescription: B\n---\nbody\n",
    "memory/child.md": "---\ntype: long\nparent: memory/b.md\ndescription: C\n---\n",
    "memory/orphan.md": "---\ntype: long\ndescription: O\n---\n",
    "memory/orphan_child.md": "---\ntype: long\nparent: memory/orphan.md\ndescription: OC\n---\n",
  };
  const all = Object.keys(files).filter((f) => f.startsWith("memory/")).sort();
  assertEquals(await unreachableMemory(all, reader(files)), [
    "memory/orphan.md",
    "memory/orphan_child.md",
  ]);
  // Without AGENTS.md nothing is reachable.
  const { "AGENTS.md": _, ...noAgents } = files;
  assertEquals((await unreachableMemory(all, reader(noAgents))).length, all.length);
});

Deno.test("the dashboard: loaded through @ (transitively), referenced, available, missing", async () => {
  await using sb = await makeSandbox();
  const project = sb.cwd;
  const write = async (rel: string, text: string) => {
    await Deno.mkdir(join(project, rel, ".."), { recursive: true });
    await Deno.writeTextFile(join(project, rel), text);
  };
  await write("AGENTS.md", "@memory/a.md\nsee memory/ref.md and memory/gone.md\n");
  await write("memory/a.md", "@memory/b.md\n");
  await write("memory/b.md", "12345678");
  await write("memory/ref.md", "r");
  await write("memory/spare.md", "s");
  await write("CLAUDE.md", "@AGENTS.md\n");
  const context = await memoryContext(project, sb.home, sb.env);
  const rows = context.entries.map((e) => [e.status, e.display, e.tokens]);
  assertEquals(rows, [
    [
      "loaded",
      "AGENTS.md",
      Math.ceil("@memory/a.md\nsee memory/ref.md and memory/gone.md\n".length / 4),
    ],
    ["loaded", "memory/a.md", Math.ceil("@memory/b.md\n".length / 4)],
    ["loaded", "memory/b.md", 2],
    ["referenced", "memory/ref.md", 1],
    ["available", "memory/spare.md", 1],
    ["missing", "memory/gone.md", null],
  ]);
  // The shim is an instruction root, not a traversal root (AGENTS.md is not loaded twice).
  assertEquals(context.roots, [join(project, "AGENTS.md"), join(project, "CLAUDE.md")]);
});
