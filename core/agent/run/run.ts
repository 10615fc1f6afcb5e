/**
 * The run service: a prepared launch in, one finished, fully recorded run
 * out. Waits for `%wait` dependencies and the `%time` floor, resolves
 * `#fork` references, lets the provider set up around the run, runs the
 * attempt loop (`attempt_loop.ts`) and the follow-up turns of the agent's
 * questions (`question_turns.ts`), has the agent commit its work (the
 * commit finalizer), collects completion media, then finalizes. Whatever goes wrong after preparation ends as a recorded
 * failure, never as a run without `done.json`.
 *
 * @module
 */

import { reportRunTelemetry } from "./run_telemetry.ts";
import { join } from "../../fs/path.ts";
import { SaseError } from "../../errors.ts";
import { readJsonObject } from "../../fs/json_object.ts";
import { ARTIFACT_FILES, runChatPath, runDirPath } from "../records/artifacts.ts";
import { runGit } from "../../git.ts";
import type { PreparedRun } from "../../provider.ts";
import {
  type AttemptContext,
  attemptOnce,
  type AttemptsResult,
  runAttempts,
} from "./attempt_loop.ts";
import { type AttemptOutcome, failedOutcome } from "./attempt.ts";
import type { LaunchRequest, RunResult } from "./launch_request.ts";
import { type LaunchRecord, readLaunchRecord } from "./launch_record.ts";
import { updateAgentMeta } from "../records/meta.ts";
import { prepareRun } from "./prepare.ts";
import {
  activateRunWorkspace,
  claimRunWorkspace,
  envWithWorkspace,
  releaseRunWorkspace,
} from "./run_workspace.ts";
import type { WorkspaceClaim } from "../../workspace/types.ts";
import { signalProcessGroup } from "./process.ts";
import { ensureSaseShim, pathWithShim } from "./sase_shim.ts";
import type { RunDeps } from "./run_deps.ts";
import { sleeper } from "./run_deps.ts";
import type { RunOutcome } from "./run_state.ts";
import type { DirtyBaseline } from "./finalize/dirty_baseline.ts";
import { waitForDependencies, type WaitResult } from "./wait.ts";
import { repeatStoppedBy } from "./repeat_stop.ts";
import { definedEnv, type Env } from "../../config/paths.ts";

export type { RunDeps } from "./run_deps.ts";

/** Grace between SIGTERM and SIGKILL when a run is killed. */
const KILL_GRACE_MS = 1000;

