/**
 * Best-effort Markdown → PDF rendering of a run's generated Markdown
 * (handbook §27.3) with Pandoc and the first PDF engine that works. Missing
 * tools and conversion failures omit the source with a note; nothing here
 * throws, because a completion attachment must never fail the run.
 *
 * @module
 */

import { basename, dirname, join, relative } from "../../../fs/path.ts";
import { definedEnv, type Env } from "../../../config/paths.ts";
import { atomicWriteJson } from "../../../fs/atomic_write.ts";
import { which } from "../../../fs/which.ts";

/** Preferred engines first: the HTML engine takes page options, LaTeX the geometry variables. */
export const PDF_ENGINES = ["wkhtmltopdf", "xelatex", "pdflatex"] as const;

const PANDOC_TIMEOUT_MS = 120_000;
// Small portrait pages with large type: these PDFs are read on phones.
const PAGE = { width: "4.25in", height: "7in", margin: "0.22in", fontSize: "12pt" };

/** What rendering produced. */
export interface MarkdownPdfResult {
  pdfPaths: string[];
  notes: string[];
}

/** A file name safe for any filesystem, flattened from `path` relative to `root`. */
export function flattenedName(path: string, root: string): string {
  const rel = relative(root, path);
  const parts = rel.startsWith("..") ? [basename(path)] : rel.split(/[\\/]/);
  const safe = parts.filter(Boolean).map((part) =>
    part.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^[._]+|[._]+$/g, "") || "path"
  );
  return safe.join("__");
}

/** `name` made unique among `used` with a `-2`, `-3`, ... suffix before the extension. */
export function uniqueName(name: string, used: Set<string>): string {
  const dot = name.lastIndexOf(".");
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ""];
  let candidate = name;
  for (let n = 2; used.has(candidate); n++) candidate = `${stem}-${n}${ext}`;
  used.add(candidate);
  return candidate;
}

/** The Pandoc arguments rendering `source` to `dest` with `engine`. */
export function pandocArgs(source: string, dest: string, engine: string): string[] {
  const args = [
    source,
    "-o",
    dest,
    `--pdf-engine=${engine}`,
    `--resource-path=${dirname(source)}`,
    "--metadata",
    `title=${basename(source).replace(/\.[^.]+$/, "")}`,
  ];
  if (engine === "wkhtmltopdf") {
    const opts = [
      ["--page-width", PAGE.width],
      ["--page-height", PAGE.height],
      ...["top", "right", "bottom", "left"].map((side) => [`--margin-${side}`, PAGE.margin]),
    ].flat();
    return [...args, ...opts.map((opt) => `--pdf-engine-opt=${opt}`)];
  }
  return [
    ...args,
    "-V",
    `geometry:paperwidth=${PAGE.width},paperheight=${PAGE.height},margin=${PAGE.margin}`,
    "-V",
    `fontsize=${PAGE.fontSize}`,
  ];
}

async function tryRender(
  pandoc: string,
  source: string,
  dest: string,
  engine: string,
  env: Env,
): Promise<string | undefined> {
  const scratch = await Deno.makeTempDir({ prefix: "sase-pandoc-" });
  const tmp = join(dirname(dest), `.${basename(dest)}.${crypto.randomUUID().slice(0, 8)}.tmp.pdf`);
  try {
    // A scratch cwd keeps engines' auxiliary files out of the workspace.
    const output = await new Deno.Command(pandoc, {
      args: pandocArgs(source, tmp, engine),
      cwd: scratch,
      env: definedEnv(env),
      clearEnv: true,
      stdin: "null",
      stdout: "null",
      stderr: "piped",
      signal: AbortSignal.timeout(PANDOC_TIMEOUT_MS),
    }).output();
    const stat = await Deno.stat(tmp).catch(() => undefined);
    if (!output.success || !stat?.isFile || stat.size === 0) {
      const stderr = new TextDecoder().decode(output.stderr).trim().split("\n").at(-1);
      return stderr || `pandoc exited with code ${output.code}`;
    }
    await Deno.rename(tmp, dest);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await Deno.remove(tmp).catch(() => {});
    await Deno.remove(scratch, { recursive: true }).catch(() => {});
  }
}

/**
 * Render `sources` into `<artifactsDir>/markdown_pdfs/`, recording
 * `index.json` (source → PDF) when any PDF was produced.
 */
export async function renderMarkdownPdfs(
  sources: readonly string[],
  workspaceRoot: string,
  artifactsDir: string,
  env: Env,
): Promise<MarkdownPdfResult> {
  if (sources.length === 0) return { pdfPaths: [], notes: [] };
  const pandoc = await which("pandoc", env.PATH);
  if (!pandoc) {
    return { pdfPaths: [], notes: ["Markdown PDFs not rendered: pandoc was not found on PATH."] };
  }
  const engines: string[] = [];
  for (const engine of PDF_ENGINES) if (await which(engine, env.PATH)) engines.push(engine);
  if (engines.length === 0) {
    return {
      pdfPaths: [],
      notes: [`Markdown PDFs not rendered: no PDF engine (${PDF_ENGINES.join(", ")}) on PATH.`],
    };
  }

  const dir = join(artifactsDir, "markdown_pdfs");
  await Deno.mkdir(dir, { recursive: true });
  const used = new Set<string>();
  const records: { source_path: string; pdf_path: string }[] = [];
  const notes: string[] = [];
  for (const source of sources) {
    const dest = join(dir, uniqueName(`${flattenedName(source, workspaceRoot)}.pdf`, used));
    let failure: string | undefined = "no engine tried";
    for (const engine of engines) {
      failure = await tryRender(pandoc, source, dest, engine, env);
      if (failure === undefined) break;
    }
    if (failure === undefined) {
      records.push({ source_path: source, pdf_path: dest });
    } else {
      notes.push(`Could not render ${relative(workspaceRoot, source)} to PDF: ${failure}`);
    }
  }
  if (records.length > 0) await atomicWriteJson(join(dir, "index.json"), records);
  return { pdfPaths: records.map((record) => record.pdf_path), notes };
}
