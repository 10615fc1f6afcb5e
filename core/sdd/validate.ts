/**
 * `sase sdd validate`: bidirectional prompt/plan links of a tree.
 *
 * Errors: a file that cannot be read (too large, a directory, not UTF-8),
 * unparsable frontmatter (every problem, with its line), a `tier:` that
 * names no tier, a link of the wrong kind, a malformed link value, a link
 * whose target does not exist, and a link whose target does not link back.
 * Warnings (errors with `strict`): unpaired historical files, files with
 * several same-name candidates, a `plans/` file without `tier:` (the legacy
 * layout's tale-like plans), a `tier:` that contradicts the tier directory,
 * and duplicate frontmatter keys. A bad file is reported and skipped; the
 * rest of the tree is still validated. Myths and research notes are not
 * validated.
 *
 * @module
 */

import { LINKED_KINDS, normalizeTier, PLAN_LIKE_KINDS, SDD_TIERS } from "./layout.ts";
import type { FileProblem, SddFile } from "./scan.ts";
import {
  expectedField,
  indexTree,
  isCounterpart,
  linkValue,
  oppositeField,
  resolveLink,
  type TreeIndex,
} from "./links.ts";

/** Severity of a finding. */
export type Severity = "error" | "warning";

/** One validation finding. */
export interface SddIssue {
  severity: Severity;
  code: string;
  /** Root-relative path of the file at fault (the root itself for `invalid-root`). */
  path: string;
  message: string;
  /** 1-based line in the file, when known. */
  line?: number;
}

/** The result of validating a tree (its wire form is in `wire.ts`). */
export interface SddValidation {
  root: string;
  ok: boolean;
  strict: boolean;
  fileCount: number;
  errorCount: number;
  warningCount: number;
  issues: SddIssue[];
}

/** Options for {@linkcode validateSddFiles}. */
export interface ValidateOptions {
  strict?: boolean;
  /** Where plain relative links may also resolve (default: the root). */
  cwd?: string;
}

function fileIssue(severity: Severity, file: SddFile, problem: FileProblem): SddIssue {
  return {
    severity,
    code: problem.code,
    path: file.relpath,
    message: problem.message,
    ...(problem.line === undefined ? {} : { line: problem.line }),
  };
}

const TIER_LIST = SDD_TIERS.join(", ");

/** The `tier:` finding of a plan-like file, if any. */
function checkTier(file: SddFile): SddIssue | null {
  if (!PLAN_LIKE_KINDS.has(file.kind)) return null;
  const raw = file.frontmatter.tier;
  if (raw === undefined || raw === null) {
    return file.kind !== "plan" ? null : {
      severity: "warning",
      code: "plan-tier-missing",
      path: file.relpath,
      message:
        `no \`tier:\`; read as a tale-like plan of the legacy plans/ layout (set one of ${TIER_LIST})`,
    };
  }
  const tier = normalizeTier(raw);
  if (tier === null) {
    return {
      severity: "error",
      code: "plan-tier",
      path: file.relpath,
      message: `\`tier: ${
        typeof raw === "string" ? raw : JSON.stringify(raw)
      }\` names no plan tier; expected one of ${TIER_LIST}`,
    };
  }
  if (file.kind !== "plan" && tier !== file.kind) {
    return {
      severity: "warning",
      code: "plan-tier-mismatch",
      path: file.relpath,
      message:
        `\`tier: ${tier}\` in the ${file.kind} directory; the directory decides (${file.kind})`,
    };
  }
  return null;
}

function counterpartKey(bucket: string | null, name: string): string {
  return `${bucket ?? ""}/${name}`;
}

