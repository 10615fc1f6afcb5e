/**
 * What the run service needs from its caller: providers, configuration,
 * environment and the side-effect adapters (how attempts run, how detached
 * runners start). The CLI composes the real ones; tests and benches may
 * swap the adapters.
 *
 * @module
 */

import type { Env } from "../../config/paths.ts";
import type { SaseConfig } from "../../config/types.ts";
import type { LlmProviderInfo, LlmProviderLookup } from "../../provider.ts";
import type { WorkspaceProviderLookup } from "../../workspace/provider.ts";
import type { AttemptOutcome, AttemptSpec } from "./attempt.ts";
import type { CommandConfiner } from "../../sandbox/command.ts";

/** Runs one attempt (in-process, or inside the launch sandbox). */
export type AttemptRunner = (spec: AttemptSpec) => Promise<AttemptOutcome>;

/** A run's first attempt being got ready (see {@linkcode AttemptWarmUp}). */
export interface AttemptWarm extends AsyncDisposable {
  /**
   * The run will work in `cwd` (its claimed workspace, or the directory it
   * is pinned to) and `env` is its agent's environment so far: the sandbox
   * may set up the first attempt's jail meanwhile (an attempt whose own
   * environment changes its policy gets another). Later calls are ignored.
   */
  workspaceReady?(cwd: string, env: Readonly<Record<string, string>>): void;
}

/**
 * Gets a run's attempts ready ahead of time (the sandbox starts its first
 * worker, and the jail's session, while the workspace is claimed);
 * disposing it, once the run is over, releases what it holds.
 */
export type AttemptWarmUp = (
  provider: LlmProviderInfo,
  run: { dir: string; cwd: string },
) => AttemptWarm;

/**
 * Resolves once the attempts of the run in `dir` have finished what they
 * left to do after returning (a sandbox completes its record meanwhile).
 */
export type AttemptsSettled = (dir: string) => Promise<void>;

/** Starts a detached runner for the prepared run in `dir`; resolves to its pid. */
export type RunnerSpawner = (dir: string, env: Env) => Promise<number>;

/** The run service's dependencies. */
export interface RunDeps {
  providers: LlmProviderLookup;
  config: SaseConfig;
  env: Env;
  /** The caller's directory: the default workspace. */
  cwd: string;
  /** Receives reply text as it streams (exactly what `live_reply.md` gets). */
  echo?: (text: string) => void;
  /** Receives selection warnings and retry notices. */
  warn?: (message: string) => void;
  /** Overrides `llm_provider.stall_timeout` (milliseconds). */
  stallTimeoutMs?: number;
  /** Post a notification when the run finishes (default true). */
  notify?: boolean;
  /** Waits between retries and dependency polls (replaceable in tests). */
  sleep?: (ms: number) => Promise<void>;
  /** How attempts run (default: in-process `runAttempt`). */
  runAttempt?: AttemptRunner;
  /** Get the run's first attempt ready ahead of time; disposed when the run ends. */
  warmUpAttempt?: AttemptWarmUp;
  /** Wait for what a run's attempts finish after returning (default: nothing to wait for). */
  attemptsSettled?: AttemptsSettled;
  /**
   * Variables the caller set for the run's agent (a workflow's
   * `environment:`): they pass the sandbox's environment filter by name.
   */
  runEnv?: readonly string[];
  /** Confines a run's other commands (workflow steps); default: they run unconfined. */
  confineCommand?: CommandConfiner;
  /** How detached runners start (needed for daemon launches and spawn-on-retry). */
  spawnRunner?: RunnerSpawner;
  /** Workspace providers; without them a launch runs where its request's `cwd` says. */
  workspaces?: WorkspaceProviderLookup;
  /** Aborted when the run is killed: the provider stops and the run ends `killed`. */
  abort?: AbortSignal;
}

/** `deps.sleep`, or a real timer. */
export function sleeper(deps: RunDeps): (ms: number) => Promise<void> {
  return deps.sleep ?? ((ms: number) => new Promise((done) => setTimeout(done, ms)));
}

/** `deps` with `env` added to the agent's environment, its names passing the sandbox's filter. */
export function withRunEnv(deps: RunDeps, env: Readonly<Record<string, string>>): RunDeps {
  const names = Object.keys(env);
  if (names.length === 0) return deps;
  return { ...deps, env: { ...deps.env, ...env }, runEnv: [...deps.runEnv ?? [], ...names] };
}
