/**
 * The attempt loop of a run: one attempt of the provider's CLI after
 * another until one succeeds or the `llm_provider.retry` policy gives up.
 * A retry waits, snapshots the failed attempt under `attempts/<N>/` and
 * prepends the continuation nudge; once retries are spent, the fallback
 * model gets one more try; with `spawn_new_agent` the next attempt is
 * handed to a fresh detached child instead.
 *
 * @module
 */

import { join } from "../../fs/path.ts";
import { atomicWriteJson } from "../../fs/atomic_write.ts";
import type { LlmProvider } from "../../provider.ts";
import { ARTIFACT_FILES } from "../records/artifacts.ts";
import { type AttemptOutcome, failedOutcome, runAttempt } from "./attempt.ts";
import type { LaunchRecord } from "./launch_record.ts";
import { updateAgentMeta } from "../records/meta.ts";
import { executableFor } from "./prepare.ts";
import type { RunDeps } from "./run_deps.ts";
import { sleeper } from "./run_deps.ts";
import {
  isRetryable,
  mergeRetryPolicy,
  type RetryPolicy,
  retryWaitSeconds,
  stallTimeoutMs,
  withContinuation,
} from "./run_settings.ts";
import { spawnRetryChild } from "./spawn_retry.ts";
import type { WorkspaceClaim } from "../../workspace/types.ts";

/** Everything an attempt of this run needs. */
export interface AttemptContext {
  record: LaunchRecord;
  provider: LlmProvider;
  /** The agent's environment (sase variables and provider preparation included). */
  env: Record<string, string>;
  /** Names of the variables the provider's preparation set in `env`. */
  runEnv?: readonly string[];
  deps: RunDeps;
  /** Told the provider child's pid as soon as it runs. */
  onSpawn: (pid: number) => void;
  /** The workspace the run holds (handed to a spawn-on-retry child). */
  claim?: WorkspaceClaim;
}

/** Run one attempt of `prompt` on `model`. */
export async function attemptOnce(
  context: AttemptContext,
  prompt: string,
  model: string,
): Promise<AttemptOutcome> {
  const { record, provider, deps } = context;
  // A run killed while it was getting ready must not start its provider after all.
  if (deps.abort?.aborted) return failedOutcome("killed before the provider started");
  const invocation = provider.buildInvocation({
    prompt,
    model,
    tier: record.tier,
    cwd: record.cwd,
    env: deps.env,
    sessionId: crypto.randomUUID(),
  });
  return await (deps.runAttempt ?? runAttempt)({
    provider,
    invocation,
    executable: await executableFor(provider, invocation, deps.env),
    dir: record.dir,
    cwd: record.cwd,
    env: { ...context.env, ...invocation.env },
    runEnv: [...context.runEnv ?? [], ...Object.keys(invocation.env)],
    stallTimeoutMs: deps.stallTimeoutMs ?? stallTimeoutMs(deps.config.llm_provider),
    fullToolLog: deps.env.SASE_TOOL_LOG_FULL === "1",
    echo: deps.echo,
    onSpawn: async (pid) => {
      context.onSpawn(pid);
      await updateAgentMeta(record.dir, {
        agent_pid: pid,
        agent_spawned_at: new Date().toISOString(),
      });
    },
    onSession: (id) => updateAgentMeta(record.dir, { session_id: id }).then(() => {}),
  });
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

/** How the attempt loop ended. */
export interface AttemptsResult {
  outcome: AttemptOutcome;
  model: string;
  retryCount: number;
  usedFallback: boolean;
  retryErrors: string[];
  retriedAs?: string;
}

/** Attempt `prompt` until it succeeds or the retry policy gives up. */
export async function runAttempts(
  context: AttemptContext,
  initialPrompt: string,
): Promise<AttemptsResult> {
  const { record, provider, deps } = context;
  const policy: RetryPolicy = mergeRetryPolicy(
    provider.info.retryDefaults,
    deps.config.llm_provider?.retry?.[provider.info.name],
  );
  const sleep = sleeper(deps);
  let prompt = initialPrompt;
  let model = record.model;
  let retryCount = record.retry_of?.retryCount ?? 0;
  let usedFallback = record.retry_of?.usedFallback ?? false;
  const retryErrors = [...(record.retry_of?.retryErrors ?? [])];
  while (true) {
    const outcome = await attemptOnce(context, prompt, model);
    const done = { outcome, model, retryCount, usedFallback, retryErrors };
    if (outcome.ok || outcome.stalled || deps.abort?.aborted) return done;
    if (!isRetryable(policy, outcome.errorText)) return done;
    let waitSeconds = 0;
    if (retryCount < policy.max_retries) {
      retryCount += 1;
      waitSeconds = retryWaitSeconds(policy, retryCount);
      deps.warn?.(`retryable error; retry ${retryCount}/${policy.max_retries} in ${waitSeconds}s`);
    } else if (policy.fallback_model && !usedFallback) {
      usedFallback = true;
      const fallback = policy.fallback_model;
      model = fallback.startsWith(`${provider.info.name}/`)
        ? fallback.slice(provider.info.name.length + 1)
        : fallback;
      deps.warn?.(`retries exhausted; falling back to model '${model}'`);
    } else return done;
    retryErrors.push(outcome.error ?? "");
    prompt = withContinuation(prompt, policy.continuation_prompt);
    if (policy.spawn_new_agent) {
      const child = await spawnRetryChild(
        record,
        {
          retryCount,
          usedFallback,
          retryErrors,
          prompt,
          model,
          waitSeconds,
        },
        deps,
        context.claim,
      );
      if (child) {
        deps.warn?.(`retry handed to agent ${child.name} (${child.dir})`);
        return { ...done, retryCount, usedFallback, retriedAs: child.timestamp };
      }
    }
    const number = retryCount + (usedFallback ? 1 : 0);
    await snapshotAttempt(record.dir, number, outcome, done.model);
    await updateAgentMeta(record.dir, {
      status: "retrying",
      ...(usedFallback ? { model, fallback_model: model } : {}),
    });
    await sleep(waitSeconds * 1000);
    await updateAgentMeta(record.dir, { status: "running" });
  }
}
