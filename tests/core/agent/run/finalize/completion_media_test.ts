import { join } from "node:path";
import { assert, assertEquals, assertStringIncludes } from "../../../../_helpers/assert.ts";
import { git, makeGitRepo } from "../../../../_helpers/git.ts";
import { makeSandbox, type Sandbox } from "../../../../_helpers/sandbox.ts";
import {
  collectCompletionMedia,
  parseNameStatusZ,
} from "../../../../../core/agent/run/finalize/completion_media.ts";

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

/** A bin directory holding only the given fake tools. */
async function fakeBin(sandbox: Sandbox, tools: Record<string, string>): Promise<string> {
  const bin = join(sandbox.root, "bin");
  await Deno.mkdir(bin, { recursive: true });
  for (const [name, script] of Object.entries(tools)) {
    await Deno.writeTextFile(join(bin, name), `#!/bin/sh\n${script}\n`, { mode: 0o755 });
  }
  return bin;
}

/** A pandoc that logs its arguments and writes a tiny PDF to `-o`. */
function fakePandoc(log: string): string {
  return [
    `for a in "$@"; do printf '%s\\n' "$a"; done >> '${log}'`,
    'while [ $# -gt 0 ]; do if [ "$1" = "-o" ]; then out="$2"; fi; shift; done',
    "printf '%%PDF-1.4 fake\\n' > \"$out\"",
  ].join("\n");
}

async function workspace(sandbox: Sandbox) {
  const repo = await makeGitRepo(join(sandbox.root, "ws"), sandbox.env, {
    "README.md": "# readme\n",
    "img/modified.png": "old",
    "gone.png": "x",
    "old.gif": "gif",
    "notes.txt": "plain",
  });
  const base = (await git(repo, sandbox.env, "rev-parse", "HEAD")).trim();
  await Deno.mkdir(join(repo, "docs"));
  await Deno.writeFile(join(repo, "img/committed.png"), PNG);
  await Deno.writeTextFile(join(repo, "docs/committed.md"), "# committed\n");
  await git(repo, sandbox.env, "add", "-A");
  await git(repo, sandbox.env, "commit", "-q", "-m", "agent commit");
  await Deno.writeFile(join(repo, "img/modified.png"), PNG);
  await Deno.writeTextFile(join(repo, "README.md"), "# changed\n");
  await Deno.remove(join(repo, "gone.png"));
  await git(repo, sandbox.env, "mv", "old.gif", "new.gif");
  await Deno.writeFile(join(repo, "shot.png"), PNG);
  await Deno.writeTextFile(join(repo, "notes.txt"), "changed but unsupported");
  const artifacts = join(sandbox.root, "artifacts");
  await Deno.mkdir(artifacts);
  return { repo: await Deno.realPath(repo), base, artifacts: await Deno.realPath(artifacts) };
}

Deno.test("parseNameStatusZ keeps existing paths and the new side of renames", () => {
  const output = "M\0a.png\0D\0gone.png\0R087\0old.gif\0new.gif\0A\0b.md\0T\0c.md\0";
  assertEquals(parseNameStatusZ(output), ["a.png", "new.gif", "b.md", "c.md"]);
  assertEquals(parseNameStatusZ(""), []);
});

Deno.test("changed images and Markdown are found in order; deletions ignored; no pandoc noted", async () => {
  await using sandbox = await makeSandbox();
  const { repo, base, artifacts } = await workspace(sandbox);
  const bin = await fakeBin(sandbox, {});
  const media = await collectCompletionMedia({
    workspaceDir: repo,
    artifactsDir: artifacts,
    baseRevision: base,
    env: { ...sandbox.env, PATH: bin },
  });
  assertEquals(media.image_paths, [
    join(repo, "img/modified.png"),
    join(repo, "new.gif"),
    join(repo, "shot.png"),
    join(repo, "img/committed.png"),
  ]);
  assertEquals(media.markdown_pdf_paths, []);
  assertEquals(media.notes, ["Markdown PDFs not rendered: pandoc was not found on PATH."]);

  const index = JSON.parse(await Deno.readTextFile(join(artifacts, "images/index.json")));
  assertEquals(index.map((entry: { source_path: string }) => entry.source_path), media.image_paths);
  const copy = join(artifacts, "images", "img__modified.png");
  assertEquals(await Deno.readFile(copy), PNG);
  assert(await exists(join(artifacts, "images", "shot.png")));
});

