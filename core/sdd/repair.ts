/**
 * `sase sdd repair-links`: infer prompt/plan pairs that are unambiguous and
 * add the missing `plan:`/`prompt:` links.
 *
 * A prompt and a plan-like file pair up only when they share the same
 * `YYYYMM` bucket and file name and neither side has another candidate.
 * Existing links are never overwritten: a conflicting link is reported as an
 * error and the pair is skipped. A file that cannot be read exactly (not
 * UTF-8, unparsable frontmatter, too large) is never rewritten: it is
 * reported and skipped, so no byte the author wrote is lost.
 *
 * @module
 */

import { join } from "../fs/path.ts";
import { atomicWriteTextFile } from "../fs/atomic_write.ts";
import { SaseError } from "../errors.ts";
import { readSddDocument } from "./read.ts";
import { LINKED_KINDS, PLAN_LIKE_KINDS } from "./layout.ts";
import type { SddFile } from "./scan.ts";
import { setFrontmatterFields } from "./frontmatter.ts";
import {
  expectedField,
  indexTree,
  type LinkField,
  linkRefFor,
  linkValue,
  oppositeField,
  resolveLink,
  type TreeIndex,
} from "./links.ts";
import type { SddIssue } from "./validate.ts";

/** One link to add. */
export interface LinkFix {
  /** Root-relative path of the file to edit. */
  path: string;
  field: LinkField;
  value: string;
}

/** What repair found. */
export interface RepairPlan {
  fixes: LinkFix[];
  /** Skipped pairs: ambiguity (warning) or a conflicting link / parse error (error). */
  issues: SddIssue[];
}

function key(file: SddFile): string {
  return `${file.bucket ?? ""}/${file.name}`;
}

/** Where `file`'s own link stands relative to a proposed counterpart. */
function linkState(
  index: TreeIndex,
  file: SddFile,
  counterpart: SddFile,
): "ok" | "missing" | "conflict" {
  if (file.frontmatter[oppositeField(file.kind)] !== undefined) return "conflict";
  const ref = linkValue(file);
  if (ref === undefined) {
    return file.frontmatter[expectedField(file.kind)] === undefined ? "missing" : "conflict";
  }
  return resolveLink(index, ref)?.path === counterpart.path ? "ok" : "conflict";
}

/** Plan the link fixes of a scanned tree. Pure. */
export function planRepair(
  root: string,
  linkPrefix: string,
  files: readonly SddFile[],
  cwd: string = root,
): RepairPlan {
  const index = indexTree(root, files, cwd);
  const linked = files.filter((file) => LINKED_KINDS.has(file.kind));
  const plansByKey = new Map<string, SddFile[]>();
  const promptsByKey = new Map<string, SddFile[]>();
  for (const file of linked) {
    const map = PLAN_LIKE_KINDS.has(file.kind) ? plansByKey : promptsByKey;
    map.set(key(file), [...(map.get(key(file)) ?? []), file]);
  }
  const fixes: LinkFix[] = [];
  const issues: SddIssue[] = [];
  for (const prompt of linked.filter((file) => file.kind === "prompt")) {
    const candidates = plansByKey.get(key(prompt)) ?? [];
    if (candidates.length === 0) continue;
    const siblings = promptsByKey.get(key(prompt)) ?? [];
    if (candidates.length > 1 || siblings.length > 1) {
      issues.push({
        severity: "warning",
        code: "ambiguous-counterpart",
        path: prompt.relpath,
        message:
          `skipped: ${candidates.length} plan-like and ${siblings.length} prompt files share ${
            key(prompt)
          }`,
      });
      continue;
    }
    const plan = candidates[0];
    const broken = [prompt, plan].find((file) => file.problems.length > 0);
    if (broken) {
      const problem = broken.problems[0];
      issues.push({
        severity: "error",
        code: problem.code,
        path: broken.relpath,
        message: `skipped: ${problem.message}`,
        ...(problem.line === undefined ? {} : { line: problem.line }),
      });
      continue;
    }
    const states = [linkState(index, prompt, plan), linkState(index, plan, prompt)];
    const conflictAt = states.indexOf("conflict");
    if (conflictAt !== -1) {
      const file = conflictAt === 0 ? prompt : plan;
      issues.push({
        severity: "error",
        code: "link-conflict",
        path: file.relpath,
        message: `skipped: ${file.relpath} already has a different link; not overwriting it`,
      });
      continue;
    }
    if (states[0] === "missing") {
      fixes.push({
        path: prompt.relpath,
        field: "plan",
        value: linkRefFor(linkPrefix, root, plan.path),
      });
    }
    if (states[1] === "missing") {
      fixes.push({
        path: plan.relpath,
        field: "prompt",
        value: linkRefFor(linkPrefix, root, prompt.path),
      });
    }
  }
  return { fixes, issues };
}

/** What {@linkcode applyRepair} did. */
export interface RepairResult {
  /** Absolute paths rewritten. */
  written: string[];
  /** Fixes not applied, each with the reason (the file changed and no longer reads exactly). */
  skipped: SddIssue[];
}

/**
 * Apply fixes to the files under `root`; each file is re-read strictly and
 * rewritten atomically, or skipped (and reported) when it no longer reads.
 */
export async function applyRepair(root: string, fixes: readonly LinkFix[]): Promise<RepairResult> {
  const written: string[] = [];
  const skipped: SddIssue[] = [];
  for (const fix of fixes) {
    const path = join(root, fix.path);
    let text: string;
    try {
      text = await readSddDocument(path);
      text = setFrontmatterFields(text, { [fix.field]: fix.value }, fix.path);
    } catch (error) {
      if (!(error instanceof SaseError || error instanceof Deno.errors.NotFound)) throw error;
      const message = error instanceof SaseError ? error.message : "the file no longer exists";
      skipped.push({
        severity: "error",
        code: "repair-skipped",
        path: fix.path,
        message: `not rewritten: ${
          message.startsWith(`${path}: `) ? message.slice(path.length + 2) : message
        }`,
      });
      continue;
    }
    await atomicWriteTextFile(path, text);
    written.push(path);
  }
  return { written, skipped };
}
