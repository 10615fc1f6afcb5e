/**
 * The run service's dependencies as every front door uses them: the
 * context's configuration, providers and attempt adapters, and detached
 * runners started with `sase __agent-run` (the first one may be a runner
 * started ahead of time).
 *
 * @module
 */

import type { AppContext } from "../../context.ts";
import type { SaseConfig } from "../../config/types.ts";
import { announceSandbox } from "../../sandbox/notices.ts";
import { sandboxSettings } from "../../sandbox/settings.ts";
import { spawnDetachedRunner, type StandbyRunner } from "./daemon.ts";
import type { RunDeps } from "./run_deps.ts";
import { SaseError } from "../../errors.ts";

/** What the caller adds to what the context provides. */
export interface RunDepsOptions {
  /** The configuration to run with (default: the context's). */
  config?: SaseConfig;
  /** Receives reply text as it streams. */
  echo?: (text: string) => void;
  /** Receives selection warnings and retry notices (default: none are shown). */
  warn?: (message: string) => void;
  /** A runner already started for this launch: the first detached run goes to it. */
  standby?: StandbyRunner;
  /** Aborted when the run is killed. */
  abort?: AbortSignal;
  /**
   * Whether runs execute in this process (default true). A launcher whose
   * runs all go to detached runners says false, and does not load the
   * launch sandbox at all.
   */
  runsAttempts?: boolean;
}

/** The attempt runner of a launcher that hands every run to a detached runner. */
function noAttempts(): never {
  throw new SaseError(
    "run.no_attempts",
    "this launcher hands its runs to detached runners and runs no attempt itself",
    { kind: "internal" },
  );
}

/** The run service's dependencies for `app`. */
export async function runDepsFor(app: AppContext, options: RunDepsOptions = {}): Promise<RunDeps> {
  const loaded = await app.config();
  const config = options.config ?? loaded.config;
  const sandbox = sandboxSettings(loaded.layers);
  const [providers, workspaces, attempts] = await Promise.all([
    app.providers.llm(),
    app.providers.workspace(),
    options.runsAttempts === false
      ? { runAttempt: noAttempts }
      : app.providers.attempts(sandbox, app.env),
    options.warn ? announceSandbox(app.env, sandbox, options.warn) : undefined,
  ]);
  let waiting = options.standby;
  return {
    config,
    env: app.env,
    cwd: app.cwd,
    echo: options.echo,
    warn: options.warn,
    abort: options.abort,
    providers,
    workspaces,
    ...attempts,
    spawnRunner(dir, env) {
      const runner = waiting;
      waiting = undefined;
      return runner ? runner.assign(dir) : spawnDetachedRunner(dir, env);
    },
  };
}