Deno.test("without a base revision only uncommitted and untracked files count", async () => {
  await using sandbox = await makeSandbox();
  const { repo, artifacts } = await workspace(sandbox);
  const media = await collectCompletionMedia({
    workspaceDir: join(repo, "img"),
    artifactsDir: artifacts,
    env: { ...sandbox.env, PATH: await fakeBin(sandbox, {}) },
  });
  assertEquals(media.image_paths, [
    join(repo, "img/modified.png"),
    join(repo, "new.gif"),
    join(repo, "shot.png"),
  ]);
});

Deno.test("Markdown is rendered to PDFs with pandoc and a PDF engine", async () => {
  await using sandbox = await makeSandbox();
  const { repo, base, artifacts } = await workspace(sandbox);
  const log = join(sandbox.root, "pandoc.log");
  const bin = await fakeBin(sandbox, { pandoc: fakePandoc(log), xelatex: "exit 1" });
  const media = await collectCompletionMedia({
    workspaceDir: repo,
    artifactsDir: artifacts,
    baseRevision: base,
    env: { ...sandbox.env, PATH: bin },
  });
  const pdfs = [
    join(artifacts, "markdown_pdfs", "README.md.pdf"),
    join(artifacts, "markdown_pdfs", "docs__committed.md.pdf"),
  ];
  assertEquals(media.markdown_pdf_paths, pdfs);
  assertEquals(media.notes, []);
  assertStringIncludes(await Deno.readTextFile(pdfs[0]), "%PDF-1.4");
  const args = await Deno.readTextFile(log);
  assertStringIncludes(args, "--pdf-engine=xelatex\n");
  assertStringIncludes(args, `${join(repo, "docs/committed.md")}\n`);
  const index = JSON.parse(await Deno.readTextFile(join(artifacts, "markdown_pdfs/index.json")));
  assertEquals(index[1], { source_path: join(repo, "docs/committed.md"), pdf_path: pdfs[1] });
});

Deno.test("a failing pandoc omits the PDF with a note and never throws", async () => {
  await using sandbox = await makeSandbox();
  const { repo, artifacts } = await workspace(sandbox);
  const bin = await fakeBin(sandbox, {
    pandoc: "printf 'Error producing PDF.\\n' >&2; exit 43",
    wkhtmltopdf: "exit 0",
  });
  const media = await collectCompletionMedia({
    workspaceDir: repo,
    artifactsDir: artifacts,
    env: { ...sandbox.env, PATH: bin },
  });
  assertEquals(media.markdown_pdf_paths, []);
  assertEquals(media.notes, ["Could not render README.md to PDF: Error producing PDF."]);
  assert(!await exists(join(artifacts, "markdown_pdfs/index.json")));
});

Deno.test("more than 10 Markdown sources skips rendering with a note", async () => {
  await using sandbox = await makeSandbox();
  const repo = await makeGitRepo(join(sandbox.root, "ws"), sandbox.env);
  for (let i = 0; i < 11; i++) await Deno.writeTextFile(join(repo, `n${i}.markdown`), "# n\n");
  const artifacts = join(sandbox.root, "artifacts");
  const log = join(sandbox.root, "pandoc.log");
  const bin = await fakeBin(sandbox, { pandoc: fakePandoc(log), pdflatex: "exit 0" });
  const media = await collectCompletionMedia({
    workspaceDir: repo,
    artifactsDir: artifacts,
    env: { ...sandbox.env, PATH: bin },
  });
  assertEquals(media.markdown_pdf_paths, []);
  assertEquals(media.notes, [
    "Skipped Markdown PDF rendering: 11 Markdown files changed (limit 10).",
  ]);
  assert(!await exists(log));
});

Deno.test("files inside the run's own artifact directory are not media", async () => {
  await using sandbox = await makeSandbox();
  const repo = await makeGitRepo(join(sandbox.root, "ws"), sandbox.env);
  const artifacts = join(repo, "run");
  await Deno.mkdir(artifacts);
  await Deno.writeFile(join(artifacts, "chart.png"), PNG);
  await Deno.writeTextFile(join(artifacts, "raw_xprompt.md"), "prompt\n");
  const media = await collectCompletionMedia({
    workspaceDir: repo,
    artifactsDir: artifacts,
    env: sandbox.env,
  });
  assertEquals(media, { image_paths: [], markdown_pdf_paths: [], notes: [] });
});

Deno.test("a workspace outside git yields no media", async () => {
  await using sandbox = await makeSandbox();
  const media = await collectCompletionMedia({
    workspaceDir: sandbox.cwd,
    artifactsDir: join(sandbox.root, "artifacts"),
    env: sandbox.env,
  });
  assertEquals(media, { image_paths: [], markdown_pdf_paths: [], notes: [] });
});
