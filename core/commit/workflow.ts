/**
 * The CommitWorkflow (handbook 13.2.4, 13.7, 13.8): `sase commit` from the
 * flags to a tracked result, stage by stage in the chapter's order — bead
 * association, bead lifecycle, plan (not for proposals), precommit command,
 * PR name/parent/tags/prefix, runtime trailers, PR body (the pure stages
 * of `plan.ts`), diff capture, checkpoint, dispatch through the VCS
 * provider, then the tracking steps of `finish.ts` — and its `--resume`
 * after a merge conflict.
 *
 * A run ends OK (0), FAILED (1: nothing is left behind) or CONFLICT (2:
 * the checkpoint stays for `--resume`). Bad input (flags, environment,
 * message file) is thrown as a `SaseError` before anything changes.
 *
 * @module
 */

import type { AppContext } from "../context.ts";
import { saseHome } from "../config/paths.ts";
import { SaseError } from "../errors.ts";
import { atomicWriteTextFile } from "../fs/atomic_write.ts";
import { exists } from "../fs/access.ts";
import { READ_LIMITS, readTextBounded } from "../fs/bounded_read.ts";
import { basename, resolve } from "../fs/path.ts";
import { neutralizeControls } from "../text/control_chars.ts";
import { releaseChangeSpecName, reserveChangeSpecName } from "../changespec/create.ts";
import type { CheckoutFacts, CommitDispatchPayload, CompleteVcsProvider } from "../vcs/provider.ts";
import { resolveVcsProvider } from "../vcs/resolve.ts";
import {
  type CommitCheckpoint,
  deleteCheckpoint,
  loadCheckpoint,
  resumeVerdict,
  saveCheckpoint,
} from "./checkpoint.ts";
import { isBrokeredCommit, requireBrokerableProvider, resolvesInside } from "./brokered.ts";
import {
  gitTopLevel,
  headSubject,
  pendingConflicts,
  shortHead,
  workspaceRoot,
} from "./conflicts.ts";
import { finishTracking, STEPS } from "./finish.ts";
import { runBeadLifecycle, runPrecommit } from "./lifecycle.ts";
import type { CommitMethod } from "./method.ts";
import { checkpointPath, diffCapturePath } from "./paths.ts";
import { type CommitPlan, planCommit } from "./plan.ts";
import { gatherPlanContext } from "./plan_context.ts";
import { markPlanDone, resolvePlanFile } from "./plan_file.ts";
import { type CommitFlags, messageSource, resolveCommitRequest } from "./request.ts";
import { commitStore, resolveTracking } from "./tracking_target.ts";
import type { CommitRun, CommitRunStatus } from "./outcome.ts";

/** Options of {@linkcode runCommit}. */
export interface RunCommitOptions {
  flags: CommitFlags;
  /** `-v/--vcs-provider`. */
  vcsProvider?: string;
}

/** Options of {@linkcode resumeCommit}. */
export interface ResumeCommitOptions {
  /** `-v/--vcs-provider`. */
  vcsProvider?: string;
}

/** The code a dispatch conflict carries (the provider's rebase stopped). */
const CONFLICT_CODE = "vcs.merge_conflict";

async function readMessageFile(app: AppContext, path: string): Promise<string> {
  const absolute = resolve(app.cwd, path);
  try {
    return await readTextBounded(absolute, READ_LIMITS.input);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new SaseError("commit.no_message_file", `message file not found: ${absolute}`, {
        hint: "write the commit message to that file first, or pass it with -m",
        kind: "not-found",
      });
    }
    throw error;
  }
}

/** A branch or ChangeSpec name as a file name (slashes flattened). */
function fileSafe(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]+/g, "_").replace(/^\.+/, "_") || "commit";
}

/**
 * Save the pre-dispatch diff (untracked files included where the provider
 * can) to `path`; null when there is nothing to save. A checkout the
 * richer diff fails in (no commit yet) gets the plain one.
 */
async function captureDiff(
  vcs: CompleteVcsProvider,
  cwd: string,
  path: string,
): Promise<string | null> {
  const diff = vcs.supports("diffWithUntracked")
    ? await vcs.diffWithUntracked(cwd).catch(() => vcs.diff(cwd))
    : await vcs.diff(cwd);
  if (diff === null || diff.trim() === "") return null;
  // A record for tracking, not state to recover: no flush to disk.
  await atomicWriteTextFile(path, diff, { sync: false });
  return path;
}

function dispatch(
  vcs: CompleteVcsProvider,
  method: CommitMethod,
  cwd: string,
  payload: CommitDispatchPayload,
): Promise<string | null> {
  switch (method) {
    case "create_commit":
      return vcs.createCommit(cwd, payload);
    case "create_proposal":
      return vcs.createProposal(cwd, payload);
    case "create_pull_request":
      return vcs.createPullRequest(cwd, payload);
  }
}

