/**
 * `sase plan approve`: answer a pending proposal the way the TUI does.
 *
 * Under the response file's lock: validate the plan against the target tier,
 * commit it (and its prompt snapshot) under the matching SDD tier, create
 * the beads of an epic or legend, then write `plan_response.json` exactly
 * once and mark the notification handled. SDD work comes before the
 * response so a failed commit can simply be retried; the lock and the
 * create-once write make a second approval fail instead of committing twice.
 * The result names the follow-up to launch; launching it is the caller's.
 *
 * @module
 */

import { basename } from "../fs/path.ts";
import { SaseError, usageError } from "../errors.ts";
import { neutralizeControls } from "../text/control_chars.ts";
import type { Env } from "../config/paths.ts";
import { READ_LIMITS, readTextBounded } from "../fs/bounded_read.ts";
import { recordResponse } from "../notify/respond.ts";
import { planNameFrom, type SddTier } from "./layout.ts";
import { authoredTier, validatePlan } from "./plan_validate.ts";
import { snapshotBody } from "./snapshot.ts";
import { setFrontmatterFields } from "./frontmatter.ts";
import { persistApprovedPlan, type PersistResult } from "./persist.ts";
import { createPlanBeads, type PlanBeads } from "./bead_link.ts";
import { commitPlanningWrite } from "./local_repo.ts";
import { resolveSddRoot, type SddRoot } from "./root.ts";
import { type FollowUp, plannerDirOf } from "./follow_up.ts";
import type { PlanRequest, PlanResponse } from "./proposal_files.ts";
import { readPlanFile, readRequest } from "./proposals.ts";
import { answerPendingProposal } from "./pending_answer.ts";
import type { ApprovalKind } from "./approval_kinds.ts";

/** The runner protocol of each kind: which action, whether to commit the plan and run a coder. */
const PROTOCOL: Readonly<
  Record<ApprovalKind, { action: "approve" | "epic"; commit: boolean; coder: boolean }>
> = {
  approve: { action: "approve", commit: false, coder: true },
  tale: { action: "approve", commit: true, coder: true },
  epic: { action: "epic", commit: true, coder: true },
  legend: { action: "epic", commit: true, coder: true },
  commit: { action: "approve", commit: true, coder: false },
};

/** Options of {@linkcode approvePlan}. */
export interface ApproveOptions {
  env: Env;
  selector?: string;
  /** Omitted: the tier the plan declares (`tier:` frontmatter). */
  kind?: ApprovalKind;
  /** Follow-up model. */
  model?: string;
  /** Extra coder instructions (approve and tale only). */
  prompt?: string;
  now?: Date;
}

/** What approval did. */
export interface ApproveResult {
  id: string;
  kind: ApprovalKind;
  responsePath: string;
  response: PlanResponse;
  sdd: SddRoot | null;
  persisted: PersistResult | null;
  beads: PlanBeads | null;
  /** What to launch next (nothing for `commit`). */
  followUp: FollowUp | null;
}

/** A title an agent wrote, made safe for an error message or a commit subject. */
function oneLine(title: string): string {
  return neutralizeControls(title, { keepLayout: false });
}

function targetTier(kind: ApprovalKind, plan: string): SddTier {
  if (kind === "epic" || kind === "legend" || kind === "tale") return kind;
  return authoredTier(plan) ?? "tale";
}

/**
 * Validate as the target tier; a cross-tier override rewrites only the
 * `tier:` field. An epic must list its phases: they become its phase beads.
 */
function validateFor(planText: string, tier: SddTier, planFile: string, fallbackTitle: string) {
  const text = authoredTier(planText) === tier
    ? planText
    : setFrontmatterFields(planText, { tier }, planFile);
  const result = validatePlan(text, tier, { fallbackTitle });
  const errors = result.diagnostics.filter((d) => d.severity === "error")
    .map((d) => `${planFile}:${d.line ?? 1}: [${d.code}] ${d.message}`);
  if (result.ok && tier === "epic" && result.plan!.phases.length === 0) {
    errors.push(
      `${planFile}:1: [phases-missing] an epic needs a \`phases:\` list (id, title, depends_on) to create its phase beads`,
    );
  }
  if (errors.length > 0) {
    throw new SaseError("plan.invalid", `plan failed ${tier} validation:\n${errors.join("\n")}`, {
      hint: "fix the plan file and approve again, or choose another --kind",
      kind: "invalid-data",
    });
  }
  return { text, plan: result.plan! };
}

