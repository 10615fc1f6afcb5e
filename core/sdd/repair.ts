/**
 * `sase sdd repair-links`: infer prompt/plan pairs that are unambiguous and
 * add the missing `plan:`/`prompt:` links.
 *
 * A prompt and a plan-like file pair up only when they share the same
 * `YYYYMM` bucket and file name and neither side has another candidate.
 * Existing links are never overwritten: a conflicting link is reported as an
 * error and the pair is skipped.
 *
 * @module
 */

import { atomicWriteTextFile } from "../fs/atomic_write.ts";
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
    const broken = [prompt, plan].find((file) => file.parseError);
    if (broken) {
      issues.push({
        severity: "error",
        code: "frontmatter-parse",
        path: broken.relpath,
        message: `skipped: ${broken.parseError!.message}`,
        line: broken.parseError!.line,
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

/** Apply fixes to the files under `root`; each file is rewritten atomically. */
export async function applyRepair(root: string, fixes: readonly LinkFix[]): Promise<string[]> {
  const written: string[] = [];
  for (const fix of fixes) {
    const path = `${root}/${fix.path}`;
    const text = await Deno.readTextFile(path);
    await atomicWriteTextFile(path, setFrontmatterFields(text, { [fix.field]: fix.value }, path));
    written.push(path);
  }
  return written;
}
