/**
 * Prompt/plan frontmatter links: which field a kind carries, how a link
 * value resolves to a file, and the link table `sase sdd links` prints.
 *
 * A prompt snapshot carries `plan: <ref>`; a tale, epic, legend (or legacy
 * plan) carries `prompt: <ref>`. References include the root prefix when the
 * root is well known (`sdd/...`, `.sase/sdd/...`); older files use plain
 * paths, which resolve against the root, its parent, its grandparent and the
 * working directory, in that order.
 *
 * @module
 */

import { dirname, isAbsolute, join, normalize, relative } from "../fs/path.ts";
import { LINKED_KINDS, PLAN_LIKE_KINDS, type SddKind } from "./layout.ts";
import type { SddFile } from "./scan.ts";

/** The link field of a linked kind. */
export type LinkField = "plan" | "prompt";

/** The field a file of `kind` links with. */
export function expectedField(kind: SddKind): LinkField {
  return kind === "prompt" ? "plan" : "prompt";
}

/** The field a file of `kind` must not carry (the other side's field). */
export function oppositeField(kind: SddKind): LinkField {
  return kind === "prompt" ? "prompt" : "plan";
}

/** Whether `target` is the right kind of counterpart for `source`. */
export function isCounterpart(source: SddKind, target: SddKind): boolean {
  return source === "prompt" ? PLAN_LIKE_KINDS.has(target) : target === "prompt";
}

/** An index of a scanned tree for link resolution. */
export interface TreeIndex {
  root: string;
  cwd: string;
  byPath: Map<string, SddFile>;
}

/** Build the lookup used by {@linkcode resolveLink}. */
export function indexTree(root: string, files: readonly SddFile[], cwd: string): TreeIndex {
  return { root, cwd, byPath: new Map(files.map((file) => [normalize(file.path), file])) };
}

const KNOWN_PREFIXES = [".sase/sdd/", "sdd/"];

/**
 * Candidate absolute paths for a link value, most specific first (lazily:
 * the first one usually names the file, and a tree has thousands of links).
 */
export function* linkCandidates(root: string, ref: string, cwd: string): Generator<string> {
  if (isAbsolute(ref)) {
    yield normalize(ref);
    return;
  }
  const seen = new Set<string>();
  for (const path of joinedCandidates(root, ref, cwd)) {
    if (seen.has(path)) continue;
    seen.add(path);
    yield path;
  }
}

/** The candidates of a relative link, repeats included (`join` normalises each). */
function* joinedCandidates(root: string, ref: string, cwd: string): Generator<string> {
  for (const prefix of KNOWN_PREFIXES) {
    if (ref.startsWith(prefix)) yield join(root, ref.slice(prefix.length));
  }
  yield join(root, ref);
  yield join(dirname(root), ref);
  yield join(dirname(dirname(root)), ref);
  yield join(cwd, ref);
}

/** The scanned file a link value names, if any. */
export function resolveLink(index: TreeIndex, ref: string): SddFile | undefined {
  for (const candidate of linkCandidates(index.root, ref, index.cwd)) {
    const file = index.byPath.get(candidate);
    if (file) return file;
  }
  return undefined;
}

/** The link value to write for `file`: root prefix + root-relative path. */
export function linkRefFor(linkPrefix: string, root: string, path: string): string {
  return linkPrefix + relative(root, path).split("\\").join("/");
}

/** The raw link value of `file`'s expected field, when it is a string. */
export function linkValue(file: SddFile): string | undefined {
  const value = file.frontmatter[expectedField(file.kind)];
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/** One row of `sase sdd links`. */
export interface LinkRow {
  path: string;
  kind: SddKind;
  field: LinkField;
  /** The link value, or null when the file has none. */
  target: string | null;
  targetExists: boolean;
  /** The target links straight back to this file. */
  bidirectional: boolean;
}

/** The link table of a tree (linked kinds only). */
export function collectLinks(index: TreeIndex, files: readonly SddFile[]): LinkRow[] {
  return files.filter((file) => LINKED_KINDS.has(file.kind)).map((file) => {
    const target = linkValue(file) ?? null;
    const resolved = target === null ? undefined : resolveLink(index, target);
    const reverse = resolved ? linkValue(resolved) : undefined;
    const back = reverse === undefined ? undefined : resolveLink(index, reverse);
    return {
      path: file.relpath,
      kind: file.kind,
      field: expectedField(file.kind),
      target,
      targetExists: resolved !== undefined,
      bidirectional: resolved !== undefined && isCounterpart(file.kind, resolved.kind) &&
        back?.path === file.path,
    };
  });
}
