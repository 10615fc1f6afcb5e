/**
 * Reading an SDD tree: every markdown document the layout knows, with its
 * kind, bucket and parsed frontmatter. Reads run in parallel batches because
 * a long-lived project holds thousands of prompt/plan pairs.
 *
 * @module
 */

import { join } from "node:path";
import { classifyPath, type SddKind, SKIPPED_DIRS } from "./layout.ts";
import { parseFrontmatter } from "./frontmatter.ts";

/** One SDD markdown document. */
export interface SddFile {
  /** Absolute path. */
  path: string;
  /** POSIX path relative to the SDD root. */
  relpath: string;
  kind: SddKind;
  bucket: string | null;
  name: string;
  /** Parsed frontmatter (empty when the file has none or it failed to parse). */
  frontmatter: Record<string, unknown>;
  /** Why the frontmatter did not parse, with its 1-based line. */
  parseError?: { message: string; line: number };
}

async function walk(root: string, relative: string, out: string[]): Promise<void> {
  const dir = relative ? join(root, relative) : root;
  const subdirs: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const rel = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory) {
      if (!(relative === "" && SKIPPED_DIRS.has(entry.name))) subdirs.push(rel);
    } else if (entry.isFile && entry.name.endsWith(".md")) out.push(rel);
  }
  await Promise.all(subdirs.map((sub) => walk(root, sub, out)));
}

const BATCH = 256;

/** All SDD documents under `root`, sorted by relative path. */
export async function scanSddTree(root: string): Promise<SddFile[]> {
  const relpaths: string[] = [];
  await walk(root, "", relpaths);
  relpaths.sort();
  const candidates = relpaths.flatMap((relpath) => {
    const place = classifyPath(relpath);
    return place ? [{ relpath, place }] : [];
  });
  const files: SddFile[] = [];
  for (let start = 0; start < candidates.length; start += BATCH) {
    const batch = candidates.slice(start, start + BATCH);
    const texts = await Promise.all(
      batch.map(({ relpath }) => Deno.readTextFile(join(root, relpath))),
    );
    batch.forEach(({ relpath, place }, index) => {
      const parsed = parseFrontmatter(texts[index]);
      const file: SddFile = {
        path: join(root, relpath),
        relpath,
        kind: place.kind,
        bucket: place.bucket,
        name: place.name,
        frontmatter: parsed.ok ? parsed.data : {},
      };
      if (!parsed.ok) file.parseError = { message: parsed.message, line: parsed.line };
      files.push(file);
    });
  }
  return files;
}
