/**
 * The wire format of SDD trees and plans: what `sase sdd ... -j`,
 * `sase validate -j` and `sase plan ... -j` print and ACE and the gateway
 * will send (snake_case keys). A validated plan is shown with its
 * frontmatter's own field names.
 *
 * @module
 */

import type { InitItem, InitReport } from "./init.ts";
import type { LinkField } from "./links.ts";
import type { PlanFileCheck } from "./plan_check.ts";
import type { PlanDiagnostic } from "./plan_diagnostics.ts";
import type { ValidatedPlan } from "./plan_schema.ts";
import type { PlanHit, PlanSource } from "./plan_search.ts";
import type { ProposalDashboard, ProposalRow } from "./proposals.ts";
import type { LinkFix } from "./repair.ts";
import type { ProjectValidation, SddLinks, SddListing, SddRepair } from "./service.ts";
import type { ListRow } from "./tree.ts";
import type { SddIssue, SddValidation } from "./validate.ts";
import type { SddKind } from "./layout.ts";

/** `sase sdd list -j`. */
export interface SddListingWire {
  schema_version: 1;
  root: string;
  files: ListRow[];
}

/** A listing in wire form (its rows are already single-word keys). */
export function sddListingWire(listing: SddListing): SddListingWire {
  return { schema_version: 1, root: listing.root, files: listing.files };
}

/** One link of `sase sdd links -j`. */
export interface LinkRowWire {
  path: string;
  kind: SddKind;
  field: LinkField;
  target: string | null;
  target_exists: boolean;
  bidirectional: boolean;
}

/** `sase sdd links -j`. */
export interface SddLinksWire {
  schema_version: 1;
  root: string;
  links: LinkRowWire[];
}

/** A link table in wire form. */
export function sddLinksWire(links: SddLinks): SddLinksWire {
  return {
    schema_version: 1,
    root: links.root,
    links: links.links.map((row) => ({
      path: row.path,
      kind: row.kind,
      field: row.field,
      target: row.target,
      target_exists: row.targetExists,
      bidirectional: row.bidirectional,
    })),
  };
}

/** `sase sdd validate -j` (and the `sdd` part of `sase validate -j`). */
export interface SddValidationWire {
  schema_version: 1;
  root: string;
  ok: boolean;
  strict: boolean;
  file_count: number;
  error_count: number;
  warning_count: number;
  issues: SddIssue[];
}

/** A tree validation in wire form (issues carry `line` only when it is known). */
export function sddValidationWire(result: SddValidation): SddValidationWire {
  return {
    schema_version: 1,
    root: result.root,
    ok: result.ok,
    strict: result.strict,
    file_count: result.fileCount,
    error_count: result.errorCount,
    warning_count: result.warningCount,
    issues: result.issues,
  };
}

/** `sase sdd repair-links -j`. */
export interface SddRepairWire {
  schema_version: 1;
  root: string;
  write: boolean;
  fixes: LinkFix[];
  written: string[];
  issues: SddIssue[];
}

/** A link repair in wire form. */
export function sddRepairWire(repair: SddRepair): SddRepairWire {
  return {
    schema_version: 1,
    root: repair.root,
    write: repair.write,
    fixes: repair.fixes,
    written: repair.written,
    issues: repair.issues,
  };
}

/** `sase sdd init -j` (with `check`: `--check`). */
export interface SddInitWire {
  schema_version: 1;
  project_root: string;
  sdd_root: string;
  check: boolean;
  drift: boolean;
  items: InitItem[];
  written: string[];
}

/** An init run or check in wire form. */
export function sddInitWire(report: InitReport, check: boolean): SddInitWire {
  return {
    schema_version: 1,
    project_root: report.projectRoot,
    sdd_root: report.sddRoot,
    check,
    drift: report.drift,
    items: report.items,
    written: report.written,
  };
}

/** `sase validate -j`. */
export interface ProjectValidationWire {
  schema_version: 1;
  ok: boolean;
  root: string;
  mode: ProjectValidation["mode"];
  /** Each check, named `init_sdd` or `sdd_validate`. */
  checks: { name: string; status: string; detail: string }[];
  drifted: string[];
  sdd: SddValidationWire;
}

