/**
 * The run service: one launch request in, one finished, fully recorded run
 * out. Selects the provider and model, allocates the artifact directory and
 * name, runs attempts (retrying per `llm_provider.retry`, snapshotting each
 * failed attempt under `attempts/<N>/`), then finalizes.
 *
 * @module
 */

import { join } from "node:path";
import type { Env } from "../config/paths.ts";
import type { SaseConfig } from "../config/types.ts";
import { SaseError } from "../errors.ts";
import { atomicWriteJson, atomicWriteTextFile } from "../fs/atomic_write.ts";
import type { Invocation, LlmProvider, LlmProviderLookup } from "../provider.ts";
import { allocateRunDir, ARTIFACT_FILES, projectForCwd, RUN_WORKFLOW } from "./artifacts.ts";
import { type AttemptOutcome, runAttempt } from "./attempt.ts";
import { finalizeRun } from "./finalize.ts";
import type { LaunchRequest, RunResult } from "./launch_request.ts";
import { readActiveOverride } from "./llm_override.ts";
import { updateAgentMeta } from "./meta.ts";
import { reserveAgentName } from "./naming.ts";
import { resolveExecutable } from "./process.ts";
import {
  isRetryable,
  mergeRetryPolicy,
  retryWaitSeconds,
  stallTimeoutMs,
  withContinuation,
} from "./run_settings.ts";
import { type Selection, selectModel } from "./select_model.ts";

/** What the run service needs from its caller. */
export interface RunDeps {
  providers: LlmProviderLookup;
  config: SaseConfig;
  env: Env;
  cwd: string;
  /** Receives reply text as it streams (exactly what `live_reply.md` gets). */
  echo?: (text: string) => void;
  /** Receives selection warnings and retry notices. */
  warn?: (message: string) => void;
  /** Overrides `llm_provider.stall_timeout` (milliseconds). */
  stallTimeoutMs?: number;
  /** Post a notification when the run finishes (default true). */
  notify?: boolean;
  /** Waits between retries (replaceable in tests). */
  sleep?: (ms: number) => Promise<void>;
}

async function installedProviders(providers: LlmProviderLookup, env: Env): Promise<string[]> {
  const found = await Promise.all(
    providers.infos().filter((info) => info.autodetectPriority !== null).map(async (info) => {
      const command = (info.pathEnv && env[info.pathEnv]?.trim()) || info.binary;
      return await resolveExecutable(command, env, info.fallbackDirEnvs) ? info.name : undefined;
    }),
  );
  return found.filter((name): name is string => name !== undefined);
}

/** Select the provider/model for `request` (reads the override files). */
export async function selectForRequest(request: LaunchRequest, deps: RunDeps): Promise<Selection> {
  const [override, workerOverride, installed] = await Promise.all([
    readActiveOverride(deps.env, "primary"),
    readActiveOverride(deps.env, "worker"),
    installedProviders(deps.providers, deps.env),
  ]);
  return selectModel({
    infos: deps.providers.infos(),
    config: deps.config.llm_provider,
    provider: request.provider,
    model: request.model,
    tier: request.tier,
    env: deps.env,
    override,
    workerOverride,
    installed,
  });
}

async function executableFor(provider: LlmProvider, invocation: Invocation, env: Env) {
  const command = invocation.argv[0];
  const found = await resolveExecutable(command, env, provider.info.fallbackDirEnvs);
  if (found) return found;
  const info = provider.info;
  throw new SaseError(
    "provider.not_found",
    `${info.tool} executable '${command}' not found on PATH`,
    {
      hint: `${info.install}${info.pathEnv ? `, or set ${info.pathEnv} to its path` : ""}`,
    },
  );
}

function cleanEnv(env: Env): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/** Move a failed attempt's reply aside so the next attempt starts clean. */
async function snapshotAttempt(
  dir: string,
  number: number,
  outcome: AttemptOutcome,
  model: string,
): Promise<void> {
  const target = join(dir, "attempts", String(number));
  await Deno.mkdir(target, { recursive: true });
  for (const file of [ARTIFACT_FILES.liveReply, ARTIFACT_FILES.replyTimestamps]) {
    await Deno.rename(join(dir, file), join(target, file)).catch(() => {});
  }
  await atomicWriteJson(join(target, "attempt.json"), {
    attempt: number,
    model,
    error: outcome.error,
    exit_code: outcome.exitCode,
    session_id: outcome.sessionId ?? null,
    started_at: outcome.startedAt,
    finished_at: outcome.finishedAt,
  });
}

