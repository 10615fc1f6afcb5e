/**
 * The SDD services behind `sase sdd`, `sase init sdd` and `sase validate`
 * (and, later, ACE and the gateway): each finds the SDD tree of the
 * context's project (or of a given SDD or project root) and answers from one
 * scan of it.
 *
 * @module
 */

import { relative } from "../fs/path.ts";
import type { AppContext } from "../context.ts";
import { SaseError } from "../errors.ts";
import { plural } from "../text/plural.ts";
import { checkSddInit, type InitReport, initRoots, runSddInit } from "./init.ts";
import type { LinkRow } from "./links.ts";
import { commitPlanningWrite } from "./local_repo.ts";
import { applyRepair, type LinkFix, planRepair } from "./repair.ts";
import { resolveSddRoot, type SddMode, type SddRoot } from "./root.ts";
import { scanSddTree } from "./scan.ts";
import { linksOf, type ListRow, listSdd, validateTree } from "./tree.ts";
import type { SddIssue, SddValidation } from "./validate.ts";

/** Where to look: `path` is an SDD root or a project root (default: the context's project). */
export interface SddTarget {
  path?: string;
}

function rootOf(app: AppContext, target: SddTarget): Promise<SddRoot> {
  return resolveSddRoot({ cwd: app.cwd, env: app.env, path: target.path });
}

/** The prompt and plan files of a tree. */
export interface SddListing {
  root: string;
  files: ListRow[];
}

/** The tree's prompt and plan files of `kind` (`prompts`, a tier's plural, or `all`). */
export async function sddFiles(
  app: AppContext,
  target: SddTarget & { kind?: string } = {},
): Promise<SddListing> {
  const { root } = await rootOf(app, target);
  return { root, files: await listSdd(root, target.kind ?? "all") };
}

/** The frontmatter links of a tree. */
export interface SddLinks {
  root: string;
  links: LinkRow[];
}

/** Each prompt's and plan's link and whether its reverse link is intact. */
export async function sddLinks(app: AppContext, target: SddTarget = {}): Promise<SddLinks> {
  const { root } = await rootOf(app, target);
  return { root, links: await linksOf(root, app.cwd) };
}

/** Validate a tree's frontmatter links (`strict`: historical leftovers are errors too). */
export async function validateSdd(
  app: AppContext,
  target: SddTarget & { strict?: boolean } = {},
): Promise<SddValidation> {
  const { root } = await rootOf(app, target);
  return await validateTree(root, { strict: target.strict, cwd: app.cwd });
}

/** What a link repair found and did. */
export interface SddRepair {
  root: string;
  /** Whether the fixes were to be written. */
  write: boolean;
  /** Every inferred link. */
  fixes: LinkFix[];
  /** Root-relative paths rewritten. */
  written: string[];
  /** Pairs left alone (ambiguous, conflicting) and fixes that could not be written. */
  issues: SddIssue[];
  /** Whether an issue is an error (the command fails). */
  failed: boolean;
}

/**
 * Infer the unambiguous same-bucket same-name prompt/plan pairs; with
 * `write`, set their links (and commit them in a local-mode tree).
 */
export async function repairSddLinks(
  app: AppContext,
  target: SddTarget & { write?: boolean } = {},
): Promise<SddRepair> {
  const sddRoot = await rootOf(app, target);
  const files = await scanSddTree(sddRoot.root).catch((error) => {
    throw new SaseError(
      "sdd.no_root",
      `cannot read SDD tree ${sddRoot.root}: ${error.message}`,
      { hint: "pass -p/--path with an SDD root or a project root", kind: "not-found" },
    );
  });
  const plan = planRepair(sddRoot.root, sddRoot.linkPrefix, files, app.cwd);
  let written: string[] = [];
  const issues = [...plan.issues];
  if (target.write && plan.fixes.length > 0) {
    const result = await applyRepair(sddRoot.root, plan.fixes);
    written = result.written;
    issues.push(...result.skipped);
    await commitPlanningWrite(sddRoot, written, "Repair SDD prompt/plan links");
  }
  return {
    root: sddRoot.root,
    write: target.write ?? false,
    fixes: plan.fixes,
    written: written.map((path) => relative(sddRoot.root, path)),
    issues,
    failed: issues.some((issue) => issue.severity === "error"),
  };
}

/**
 * Opt the project into version-controlled SDD and refresh its generated
 * guides; with `check`, only compare (nothing is written).
 */
export async function initSdd(
  app: AppContext,
  target: SddTarget & { check?: boolean } = {},
): Promise<InitReport> {
  const { projectRoot, sddRoot } = initRoots(app.cwd, target.path);
  return target.check
    ? await checkSddInit(projectRoot, sddRoot)
    : await runSddInit(projectRoot, sddRoot);
}

/** The outcome of one check of `sase validate`. */
export type ProjectCheckStatus = "ok" | "fail" | "skip";

/** One check of `sase validate`. */
export interface ProjectCheck {
  /** `init sdd` or `sdd validate`. */
  name: string;
  status: ProjectCheckStatus;
  /** One line saying why. */
  detail: string;
}

/** What `sase validate` found. */
export interface ProjectValidation {
  /** Every check passed (or was skipped). */
  ok: boolean;
  root: string;
  mode: SddMode;
  checks: ProjectCheck[];
  /** The generated files (and the config) `sase sdd init` would change. */
  drifted: string[];
  /** The link validation of the tree. */
  validation: SddValidation;
}

/**
 * Every check of the project: the SDD init drift check (a local-mode tree
 * has no generated guides: skipped), then SDD link validation.
 */
export async function validateProject(
  app: AppContext,
  target: SddTarget = {},
): Promise<ProjectValidation> {
  const sdd = await rootOf(app, target);
  const checks: ProjectCheck[] = [];
  let drifted: string[] = [];
  if (sdd.mode === "version_controlled") {
    const init = await checkSddInit(sdd.projectRoot, sdd.root);
    drifted = init.items.filter((item) => item.state !== "current").map((item) => item.path);
    checks.push({
      name: "init sdd",
      status: init.drift ? "fail" : "ok",
      detail: init.drift
        ? `${plural(drifted.length, "item")} drifted; run \`sase sdd init\``
        : "current",
    });
  } else {
    checks.push({
      name: "init sdd",
      status: "skip",
      detail: "local-mode SDD has no generated guides",
    });
  }
  const validation = await validateTree(sdd.root, { cwd: app.cwd });
  const hint = validation.warningCount > 0 ? " (run `sase sdd validate -W` for warnings)" : "";
  checks.push({
    name: "sdd validate",
    status: validation.ok ? "ok" : "fail",
    detail: `${plural(validation.fileCount, "file")}, ${plural(validation.errorCount, "error")}, ${
      plural(validation.warningCount, "warning")
    }${hint}`,
  });
  return {
    ok: checks.every((check) => check.status !== "fail"),
    root: sdd.root,
    mode: sdd.mode,
    checks,
    drifted,
    validation,
  };
}