/** A project validation in wire form. */
export function projectValidationWire(result: ProjectValidation): ProjectValidationWire {
  return {
    schema_version: 1,
    ok: result.ok,
    root: result.root,
    mode: result.mode,
    checks: result.checks.map((check) => ({
      name: check.name.replace(" ", "_"),
      status: check.status,
      detail: check.detail,
    })),
    drifted: result.drifted,
    sdd: sddValidationWire(result.validation),
  };
}

/** One plan proposal on the wire. */
export interface ProposalWire {
  id: string;
  id_prefix: string;
  timestamp: string;
  title: string;
  tier: string;
  kind: string | null;
  plan_file: string | null;
  project: string | null;
  response_dir: string | null;
  saved_plan_path: string | null;
}

/** A proposal in wire form (its state is the list it is in). */
export function proposalWire(row: ProposalRow): ProposalWire {
  return {
    id: row.id,
    id_prefix: row.idPrefix,
    timestamp: row.timestamp,
    title: row.title,
    tier: row.tier,
    kind: row.kind,
    plan_file: row.planFile,
    project: row.project,
    response_dir: row.responseDir,
    saved_plan_path: row.savedPlanPath,
  };
}

/** `sase plan list -j`. */
export interface ProposalDashboardWire {
  summary: { proposed: number; approved: number; rejected: number };
  proposed: ProposalWire[];
  approved: ProposalWire[];
  rejected: ProposalWire[];
}

/** The plan dashboard in wire form. */
export function proposalDashboardWire(dashboard: ProposalDashboard): ProposalDashboardWire {
  return {
    summary: {
      proposed: dashboard.proposed.length,
      approved: dashboard.approved.length,
      rejected: dashboard.rejected.length,
    },
    proposed: dashboard.proposed.map(proposalWire),
    approved: dashboard.approved.map(proposalWire),
    rejected: dashboard.rejected.map(proposalWire),
  };
}

/** Version of {@linkcode PlanCheckWire}; bump on incompatible change. */
export const PLAN_VALIDATION_SCHEMA_VERSION = 3;

/** One finding of plan validation. */
export interface PlanDiagnosticWire {
  severity: PlanDiagnostic["severity"];
  code: string;
  field_path: string;
  message: string;
  line: number | null;
}

/** `sase plan validate -j`. */
export interface PlanCheckWire {
  path: string;
  tier: string;
  schema_version: number;
  ok: boolean;
  diagnostics: PlanDiagnosticWire[];
  /** The plan as validated (null when it has errors), with its frontmatter's field names. */
  plan: ValidatedPlan | null;
}

/** A plan file check in wire form. */
export function planCheckWire(check: PlanFileCheck): PlanCheckWire {
  return {
    path: check.path,
    tier: check.tier,
    schema_version: PLAN_VALIDATION_SCHEMA_VERSION,
    ok: check.validation.ok,
    diagnostics: check.validation.diagnostics.map((d) => ({
      severity: d.severity,
      code: d.code,
      field_path: d.fieldPath,
      message: d.message,
      line: d.line,
    })),
    plan: check.validation.plan,
  };
}

/** One plan search hit on the wire (the body is left out). */
export interface PlanHitWire {
  source: PlanSource;
  path: string;
  tier: string;
  status: string | null;
  title: string;
  created: string;
  score: number;
  snippet: string;
}

/** `sase plan search -j`. */
export interface PlanSearchWire {
  schema_version: 1;
  count: number;
  results: PlanHitWire[];
}

/** Plan search hits in wire form. */
export function planSearchWire(hits: readonly PlanHit[]): PlanSearchWire {
  return {
    schema_version: 1,
    count: hits.length,
    results: hits.map((hit) => ({
      source: hit.source,
      path: hit.path,
      tier: hit.tier,
      status: hit.status,
      title: hit.title,
      created: hit.created,
      score: hit.score,
      snippet: hit.snippet,
    })),
  };
}