/** Run one agent to completion; resolves to its recorded result. */
export async function runAgent(request: LaunchRequest, deps: RunDeps): Promise<RunResult> {
  if (request.waits && request.waits.length > 0) {
    throw new SaseError("run.wait_unsupported", "%wait is not supported by foreground runs yet", {
      hint: "launch the dependency first, then run this prompt",
    });
  }
  const selection = await selectForRequest(request, deps);
  for (const warning of selection.warnings) deps.warn?.(warning);
  const provider = deps.providers.get(selection.provider);
  const sleep = deps.sleep ?? ((ms: number) => new Promise((done) => setTimeout(done, ms)));

  const build = (prompt: string, model: string) =>
    provider.buildInvocation({
      prompt,
      model,
      tier: selection.tier,
      cwd: deps.cwd,
      env: deps.env,
      sessionId: crypto.randomUUID(),
    });
  // Refuse unusable launches (prompt too large, CLI missing) before any state is written.
  let invocation = build(request.prompt, selection.model);
  const executable = await executableFor(provider, invocation, deps.env);

  const startedAt = new Date();
  const project = await projectForCwd(deps.cwd);
  const run = await allocateRunDir(deps.env, project, startedAt);
  const name = await reserveAgentName(deps.env, request.name, {
    timestamp: run.timestamp,
    project,
    artifacts_dir: run.dir,
  });
  await atomicWriteTextFile(
    join(run.dir, ARTIFACT_FILES.rawPrompt),
    request.rawPrompt ?? request.prompt,
  );
  await atomicWriteTextFile(join(run.dir, ARTIFACT_FILES.prompt), request.prompt);
  await updateAgentMeta(run.dir, {
    name,
    agent_name: name,
    workflow_name: RUN_WORKFLOW,
    timestamp: run.timestamp,
    project,
    provider: selection.provider,
    llm_provider: selection.provider,
    model: selection.model,
    raw_model: selection.rawModel ?? null,
    model_source: selection.source,
    tier: selection.tier,
    workspace_dir: deps.cwd,
    cwd: deps.cwd,
    pid: Deno.pid,
    started_at: startedAt.toISOString(),
    output_variables: {},
    ...(request.flags ? { flags: request.flags } : {}),
  });

  const agentEnv = {
    ...cleanEnv(deps.env),
    SASE_AGENT: "1",
    SASE_ARTIFACTS_DIR: run.dir,
    SASE_AGENT_NAME: name,
    SASE_AGENT_TIMESTAMP: run.timestamp,
  };
  const policy = mergeRetryPolicy(
    provider.info.retryDefaults,
    deps.config.llm_provider?.retry?.[provider.info.name],
  );
  const stall = deps.stallTimeoutMs ?? stallTimeoutMs(deps.config.llm_provider);

  let prompt = request.prompt;
  let model = selection.model;
  let retryCount = 0;
  let usedFallback = false;
  const retryErrors: string[] = [];
  let outcome: AttemptOutcome;
  while (true) {
    outcome = await runAttempt({
      provider,
      invocation,
      executable,
      dir: run.dir,
      cwd: deps.cwd,
      env: { ...agentEnv, ...invocation.env },
      stallTimeoutMs: stall,
      fullToolLog: deps.env.SASE_TOOL_LOG_FULL === "1",
      echo: deps.echo,
      onSpawn: (pid) =>
        updateAgentMeta(run.dir, { agent_pid: pid, agent_spawned_at: new Date().toISOString() })
          .then(() => {}),
      onSession: (sessionId) => updateAgentMeta(run.dir, { session_id: sessionId }).then(() => {}),
    });
    if (outcome.ok || outcome.stalled || !isRetryable(policy, outcome.errorText)) break;
    const attempt = retryCount + (usedFallback ? 1 : 0) + 1;
    if (retryCount < policy.max_retries) {
      retryCount += 1;
      const wait = retryWaitSeconds(policy, retryCount);
      deps.warn?.(`retryable error; retry ${retryCount}/${policy.max_retries} in ${wait}s`);
      await snapshotAttempt(run.dir, attempt, outcome, model);
      retryErrors.push(outcome.error ?? "");
      await sleep(wait * 1000);
    } else if (policy.fallback_model && !usedFallback) {
      usedFallback = true;
      await snapshotAttempt(run.dir, attempt, outcome, model);
      retryErrors.push(outcome.error ?? "");
      const fallback = policy.fallback_model;
      model = fallback.startsWith(`${provider.info.name}/`)
        ? fallback.slice(provider.info.name.length + 1)
        : fallback;
      deps.warn?.(`retries exhausted; falling back to model '${model}'`);
      await updateAgentMeta(run.dir, { model, fallback_model: model });
    } else break;
    prompt = withContinuation(prompt, policy.continuation_prompt);
    invocation = build(prompt, model);
  }

  const chatPath = await finalizeRun({
    env: deps.env,
    dir: run.dir,
    name,
    timestamp: run.timestamp,
    project,
    provider: provider.info.name,
    model,
    prompt: request.prompt,
    reply: outcome.reply,
    outcome: outcome.ok ? "completed" : "failed",
    error: outcome.error,
    exitCode: outcome.exitCode,
    sessionId: outcome.sessionId,
    startedAt: startedAt.toISOString(),
    retryCount,
    retryErrors,
    usedFallback,
    fallbackModel: usedFallback ? model : undefined,
    notify: deps.notify ?? true,
  });
  return {
    name,
    timestamp: run.timestamp,
    project,
    dir: run.dir,
    outcome: outcome.ok ? "completed" : "failed",
    error: outcome.error,
    reply: outcome.reply,
    provider: provider.info.name,
    model,
    sessionId: outcome.sessionId,
    chatPath,
    retryCount,
    usedFallback,
  };
}