function runOf(checkpoint: CommitCheckpoint, fields: Partial<CommitRun> = {}): CommitRun {
  return {
    status: "ok",
    resumed: false,
    method: checkpoint.method,
    result: checkpoint.dispatchResult,
    message: checkpoint.payload.message,
    name: checkpoint.payload.name,
    beadId: checkpoint.payload.beadId,
    changespecName: checkpoint.changespecName,
    entryId: checkpoint.entryId,
    diffPath: checkpoint.diffPath,
    checkpointPath: null,
    error: null,
    hint: null,
    warnings: [],
    ...fields,
  };
}

/**
 * The steps after dispatch, shared by a run and its resume (each is
 * idempotent and checkpointed, so a resume replays only what is missing):
 * the tracking records, then the checkpoint goes.
 */
async function completeRun(
  app: AppContext,
  vcs: CompleteVcsProvider,
  stateFile: string,
  checkpoint: CommitCheckpoint,
  fields: { warnings: string[]; resumed?: boolean },
): Promise<CommitRun> {
  await finishTracking({
    app,
    vcs,
    save: (cp) => saveCheckpoint(stateFile, cp, { durable: false }),
    warn: (message) => fields.warnings.push(message),
  }, checkpoint);
  await deleteCheckpoint(stateFile);
  return runOf(checkpoint, fields);
}

function describe(error: unknown): { error: string; hint: string | null } {
  const message = error instanceof Error ? error.message : String(error);
  const hint = error instanceof SaseError ? error.hint ?? null : null;
  return { error: neutralizeControls(message, { keepLayout: true }), hint };
}

function isConflict(error: unknown): boolean {
  return error instanceof SaseError && error.code === CONFLICT_CODE;
}

/** The checkpoint of a plan about to be dispatched. */
function checkpointOf(
  plan: CommitPlan,
  request: ReturnType<typeof resolveCommitRequest>,
  fields: {
    cwd: string;
    clName: string | null;
    projectFile: string | null;
    diffPath: string | null;
    reservedName: string | null;
    prTitlePrefix: string | null;
    planStagePath: string | null;
    now: Date;
  },
): CommitCheckpoint {
  return {
    method: plan.method,
    payload: {
      message: plan.message,
      files: plan.files,
      name: fields.reservedName ?? plan.name,
      beadId: plan.beadId,
      bugId: request.bugId,
      checkoutTarget: plan.method === "create_pull_request" ? plan.checkoutTarget : null,
      status: plan.method === "create_pull_request" ? plan.prStatus : null,
      prBody: plan.prBody,
      prTitlePrefix: fields.prTitlePrefix,
      planPath: fields.planStagePath,
    },
    cwd: fields.cwd,
    clName: fields.clName,
    projectFile: fields.projectFile,
    diffPath: fields.diffPath,
    baseClName: plan.baseName,
    reservedName: fields.reservedName,
    parentClName: plan.parent,
    dispatchResult: null,
    changespecName: null,
    entryId: null,
    completedSteps: [],
    createdAt: Math.floor(fields.now.getTime() / 1000),
  };
}

function payloadOf(checkpoint: CommitCheckpoint, facts?: CheckoutFacts): CommitDispatchPayload {
  const p = checkpoint.payload;
  return {
    ...(facts ? { facts } : {}),
    message: p.message,
    name: p.name ?? undefined,
    files: p.files,
    extraPaths: p.planPath ? [p.planPath] : [],
    beadId: p.beadId ?? undefined,
    prTitlePrefix: p.prTitlePrefix ?? undefined,
    prBody: p.prBody ?? undefined,
    // The diffs the dispatch saves itself: a proposal's, and a PR's branch diff.
    diffPath: checkpoint.method === "create_commit" ? undefined : checkpoint.diffPath ?? undefined,
    checkoutTarget: p.checkoutTarget ?? undefined,
  };
}

async function refuseDuringRebase(vcs: CompleteVcsProvider, cwd: string): Promise<void> {
  if (!vcs.supports("isSyncInProgress") || !(await vcs.isSyncInProgress(cwd))) return;
  throw new SaseError(
    "commit.rebase_in_progress",
    `a rebase is in progress in ${cwd}; a new commit would land in the middle of it`,
    {
      hint: "finish it and run `sase commit --resume` (or `git rebase --abort`), then retry",
      kind: "conflict",
    },
  );
}

/**
 * Run `sase commit`: resolve the request, run the stages, dispatch through
 * the VCS provider, record the result.
 */