const TEMPLATE_MARKER = /\{\{|\{%/;

/**
 * Render the run-time template values into the prompt: what the
 * dependencies left behind (`agents`, `wait_chats`) and the `%repeat` slot
 * (`n` of `N`).
 */
async function renderRunTemplate(
  prompt: string,
  waited: WaitResult,
  repeat: LaunchRecord["repeat"],
): Promise<string> {
  if (!TEMPLATE_MARKER.test(prompt)) return prompt;
  const { renderJinja } = await import("../../xprompt/jinja/render.ts");
  return await renderJinja(prompt, {
    wait_chats: waited.waitChats,
    agents: waited.agents,
    ...(repeat ? { n: repeat.iteration, N: repeat.total } : {}),
  });
}

const NOTHING_WAITED: WaitResult = { waitChats: [], agents: {} };

const FORK_MARKER = /#(?:fork|resume)/;

/**
 * `#fork` references resolved into the previous conversation. Modules that
 * are not needed before the provider starts load lazily: the launch
 * overhead is measured to the provider's spawn.
 */
async function resolveForkRefs(prompt: string, env: RunDeps["env"]) {
  if (!FORK_MARKER.test(prompt)) return undefined;
  const { forkedAgentPrompt, resolveForks } = await import("../identity/fork.ts");
  const forks = await resolveForks(prompt, env);
  return forks.forkedFrom.length
    ? { ...forks, providerPrompt: forkedAgentPrompt(forks) }
    : undefined;
}

/** Ends a `%repeat` slot whose predecessor set `STOP` (not an error). */
class RepeatStopped extends Error {}

/** Pass `STOP` on and end the slot as a completed, skipped run. */
async function skipStoppedSlot(dir: string, stoppedBy: string): Promise<AttemptOutcome> {
  await updateAgentMeta(dir, (current) => ({
    output_variables: { ...(current.output_variables as object ?? {}), STOP: "1" },
  }));
  return {
    ...failedOutcome(""),
    ok: true,
    error: undefined,
    exitCode: 0,
    reply: `Skipped: the repeat chain was stopped by ${stoppedBy} (STOP).`,
  };
}

function describe(error: unknown): string {
  if (error instanceof SaseError) {
    return error.hint ? `${error.message} (${error.hint})` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** The workspace's HEAD at launch (the base for completion media), if it is a git checkout. */
async function headRevision(cwd: string): Promise<string | undefined> {
  const result = await runGit(cwd, ["rev-parse", "HEAD"]).catch(() => undefined);
  return result?.ok ? result.stdout.trim() : undefined;
}

/**
 * What was already uncommitted in the workspace as the run starts, when the
 * commit finalizer will look at it afterwards (so the user's pending work is
 * never taken for the run's). Kept in the run's `dirty_at_start.json`. A
 * spawn-on-retry child continues its parent's work in the same checkout, so
 * it inherits the parent's baseline.
 */
async function dirtyBaseline(record: LaunchRecord, deps: RunDeps, env: RunDeps["env"]) {
  const { finalizerSkipReason } = await import("./finalize/commit_finalizer.ts");
  if (finalizerSkipReason(deps.config, env)) return undefined;
  const { captureDirtyBaseline, recordedBaseline, writeDirtyBaseline } = await import(
    "./finalize/dirty_baseline.ts"
  );
  const parent = record.retry_of
    ? await recordedBaseline(runDirPath(deps.env, record.project, record.retry_of.timestamp))
    : undefined;
  const baseline = parent ??
    await captureDirtyBaseline({ workspaceDir: record.cwd, config: deps.config, env });
  if (baseline?.repos.some((repo) => Object.keys(repo.files).length > 0)) {
    await writeDirtyBaseline(record.dir, baseline);
  }
  return baseline;
}

/** After a successful attempt: make the agent commit its work (handbook 13.10). */
async function finalizeCommits(
  context: AttemptContext,
  result: AttemptsResult,
  baseline: DirtyBaseline | undefined,
): Promise<AttemptsResult> {
  const { runCommitFinalizer } = await import("./finalize/commit_finalizer.ts");
  const finalizer = await runCommitFinalizer({
    workspaceDir: context.record.cwd,
    config: context.deps.config,
    env: context.env,
    artifactsDir: context.record.dir,
    baseline,
    followUp: async (prompt) => {
      const outcome = await attemptOnce(context, prompt, result.model);
      return { ok: outcome.ok, error: outcome.error, reply: outcome.reply };
    },
    log: context.deps.warn,
  });
  const reply = [result.outcome.reply, ...finalizer.replies].filter(Boolean).join("\n\n");
  return {
    ...result,
    outcome: finalizer.ok
      ? { ...result.outcome, reply }
      : { ...result.outcome, ok: false, reply, error: finalizer.error },
  };
}

/** The launcher's environment less the tracking a run launched by an agent must not inherit. */
function inheritedEnv(env: Env): Record<string, string> {
  const inherited = definedEnv(env);
  for (const name of TRACKING_VARIABLES) delete inherited[name];
  return inherited;
}

const TRACKING_VARIABLES = [
  "SASE_AGENT_PROJECT_FILE",
  "SASE_AGENT_CL_NAME",
  "SASE_AGENT_CHAT_PATH",
];

/**
 * What an agent's `sase commit` records into (handbook 13.9): the ProjectSpec
 * of the run's project, the ChangeSpec its workspace reference named, and the
 * chat transcript the run will leave (the CHAT drawer of its COMMITS
 * entries). Absent ones are left unset, so a commit falls back to the
 * checkout's project and branch rather than to a stale inherited value.
 */
function trackingEnv(record: LaunchRecord, env: Env): Record<string, string> {
  const projectFile = record.workspace?.projectFile;
  const clName = record.workspace?.changespec;
  return {
    SASE_AGENT_CHAT_PATH: runChatPath(env, record.project, record.timestamp),
    ...(projectFile ? { SASE_AGENT_PROJECT_FILE: projectFile } : {}),
    ...(clName ? { SASE_AGENT_CL_NAME: clName } : {}),
  };
}

/**
 * The handbook's `done.json` fields about where the run worked (handbook
 * 10.17), and a workflow step's linkage to its workflow run.
 */
function doneFields(record: LaunchRecord, claim: WorkspaceClaim | undefined) {
  return {
    cl_name: record.workspace?.changespec ?? null,
    project_file: record.workspace?.projectFile ?? null,
    artifacts_timestamp: record.timestamp,
    workspace_num: claim?.num ?? null,
    vcs_provider: record.workspace?.vcs ?? null,
    ...(record.parent
      ? {
        workflow_name: record.parent.workflow,
        parent_timestamp: record.parent.timestamp,
        step_name: record.parent.step,
      }
      : {}),
  };
}

/** Run the prepared launch `record` (or the one in its directory) to its end. */
export async function executeRun(
  recordOrDir: LaunchRecord | string,
  deps: RunDeps,
): Promise<RunResult> {
  let record = typeof recordOrDir === "string" ? await readLaunchRecord(recordOrDir) : recordOrDir;
  const provider = deps.providers.get(record.provider);
  const agentEnv = {
    ...inheritedEnv(deps.env),
    PATH: pathWithShim(await ensureSaseShim(deps.env), deps.env.PATH),
    SASE_AGENT: "1",
    SASE_ARTIFACTS_DIR: record.dir,
    SASE_AGENT_NAME: record.name,
    SASE_AGENT_TIMESTAMP: record.timestamp,
    ...trackingEnv(record, deps.env),
    ...(record.repeat
      ? {
        SASE_REPEAT_ITERATION: String(record.repeat.iteration),
        SASE_REPEAT_TOTAL: String(record.repeat.total),
      }
      : {}),
  };
  let prepared: PreparedRun | undefined;
  let claim: WorkspaceClaim | undefined;
  let result: AttemptsResult | undefined;
  let prompt = record.prompt;
  let previousConversation: string | undefined;
  let baseRevision: string | undefined;
  let startedAt = new Date().toISOString();
  let stoppedBy: string | undefined;
  let providerPid: number | undefined;
  const stopProvider = () => {
    if (providerPid === undefined) return;
    const pid = providerPid;
    signalProcessGroup(pid, "SIGTERM");
    setTimeout(() => signalProcessGroup(pid, "SIGKILL"), KILL_GRACE_MS);
  };
  deps.abort?.addEventListener("abort", stopProvider, { once: true });
  // The first attempt's sandbox starts up while the workspace is claimed and synced.
  await using warm = deps.warmUpAttempt?.(provider.info, { dir: record.dir, cwd: record.cwd });
  try {
    const waiting = record.waits.length > 0 || record.wait_until !== undefined;
    // The first attempt's jail is set up ahead, where the run will work: a
    // run pinned to a directory (or an unnumbered workspace's) knows it now,
    // the others once claimed (and a waiting run once it has waited: the
    // jail is made for the disk as it is then).
    const knownCwd = record.claim
      ? undefined
      : record.workspace
      ? (record.workspace.numbered ? undefined : record.workspace.primaryDir)
      : record.cwd;
    if (!waiting && knownCwd) warm?.workspaceReady?.(knownCwd, agentEnv);
    claim = await claimRunWorkspace(record, deps, { deferred: waiting });
    const waited = waiting
      ? await waitForDependencies({
        env: deps.env,
        dir: record.dir,
        waits: record.waits,
        waitUntil: record.wait_until,
        sleep: sleeper(deps),
        abort: deps.abort,
      })
      : NOTHING_WAITED;
    stoppedBy = repeatStoppedBy(record.repeat, record.waits, waited);
    if (stoppedBy) throw new RepeatStopped();
    prompt = await renderRunTemplate(prompt, waited, record.repeat);
    claim = await activateRunWorkspace(claim, record, deps);
    if (claim) record = { ...record, cwd: claim.dir };
    warm?.workspaceReady?.(record.cwd, envWithWorkspace(claim, agentEnv));
    startedAt = new Date().toISOString();
    const forks = await resolveForkRefs(prompt, deps.env);
    let providerPrompt = prompt;
    if (forks) {
      prompt = forks.prompt;
      previousConversation = forks.previousConversation;
      providerPrompt = forks.providerPrompt;
    }
    await updateAgentMeta(record.dir, {
      status: "running",
      pid: Deno.pid,
      run_started_at: startedAt,
      ...(forks ? { forked_from: forks.forkedFrom } : {}),
    });
    let baseline: DirtyBaseline | undefined;
    [baseRevision, baseline] = await Promise.all([
      headRevision(record.cwd),
      dirtyBaseline(record, deps, agentEnv),
    ]);
    prepared = await provider.prepareRun?.({
      cwd: record.cwd,
      artifactsDir: record.dir,
      env: deps.env,
    });
    const context: AttemptContext = {
      record,
      provider,
      env: envWithWorkspace(claim, { ...agentEnv, ...prepared?.env }),
      runEnv: [...deps.runEnv ?? [], ...Object.keys(prepared?.env ?? {})],
      deps,
      claim,
      onSpawn: (pid) => providerPid = pid,
    };
    result = await runAttempts(context, providerPrompt);
    const { continueAfterQuestions } = await import("./question_turns.ts");
    ({ result, prompt } = await continueAfterQuestions(context, result, {
      prompt,
      providerPrompt,
    }));
    if (result.outcome.ok && !deps.abort?.aborted) {
      result = await finalizeCommits(context, result, baseline);
    }
  } catch (error) {
    result = {
      outcome: error instanceof RepeatStopped
        ? await skipStoppedSlot(record.dir, stoppedBy!)
        : failedOutcome(describe(error)),
      model: record.model,
      retryCount: result?.retryCount ?? 0,
      usedFallback: result?.usedFallback ?? false,
      retryErrors: result?.retryErrors ?? [],
    };
  } finally {
    deps.abort?.removeEventListener("abort", stopProvider);
    await prepared?.cleanup().catch((error) => deps.warn?.(`provider cleanup failed: ${error}`));
  }

  // `sase agent kill` records its request before signalling anything, so a
  // provider that dies of the kill before our SIGTERM handler runs still
  // makes this run `killed`, not `failed`.
  const killed = deps.abort?.aborted === true ||
    (await readJsonObject(join(record.dir, ARTIFACT_FILES.meta)))?.kill_requested_at !== undefined;
  const outcome: AttemptOutcome = killed
    ? { ...result.outcome, ok: false, error: "killed: the run was stopped (SIGTERM)" }
    : result.outcome;
  const ending: RunOutcome = killed ? "killed" : outcome.ok ? "completed" : "failed";
  const { collectCompletionMedia } = await import("./finalize/completion_media.ts");
  const { finalizeRun } = await import("./finalize/finalize.ts");
  const media = ending === "completed"
    ? await collectCompletionMedia({
      workspaceDir: record.cwd,
      artifactsDir: record.dir,
      baseRevision,
      env: deps.env,
    })
    : undefined;
  // After the media scan: a released checkout may be reset by the next agent at once.
  if (!result.retriedAs) await releaseRunWorkspace(claim, deps);
  // The attempts' records are complete before the run's are.
  await deps.attemptsSettled?.(record.dir).catch((error) =>
    deps.warn?.(`the run's sandbox record is incomplete: ${describe(error)}`)
  );
  const chatPath = await finalizeRun({
    env: deps.env,
    dir: record.dir,
    name: record.name,
    timestamp: record.timestamp,
    project: record.project,
    provider: provider.info.name,
    model: result.model,
    prompt,
    previousConversation,
    reply: outcome.reply,
    outcome: ending,
    error: outcome.error,
    exitCode: outcome.exitCode,
    sessionId: outcome.sessionId,
    startedAt,
    retryCount: result.retryCount,
    retryErrors: result.retryErrors,
    usedFallback: result.usedFallback,
    fallbackModel: result.usedFallback ? result.model : undefined,
    notify: deps.notify ?? true,
    warn: deps.warn,
    media,
    ...(stoppedBy ? { repeatStoppedBy: stoppedBy } : {}),
    doneFields: doneFields(record, claim),
    retryLinks: {
      ...(record.retry_of
        ? {
          retry_of_timestamp: record.retry_of.timestamp,
          retry_chain_root_timestamp: record.retry_of.rootTimestamp,
          retry_attempt: record.retry_of.attempt,
        }
        : {}),
      ...(result.retriedAs ? { retried_as_timestamp: result.retriedAs } : {}),
    },
  });
  await reportRunTelemetry(deps.config, record.dir, {
    provider: provider.info.name,
    project: record.project,
    status: ending,
    workflow: "",
    durationSeconds: (Date.now() - Date.parse(startedAt)) / 1000,
    retryCount: result.retryCount,
  }, deps.warn);
  return {
    name: record.name,
    timestamp: record.timestamp,
    project: record.project,
    dir: record.dir,
    outcome: ending,
    error: outcome.error,
    reply: outcome.reply,
    provider: provider.info.name,
    model: result.model,
    sessionId: outcome.sessionId,
    chatPath,
    retryCount: result.retryCount,
    usedFallback: result.usedFallback,
    retriedAs: result.retriedAs,
  };
}

/** Prepare and run one agent in this process; resolves to its recorded result. */
export async function runAgent(request: LaunchRequest, deps: RunDeps): Promise<RunResult> {
  return await executeRun(await prepareRun(request, deps, { daemon: false }), deps);
}
