/**
 * The pure stages of the CommitWorkflow, in chapter 13's order: bead
 * association, `PLAN=` (not for proposals), PR name suffix, PR parent, PR
 * tags and title prefix, runtime `AGENT=`/`MACHINE=` trailers (commits and
 * PRs), PR body. What needs the disk or the VCS (the plan path, existing
 * names, the current branch's ChangeSpec, config tags, the host name) comes
 * in resolved, so every rule here is a value in, value out.
 *
 * @module
 */

import { bugFieldValue, uniqueChangeSpecName } from "../changespec/create.ts";
import type { ChangeSpecStatus } from "../changespec/types.ts";
import {
  type AgentFooterInfo,
  type CommitTags,
  mergePrTags,
  prBody,
  prTitle,
  type RuntimeProvenance,
  withBeadInFirstLine,
  withPlanLine,
  withPrTags,
  withRuntimeTags,
} from "./message.ts";
import type { CommitMethod } from "./method.ts";
import type { CommitRequest } from "./request.ts";

/** What the stages need from outside the request. */
export interface CommitPlanContext {
  /** Repository-relative path of a version-controlled `SASE_PLAN`, else null. */
  planPath: string | null;
  /** Every ChangeSpec name of the project (active and archive), for the PR suffix. */
  existingNames: readonly string[];
  /** The ChangeSpec named by the current branch, when one exists. */
  currentBranchSpec: string | null;
  /** Tags of the parent PR's body (lowest precedence). */
  inheritedTags: CommitTags;
  /** `vcs_provider.pr_tags`. */
  configuredTags: CommitTags;
  /** The project name when `vcs_provider.use_project_pr_prefix` is on. */
  projectPrefix: string | null;
  provenance: RuntimeProvenance;
  /** From `agent_meta.json`, for the PR body footer. */
  agent: AgentFooterInfo | null;
}

/** The resolved run, ready for diff capture, checkpoint and dispatch. */
export interface CommitPlan {
  method: CommitMethod;
  /** The message to dispatch. */
  message: string;
  files: string[];
  beadId: string | null;
  planPath: string | null;
  /** PR only: the name asked for, and the unique name the branch and spec get. */
  baseName: string | null;
  name: string | null;
  parent: string | null;
  /** PR only: BUG field value (`http://b/<id>`). */
  bug: string | null;
  prTitle: string | null;
  prBody: string | null;
  prStatus: ChangeSpecStatus;
  checkoutTarget: string;
}

/** Run the pure stages over `request`. */
export function planCommit(request: CommitRequest, context: CommitPlanContext): CommitPlan {
  const isPr = request.method === "create_pull_request";
  const isProposal = request.method === "create_proposal";
  let message = request.message;
  if (request.beadId !== null) message = withBeadInFirstLine(message, request.beadId);
  const planPath = isProposal ? null : context.planPath;
  if (planPath !== null) message = withPlanLine(message, planPath);
  const baseName = isPr ? request.name : null;
  const name = baseName === null ? null : uniqueChangeSpecName(baseName, context.existingNames);
  const detected = context.currentBranchSpec !== null && context.currentBranchSpec !== baseName
    ? context.currentBranchSpec
    : null;
  const parent = isPr ? request.parent ?? detected : null;
  if (isPr) {
    const tags = mergePrTags(context.inheritedTags, context.configuredTags, request.bugId);
    message = withPrTags(message, tags);
  }
  if (!isProposal) message = withRuntimeTags(message, context.provenance);
  return {
    method: request.method,
    message,
    files: request.files,
    beadId: request.beadId,
    planPath,
    baseName,
    name,
    parent,
    bug: isPr ? bugFieldValue(request.bugId) : null,
    prTitle: isPr ? prTitle(message, context.projectPrefix) : null,
    prBody: isPr ? prBody(message, context.agent) : null,
    prStatus: request.prStatus,
    checkoutTarget: request.checkoutTarget,
  };
}
