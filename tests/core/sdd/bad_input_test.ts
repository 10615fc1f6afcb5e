/**
 * One bad SDD file is reported, naming the file (and line where there is
 * one), and the rest of the tree is still validated: invalid YAML, deep
 * nesting, an alias bomb, an unknown alias, a directory named like a
 * document, a dangling symlink, non-UTF-8 bytes and a huge file, on disk.
 */

import { join } from "node:path";
import { assert, assertEquals } from "../../_helpers/assert.ts";
import { validateTree } from "../../../core/sdd/tree.ts";
import { listSdd } from "../../../core/sdd/tree.ts";

async function write(root: string, relpath: string, content: string | Uint8Array): Promise<void> {
  const path = join(root, relpath);
  await Deno.mkdir(join(path, ".."), { recursive: true });
  if (typeof content === "string") await Deno.writeTextFile(path, content);
  else await Deno.writeFile(path, content);
}

const SPECIAL = "is not a regular file (a FIFO, socket or device)";

/** `promise`, or a failure once `ms` pass (a regression must fail the test, not hang it). */
async function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function aliasBomb(): string {
  let yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  let previous = "a";
  for (let level = 0; level < 9; level++) {
    const name = `b${level}`;
    yaml += `${name}: &${name} [${Array(10).fill(`*${previous}`).join(", ")}]\n`;
    previous = name;
  }
  return `---\n${yaml}---\n# Bomb\n`;
}

Deno.test("every kind of bad file is reported by name and line; the good pair still validates", async () => {
  const root = await Deno.makeTempDir({ prefix: "sase-sdd-bad-" });
  try {
    await write(
      root,
      "prompts/202605/good.md",
      "---\nplan: sdd/tales/202605/good.md\n---\nGood.\n",
    );
    await write(
      root,
      "tales/202605/good.md",
      "---\ntier: tale\nprompt: sdd/prompts/202605/good.md\n---\n# Good\n",
    );
    await write(
      root,
      "tales/202605/yaml.md",
      "---\ntier: tale\ntitle: [open\nprompt: {\n---\n# Y\n",
    );
    await write(
      root,
      "tales/202605/deep.md",
      `---\nx: ${"[".repeat(5000)}${"]".repeat(5000)}\n---\n# D\n`,
    );
    await write(root, "tales/202605/bomb.md", aliasBomb());
    await write(root, "tales/202605/alias.md", "---\ntier: tale\n\nprompt: *nowhere\n---\n# A\n");
    await write(
      root,
      "tales/202605/latin1.md",
      new Uint8Array([...new TextEncoder().encode("---\ntier: tale\n---\ncaf"), 0xe9, 0x0a]),
    );
    await Deno.mkdir(join(root, "tales/202605/folder.md"), { recursive: true });
    await Deno.symlink(join(root, "nowhere.md"), join(root, "tales/202605/dangling.md"));
    // Sparse: 65 MiB on paper, nothing on disk.
    const huge = await Deno.open(join(root, "tales/202605/huge.md"), { write: true, create: true });
    await huge.truncate(65 * 1024 * 1024);
    huge.close();

    // A FIFO waits for a writer when opened: reading it would hang the scan.
    const fifo = join(root, "tales/202605/fifo.md");
    const made = await new Deno.Command("mkfifo", { args: [fifo] }).output();
    assert(made.success, "mkfifo is needed for this test");
    await Deno.symlink(fifo, join(root, "tales/202605/to_fifo.md"));

    const result = await withDeadline(validateTree(root), 60_000);
    const issues = result.issues.map((i) => [i.code, i.path, i.line ?? null, i.message]);
    assertEquals(issues, [
      [
        "frontmatter-parse",
        "tales/202605/alias.md",
        4,
        "unknown alias '*nowhere' (no anchor '&nowhere' before it)",
      ],
      [
        "frontmatter-parse",
        "tales/202605/bomb.md",
        3,
        "aliases expand to too many values (more than 1000); refusing what looks like a YAML alias bomb",
      ],
      [
        "file-unreadable",
        "tales/202605/dangling.md",
        null,
        "cannot be read: it does not exist (a dangling symlink?)",
      ],
      [
        "frontmatter-parse",
        "tales/202605/deep.md",
        2,
        "lists and mappings nest deeper than 100 levels",
      ],
      ["file-unreadable", "tales/202605/fifo.md", null, SPECIAL],
      ["file-unreadable", "tales/202605/folder.md", null, "is a directory, not a markdown file"],
      [
        "file-unreadable",
        "tales/202605/huge.md",
        null,
        "larger than 64 MiB, the most sase reads from an SDD document",
      ],
      ["not-utf8", "tales/202605/latin1.md", null, "not valid UTF-8 (first bad byte at offset 22)"],
      ["file-unreadable", "tales/202605/to_fifo.md", null, SPECIAL],
      [
        "frontmatter-parse",
        "tales/202605/yaml.md",
        4,
        "invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]",
      ],
      [
        "frontmatter-parse",
        "tales/202605/yaml.md",
        5,
        "invalid YAML: Flow map in block collection must be sufficiently indented and end with a }",
      ],
    ]);
    // Twelve files were looked at; each bad one is an error, and the good pair passes.
    assertEquals([result.fileCount, result.errorCount, result.warningCount], [12, 11, 0]);
    assert(!JSON.stringify(result).includes("call stack"), "no stack-overflow text leaks");
    // Listing works on the same tree.
    assertEquals((await listSdd(root, "prompts")).map((row) => row.path), [
      "prompts/202605/good.md",
    ]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
