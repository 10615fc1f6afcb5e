/**
 * The composition of the run service for CLI commands: the built-in LLM
 * and workspace providers, attempts in the launch sandbox (unless `sandbox.enabled` is
 * false) and detached runners for daemon launches.
 *
 * @module
 */

import { runAttempt } from "../../core/agent/run/attempt.ts";
import { spawnDetachedRunner, type StandbyRunner } from "../../core/agent/run/daemon.ts";
import type { RunDeps } from "../../core/agent/run/run_deps.ts";
import { sandboxedAttempts } from "../../core/agent/run/sandbox.ts";
import type { Env } from "../../core/config/paths.ts";
import type { SaseConfig } from "../../core/config/types.ts";
import { createProviderRegistry } from "../../providers/llm/registry.ts";
import { createWorkspaceProviderRegistry } from "../../providers/workspace/registry.ts";

/** What the caller supplies; the adapters are filled in. */
export type RunDepsInput =
  & Omit<
    RunDeps,
    "providers" | "runAttempt" | "warmUpAttempt" | "spawnRunner" | "workspaces"
  >
  & {
    config: SaseConfig;
    env: Env;
    /** A runner already started for this launch: the first detached run goes to it. */
    standby?: StandbyRunner;
  };

const WORKER = new URL("../attempt_worker.ts", import.meta.url);

/** The run service's dependencies as every CLI command uses them. */
export function cliRunDeps({ standby, ...input }: RunDepsInput): RunDeps {
  const sandbox = input.config.sandbox;
  let waiting = standby;
  return {
    ...input,
    providers: createProviderRegistry(),
    ...(sandbox?.enabled === false
      ? { runAttempt }
      : sandboxedAttempts(WORKER, input.env, sandbox)),
    spawnRunner(dir, env) {
      const runner = waiting;
      waiting = undefined;
      return runner ? runner.assign(dir) : spawnDetachedRunner(dir, env);
    },
    workspaces: createWorkspaceProviderRegistry(),
  };
}
