/**
 * Completion media of a successful run (handbook §5.7, chapter 27): the
 * images and Markdown files the run added or modified, found from git, with
 * the images copied into the run's artifact directory and the Markdown
 * rendered to PDFs. The lists end up in `done.json` and on the completion
 * notification. Best-effort throughout: this never fails the run.
 *
 * @module
 */

import { extname, isAbsolute, join, relative } from "../../../fs/path.ts";
import type { Env } from "../../../config/paths.ts";
import { atomicWriteJson } from "../../../fs/atomic_write.ts";
import { runGit } from "../../../git.ts";
import { flattenedName, renderMarkdownPdfs, uniqueName } from "./markdown_pdf.ts";

/** Image extensions attached to completions. */
export const IMAGE_EXTENSIONS: ReadonlySet<string> = new Set([
  ".png",
  ".jpg",
  ".jpeg",
  ".webp",
  ".gif",
]);
/** Markdown extensions rendered to PDFs. */
export const MARKDOWN_EXTENSIONS: ReadonlySet<string> = new Set([".md", ".markdown"]);
/** More Markdown sources than this and no PDFs are rendered at all. */
export const MAX_MARKDOWN_PDFS = 10;

/** What `done.json` and the notification carry. */
export interface CompletionMedia {
  /** Absolute paths of generated images, in discovery order. */
  image_paths: string[];
  /** Absolute paths of rendered Markdown PDFs under the artifact directory. */
  markdown_pdf_paths: string[];
  /** User-facing notes (skipped rendering, missing tools, failures). */
  notes: string[];
}

/** Where to look and where to put things. */
export interface CompletionMediaInput {
  workspaceDir: string;
  /** The run's artifact directory (never itself a source of media). */
  artifactsDir: string;
  /** Workspace `HEAD` at launch; commits after it count as the run's. */
  baseRevision?: string;
  env: Env;
}

// Added, copied, modified, renamed and type-changed paths exist after the run.
const KEPT_STATUS = new Set(["A", "C", "M", "R", "T"]);

/** Paths of `git diff --name-status -z` records that still exist (renames: the new path). */
export function parseNameStatusZ(output: string): string[] {
  const parts = output.split("\0");
  const paths: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const letter = parts[i].charAt(0);
    if (!letter) continue;
    const path = letter === "R" || letter === "C" ? parts[i += 2] : parts[++i];
    if (path && KEPT_STATUS.has(letter)) paths.push(path);
  }
  return paths;
}

function hasExtension(path: string, extensions: ReadonlySet<string>): boolean {
  return extensions.has(extname(path).toLowerCase());
}

async function gitPaths(root: string, args: string[], nameStatus: boolean): Promise<string[]> {
  const result = await runGit(root, args);
  if (!result.ok) return [];
  return nameStatus ? parseNameStatusZ(result.stdout) : result.stdout.split("\0").filter(Boolean);
}

/**
 * Repository-relative candidate paths in the handbook's stable order:
 * uncommitted tracked changes, untracked files, then commits since launch.
 */
async function candidatePaths(root: string, baseRevision?: string): Promise<string[]> {
  const sources = [
    gitPaths(root, ["diff", "--name-status", "-z", "HEAD", "--"], true),
    gitPaths(root, ["ls-files", "--others", "--exclude-standard", "-z"], false),
    baseRevision
      ? gitPaths(root, ["diff", "--name-status", "-z", baseRevision, "HEAD", "--"], true)
      : Promise.resolve([]),
  ];
  return (await Promise.all(sources)).flat();
}

function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

/** Existing, supported, deduplicated absolute files among `paths`. */
async function existingFiles(
  root: string,
  paths: readonly string[],
  extensions: ReadonlySet<string>,
  exclude: string | undefined,
): Promise<string[]> {
  const seen = new Set<string>();
  const found: string[] = [];
  for (const path of paths) {
    if (!hasExtension(path, extensions)) continue;
    const real = await Deno.realPath(join(root, path)).catch(() => undefined);
    if (!real || seen.has(real) || (exclude && isInside(real, exclude))) continue;
    const info = await Deno.stat(real).catch(() => undefined);
    if (!info?.isFile) continue;
    seen.add(real);
    found.push(real);
  }
  return found;
}

/** Copy images to `<artifactsDir>/images/` so they outlive the workspace; notes failures. */
async function persistImages(
  images: readonly string[],
  root: string,
  artifactsDir: string,
): Promise<string[]> {
  if (images.length === 0) return [];
  const dir = join(artifactsDir, "images");
  const used = new Set<string>();
  const records: { source_path: string; artifact_path: string }[] = [];
  const notes: string[] = [];
  try {
    await Deno.mkdir(dir, { recursive: true });
    for (const image of images) {
      const target = join(dir, uniqueName(flattenedName(image, root), used));
      try {
        await Deno.copyFile(image, target);
        records.push({ source_path: image, artifact_path: target });
      } catch (error) {
        notes.push(`Could not copy ${relative(root, image)}: ${(error as Error).message}`);
      }
    }
    if (records.length > 0) await atomicWriteJson(join(dir, "index.json"), records);
  } catch (error) {
    notes.push(`Could not persist images: ${(error as Error).message}`);
  }
  return notes;
}

/**
 * Find, persist and render a successful run's media. Resolves to empty
 * lists (and a note) rather than rejecting when anything goes wrong.
 */
export async function collectCompletionMedia(
  input: CompletionMediaInput,
): Promise<CompletionMedia> {
  const media: CompletionMedia = { image_paths: [], markdown_pdf_paths: [], notes: [] };
  try {
    const top = await runGit(input.workspaceDir, ["rev-parse", "--show-toplevel"]);
    if (!top.ok) return media;
    const root = await Deno.realPath(top.stdout.trim());
    const artifacts = await Deno.realPath(input.artifactsDir).catch(() => input.artifactsDir);
    const paths = await candidatePaths(root, input.baseRevision);

    media.image_paths = await existingFiles(root, paths, IMAGE_EXTENSIONS, artifacts);
    media.notes.push(...await persistImages(media.image_paths, root, artifacts));

    const markdown = await existingFiles(root, paths, MARKDOWN_EXTENSIONS, artifacts);
    if (markdown.length > MAX_MARKDOWN_PDFS) {
      media.notes.push(
        `Skipped Markdown PDF rendering: ${markdown.length} Markdown files changed ` +
          `(limit ${MAX_MARKDOWN_PDFS}).`,
      );
    } else {
      const rendered = await renderMarkdownPdfs(markdown, root, artifacts, input.env);
      media.markdown_pdf_paths = rendered.pdfPaths;
      media.notes.push(...rendered.notes);
    }
  } catch (error) {
    media.notes.push(`Completion media incomplete: ${(error as Error).message}`);
  }
  return media;
}