export async function runCommit(app: AppContext, options: RunCommitOptions): Promise<CommitRun> {
  const { flags } = options;
  messageSource(flags);
  const fileText = flags.messageFile === undefined
    ? null
    : await readMessageFile(app, flags.messageFile);
  const request = resolveCommitRequest(flags, fileText, app.env);
  const cwd = app.cwd;
  // Independent look-ups run together: each is a subprocess or a few file reads.
  const resolved = resolveVcsProvider(app, { explicit: options.vcsProvider, cwd });
  const branchOf = resolved.then(({ provider }) =>
    provider.supports("branchName") ? provider.branchName(cwd).catch(() => null) : null
  );
  const [{ provider: vcs, selection }, top, branch, tracking] = await Promise.all([
    resolved,
    gitTopLevel(cwd, app.env),
    branchOf,
    resolveTracking(app, cwd, branchOf),
    resolved.then(({ provider }) => refuseDuringRebase(provider, cwd)),
  ]);
  const root = top ?? cwd;
  const brokered = isBrokeredCommit(app.env);
  if (brokered) requireBrokerableProvider(vcs.info.name);
  const warnings: string[] = [];
  const isProposal = request.method === "create_proposal";
  const isPr = request.method === "create_pull_request";
  const failed = (error: unknown): CommitRun => ({
    status: "failed",
    resumed: false,
    method: request.method,
    result: null,
    message: request.message,
    name: request.name,
    beadId: request.beadId,
    changespecName: null,
    entryId: null,
    diffPath: null,
    checkpointPath: null,
    ...describe(error),
    error: `${request.method} failed: ${describe(error).error}`,
    warnings,
  });

  // Bead lifecycle and plan: landed work only.
  let planFile = isProposal ? null : await resolvePlanFile(app.env, cwd, root);
  if (
    planFile && brokered && !(await resolvesInside(planFile.absolute, [root, saseHome(app.env)]))
  ) {
    warnings.push(`plan ${planFile.absolute} ignored: it resolves outside the checkout`);
    planFile = null;
  }
  if (!isProposal) {
    warnings.push(...await runBeadLifecycle(app.at(root), request.beadId));
    if (planFile) {
      await markPlanDone(planFile.absolute).catch((error: Error) => {
        warnings.push(`plan not marked done: ${neutralizeControls(error.message)}`);
      });
    }
  }
  let precommit: string | null;
  try {
    precommit = await runPrecommit(app, cwd);
  } catch (error) {
    return failed(error);
  }
  // What was read about the checkout so far, for the dispatch not to ask again; a precommit
  // command may have changed the checkout, so after one the dispatch reads it afresh.
  const facts: CheckoutFacts = precommit === null
    ? {
      ...(top === null ? {} : { root: top }),
      ...(vcs.supports("branchName") ? { branch } : {}),
      ...(selection.originUrl === undefined ? {} : { hasOrigin: true }),
    }
    : {};

  const context = await gatherPlanContext(
    app,
    vcs,
    cwd,
    request,
    tracking,
    planFile?.repoRelative ?? null,
  );
  const plan = planCommit(request, context);
  const store = commitStore(app);
  const reservedName = isPr && tracking.project
    ? await reserveChangeSpecName(store, tracking.project, plan.baseName!)
    : null;
  const name = reservedName ?? plan.name;
  const now = app.now();
  const diffName = fileSafe(name ?? tracking.clName ?? branch ?? basename(root));
  const plannedDiff = diffCapturePath(saseHome(app.env), diffName, now);
  // A proposal is its diff. A provider that can show the commit gets it saved after the
  // dispatch (exactly what was committed); otherwise the working tree's diff is saved now.
  // The diff only serves tracking: a commit goes on without it.
  const diffPath = isProposal || vcs.supports("committedDiff")
    ? plannedDiff
    : await captureDiff(vcs, cwd, plannedDiff).catch((error: Error) => {
      warnings.push(`diff not saved: ${neutralizeControls(error.message)}`);
      return null;
    });

  const checkpoint = checkpointOf(plan, request, {
    cwd,
    clName: tracking.clName,
    projectFile: tracking.project?.activePath ?? null,
    diffPath,
    reservedName,
    prTitlePrefix: context.projectPrefix ? `[${context.projectPrefix}] ` : null,
    planStagePath: planFile?.repoRelative ? planFile.absolute : null,
    now,
  });
  const stateFile = checkpointPath(saseHome(app.env), app.env, root, brokered);
  await saveCheckpoint(stateFile, checkpoint);

  try {
    checkpoint.dispatchResult = await dispatch(
      vcs,
      plan.method,
      cwd,
      payloadOf(checkpoint, facts),
    );
  } catch (error) {
    if (isConflict(error)) {
      return runOf(checkpoint, {
        status: "conflict",
        checkpointPath: stateFile,
        ...describe(error),
        error: `${plan.method} hit a merge conflict: ${describe(error).error}`,
        warnings,
      });
    }
    await deleteCheckpoint(stateFile);
    if (reservedName && tracking.project) {
      await releaseChangeSpecName(store, tracking.project, reservedName).catch(() => {});
    }
    if (diffPath && !isProposal) await Deno.remove(diffPath).catch(() => {});
    return failed(error);
  }
  checkpoint.completedSteps.push(STEPS.dispatch);
  await saveCheckpoint(stateFile, checkpoint, { durable: false });
  return await completeRun(app, vcs, stateFile, checkpoint, { warnings });
}