interface FollowUpInput {
  kind: ApprovalKind;
  request: PlanRequest;
  responseDir: string;
  persisted: PersistResult | null;
  beads: PlanBeads | null;
  options: ApproveOptions;
}

function followUpFor(input: FollowUpInput): FollowUp | null {
  const { kind, request, persisted, beads, options } = input;
  if (kind === "commit") return null;
  if (beads) {
    return {
      kind: "bead_work",
      storeDir: beads.storeDir,
      beadId: beads.beadId,
      projectDir: request.project_dir,
    };
  }
  return {
    kind: "coder",
    planRef: persisted?.planRef ?? request.plan_file,
    projectDir: request.project_dir,
    plannerDir: plannerDirOf(input.responseDir),
    ...(options.model !== undefined ? { model: options.model } : {}),
    ...(options.prompt !== undefined ? { extra: options.prompt } : {}),
  };
}

/** Approve a pending proposal. */
export async function approvePlan(options: ApproveOptions): Promise<ApproveResult> {
  const { env } = options;
  if (
    options.prompt !== undefined && options.kind !== undefined && options.kind !== "approve" &&
    options.kind !== "tale"
  ) {
    throw usageError(
      "-p/--prompt adds coder instructions and applies only to --kind approve or tale",
    );
  }
  return await answerPendingProposal(env, options.selector, async (row, responsePath) => {
    const dir = row.responseDir!;
    const request = await readRequest(dir);
    if (!request) {
      throw new SaseError("plan.corrupt", `${dir} has no plan_request.json`, {
        kind: "invalid-data",
      });
    }
    const planText = await readPlanFile(request.plan_file);
    const kind: ApprovalKind | null = options.kind ?? authoredTier(planText);
    if (kind === null) {
      throw usageError(
        "the plan declares no tier; pass -k/--kind approve, tale, epic, legend or commit",
      );
    }
    if (options.prompt !== undefined && kind !== "approve" && kind !== "tale") {
      throw usageError("-p/--prompt applies only to --kind approve or tale");
    }
    const protocol = PROTOCOL[kind];
    let sdd: SddRoot | null = null;
    let persisted: PersistResult | null = null;
    let beads: PlanBeads | null = null;
    if (protocol.commit) {
      const tier = targetTier(kind, planText);
      const checked = validateFor(
        planText,
        tier,
        request.plan_file,
        basename(request.original_file).replace(/\.md$/i, ""),
      );
      sdd = await resolveSddRoot({ cwd: request.project_dir, env, forWrite: true });
      const snapshot = request.prompt_file
        ? snapshotBody(await readTextBounded(request.prompt_file, READ_LIMITS.document))
        : null;
      persisted = await persistApprovedPlan({
        sdd,
        tier,
        planText: checked.text,
        name: planNameFrom(basename(request.original_file)),
        snapshot,
        now: options.now,
        message: `Approve ${tier} ${oneLine(checked.plan.title)}`,
      });
      if (tier === "epic" || tier === "legend") {
        beads = await createPlanBeads({
          sdd,
          env,
          planPath: persisted.planPath,
          planRef: persisted.planRef,
          plan: checked.plan,
          model: options.model,
        });
        const storeFiles = [persisted.planPath, beads.storeDir];
        persisted.commit = await commitPlanningWrite(
          sdd,
          storeFiles,
          `Link ${tier} ${oneLine(checked.plan.title)} to bead ${beads.beadId}`,
        ) ?? persisted.commit;
      }
    }
    const response: PlanResponse = {
      action: protocol.action,
      commit_plan: protocol.commit,
      run_coder: protocol.coder,
      kind,
      ...(options.prompt !== undefined ? { coder_prompt: options.prompt } : {}),
      ...(options.model !== undefined ? { coder_model: options.model } : {}),
      ...(persisted ? { saved_plan_path: persisted.planPath, plan_ref: persisted.planRef } : {}),
      ...(persisted?.promptPath ? { saved_prompt_path: persisted.promptPath } : {}),
      ...(persisted?.commit ? { sdd_commit: persisted.commit } : {}),
      ...(beads ? { bead_id: beads.beadId } : {}),
    };
    await recordResponse(env, row.id, responsePath, response);
    return {
      id: row.id,
      kind,
      responsePath,
      response,
      sdd,
      persisted,
      beads,
      followUp: followUpFor({ kind, request, responseDir: dir, persisted, beads, options }),
    };
  });
}