function checkLink(file: SddFile, index: TreeIndex, issues: SddIssue[]): SddFile | undefined {
  const field = expectedField(file.kind);
  const raw = file.frontmatter[field];
  if (raw !== undefined && raw !== null && (typeof raw !== "string" || raw.trim() === "")) {
    issues.push({
      severity: "error",
      code: "link-format",
      path: file.relpath,
      message: `\`${field}:\` must be a non-empty path string`,
    });
    return undefined;
  }
  const ref = linkValue(file);
  if (ref === undefined) return undefined;
  const target = resolveLink(index, ref);
  if (!target) {
    issues.push({
      severity: "error",
      code: "link-missing-target",
      path: file.relpath,
      message: `\`${field}: ${ref}\` names a file that does not exist`,
    });
    return undefined;
  }
  if (!isCounterpart(file.kind, target.kind)) {
    issues.push({
      severity: "error",
      code: "link-kind",
      path: file.relpath,
      message: `\`${field}: ${ref}\` points at a ${target.kind}; a ${file.kind} must link to ${
        file.kind === "prompt" ? "a tale, epic or legend" : "a prompt snapshot"
      }`,
    });
    return undefined;
  }
  const back = linkValue(target);
  const backTarget = back === undefined ? undefined : resolveLink(index, back);
  if (backTarget?.path !== file.path) {
    const reverseField = expectedField(target.kind);
    issues.push({
      severity: "error",
      code: "link-reverse",
      path: file.relpath,
      message: `${file.relpath} links \`${field}: ${ref}\`, but ${target.relpath} ${
        back === undefined
          ? `has no \`${reverseField}:\` link back`
          : `links \`${reverseField}: ${back}\` instead of back to ${file.relpath}`
      }`,
    });
  }
  return target;
}

/** Validate already-scanned files of the tree at `root`. Pure. */
export function validateSddFiles(
  root: string,
  files: readonly SddFile[],
  options: ValidateOptions = {},
): SddValidation {
  const index = indexTree(root, files, options.cwd ?? root);
  const linked = files.filter((file) => LINKED_KINDS.has(file.kind));
  const issues: SddIssue[] = [];
  const linkedTo = new Set<string>();
  const prompts = new Map<string, SddFile[]>();
  const plans = new Map<string, SddFile[]>();
  for (const file of linked) {
    const groups = file.kind === "prompt" ? prompts : plans;
    const key = counterpartKey(file.bucket, file.name);
    groups.set(key, [...(groups.get(key) ?? []), file]);
  }
  for (const file of linked) {
    for (const problem of file.problems) issues.push(fileIssue("error", file, problem));
    if (file.problems.length > 0) continue;
    for (const warning of file.warnings) issues.push(fileIssue("warning", file, warning));
    const tierIssue = checkTier(file);
    if (tierIssue) issues.push(tierIssue);
    const wrong = oppositeField(file.kind);
    if (
      file.frontmatter[wrong] !== undefined &&
      file.frontmatter[expectedField(file.kind)] === undefined
    ) {
      issues.push({
        severity: "error",
        code: "link-kind",
        path: file.relpath,
        message: `a ${file.kind} links with \`${expectedField(file.kind)}:\`, not \`${wrong}:\``,
      });
      continue;
    }
    const target = checkLink(file, index, issues);
    if (target) linkedTo.add(target.path);
  }
  for (const file of linked) {
    if (file.problems.length > 0 || linkValue(file) !== undefined || linkedTo.has(file.path)) {
      continue;
    }
    if (file.frontmatter[oppositeField(file.kind)] !== undefined) continue;
    const others = (PLAN_LIKE_KINDS.has(file.kind) ? prompts : plans)
      .get(counterpartKey(file.bucket, file.name)) ?? [];
    issues.push(
      others.length > 1
        ? {
          severity: "warning",
          code: "ambiguous-counterpart",
          path: file.relpath,
          message: `unpaired ${file.kind} has ${others.length} same-name candidates: ${
            others.map((other) => other.relpath).join(", ")
          }`,
        }
        : {
          severity: "warning",
          code: "unpaired-file",
          path: file.relpath,
          message: `${file.kind} has no \`${expectedField(file.kind)}:\` link`,
        },
    );
  }
  return summarize(root, linked.length, issues, options.strict ?? false);
}

/** The result for a root that is missing or not a directory. */
export function invalidRoot(root: string, strict = false): SddValidation {
  return summarize(root, 0, [{
    severity: "error",
    code: "invalid-root",
    path: root,
    message: `SDD path does not exist or is not a directory: ${root}`,
  }], strict);
}

function summarize(
  root: string,
  fileCount: number,
  found: SddIssue[],
  strict: boolean,
): SddValidation {
  const issues = strict ? found.map((issue) => ({ ...issue, severity: "error" as const })) : found;
  const errors = issues.filter((issue) => issue.severity === "error").length;
  return {
    root,
    ok: errors === 0,
    strict,
    fileCount,
    errorCount: errors,
    warningCount: issues.length - errors,
    issues,
  };
}