/**
 * `sase commit --resume`: finish a run a merge conflict stopped, once the
 * user resolved it. Markers or unmerged files left → CONFLICT; a HEAD that
 * is not the checkpointed commit → FAILED; otherwise the provider's
 * idempotent finalize (bead amend, push) and the tracking steps run again,
 * and the checkpoint is deleted.
 */
export async function resumeCommit(
  app: AppContext,
  options: ResumeCommitOptions = {},
): Promise<CommitRun> {
  const root = await workspaceRoot(app.cwd, app.env);
  const brokered = isBrokeredCommit(app.env);
  const stateFile = checkpointPath(saseHome(app.env), app.env, root, brokered);
  const checkpoint = await loadCheckpoint(stateFile);
  const cwd = checkpoint.cwd;
  const { provider: vcs } = await resolveVcsProvider(app, { explicit: options.vcsProvider, cwd });
  if (brokered) requireBrokerableProvider(vcs.info.name);
  const warnings: string[] = [];
  const stopped = (status: CommitRunStatus, error: string, hint: string | null) =>
    runOf(checkpoint, {
      status,
      resumed: true,
      checkpointPath: stateFile,
      error,
      hint,
      warnings,
    });

  const pending = await pendingConflicts(vcs, cwd, app.env);
  if (pending.withMarkers.length > 0) {
    return stopped(
      "conflict",
      `conflict markers are still in ${pending.withMarkers.join(", ")}`,
      "resolve them, `git add` the files, then run `sase commit --resume` again",
    );
  }
  if (pending.unmerged.length > 0) {
    return stopped(
      "conflict",
      `resolved files are not staged yet: ${pending.unmerged.join(", ")}`,
      "`git add` them, then run `sase commit --resume` again",
    );
  }
  // Every conflict is resolved and staged: the stopped rebase can go on.
  if (vcs.supports("isSyncInProgress") && await vcs.isSyncInProgress(cwd)) {
    try {
      await vcs.continueSync(cwd);
    } catch (error) {
      return stopped(
        "conflict",
        `the rebase stopped again: ${describe(error).error}`,
        "resolve the new conflicts, `git add` the files, then run `sase commit --resume` again",
      );
    }
  }
  const verdict = resumeVerdict(checkpoint, [], await headSubject(vcs, cwd));
  if (verdict.kind === "foreign_head") {
    return stopped(
      "failed",
      `HEAD is '${neutralizeControls(verdict.actual)}', not the checkpointed commit ` +
        `'${neutralizeControls(verdict.expected)}'`,
      `run \`sase commit\` again from the start (delete ${stateFile} to drop the interrupted run)`,
    );
  }

  const dispatched = checkpoint.completedSteps.includes(STEPS.dispatch);
  if (checkpoint.method === "create_proposal" && !dispatched) {
    // Interrupted before it was recorded: the saved diff tells whether the proposal exists.
    if (checkpoint.diffPath === null || !(await exists(checkpoint.diffPath))) {
      await deleteCheckpoint(stateFile);
      return runOf(checkpoint, {
        status: "failed",
        resumed: true,
        error: "the interrupted proposal was never saved; there is nothing to finish",
        hint: "run `sase commit -t propose` again",
        warnings,
      });
    }
    checkpoint.dispatchResult = checkpoint.diffPath;
    checkpoint.completedSteps.push(STEPS.dispatch);
  }
  const needsFinalize = checkpoint.method !== "create_proposal" && !dispatched;
  if (needsFinalize) {
    if (vcs.supports("finalizeCommit")) {
      try {
        await vcs.finalizeCommit(cwd, payloadOf(checkpoint));
      } catch (error) {
        const { error: text, hint } = describe(error);
        return isConflict(error)
          ? stopped("conflict", `${checkpoint.method} hit a merge conflict: ${text}`, hint)
          : stopped("failed", `finalizing ${checkpoint.method} failed: ${text}`, hint);
      }
    } else {
      warnings.push(
        `the ${vcs.info.name} provider cannot replay the push; replaying the tracking steps only`,
      );
    }
    checkpoint.dispatchResult ??= checkpoint.method === "create_commit"
      ? await shortHead(vcs, cwd, app.env)
      : null;
    checkpoint.completedSteps.push(STEPS.dispatch);
    await saveCheckpoint(stateFile, checkpoint, { durable: false });
  }
  return await completeRun(app, vcs, stateFile, checkpoint, { resumed: true, warnings });
}
