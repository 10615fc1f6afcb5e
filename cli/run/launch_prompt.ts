/**
 * Launching a prompt from the CLI, shared by `sase run` and `sase prompt
 * run|edit`: plan it through the XPrompt launch plan, record it in prompt
 * history, launch every agent, and report. A foreground run streams its
 * reply to stdout and fails the command when the agent fails.
 *
 * @module
 */

import type { StandbyRunner } from "../../core/agent/run/daemon.ts";
import {
  type LaunchedAgent,
  type LaunchOutcome,
  launchPlan,
  runsInForeground,
} from "../../core/agent/run/launch.ts";
import type { RunResult } from "../../core/agent/run/launch_request.ts";
import { readNameRegistry } from "../../core/agent/identity/naming.ts";
import { loadConfig } from "../../core/config/load.ts";
import { type Env, processEnv } from "../../core/config/paths.ts";
import { SaseError } from "../../core/errors.ts";
import { loadXPromptEnvironment } from "../../core/xprompt/context.ts";
import { type LaunchPlan, planLaunch } from "../../core/xprompt/launch_plan.ts";
import { printJson, style } from "../output.ts";
import { forTerminal } from "../agent/format.ts";
import { cliRunDeps } from "./deps.ts";
import { startSpinner } from "./spinner.ts";

/** Options of {@linkcode launchPrompt}. */
export interface LaunchPromptOptions {
  /** Run detached even when the plan has a single agent. */
  daemon?: boolean;
  /** A runner started ahead for the first detached agent. */
  standby?: StandbyRunner;
  /** Print a JSON summary instead of text. */
  json?: boolean;
}

const encoder = new TextEncoder();

function writeOut(text: string): void {
  const bytes = encoder.encode(text);
  let written = 0;
  while (written < bytes.length) written += Deno.stdout.writeSync(bytes.subarray(written));
}

/** A finished foreground run as `sase run -j` prints it (snake_case wire keys). */
function runJson(run: RunResult) {
  return {
    name: run.name,
    timestamp: run.timestamp,
    project: run.project,
    dir: run.dir,
    outcome: run.outcome,
    ...(run.error !== undefined ? { error: run.error } : {}),
    reply: run.reply,
    provider: run.provider,
    model: run.model,
    session_id: run.sessionId ?? null,
    chat_path: run.chatPath,
    retry_count: run.retryCount,
    used_fallback: run.usedFallback,
    ...(run.retriedAs ? { retried_as: run.retriedAs } : {}),
  };
}

/** A detached run as `sase run -j` prints it. */
function launchedJson(agent: LaunchedAgent) {
  return {
    name: agent.name,
    timestamp: agent.timestamp,
    dir: agent.dir,
    pid: agent.pid,
    waits: agent.waits,
  };
}

function report(outcome: LaunchOutcome, json: boolean): void {
  const run = outcome.foreground;
  if (json) {
    printJson(
      run
        ? { mode: "foreground", agents: [runJson(run)] }
        : { mode: "daemon", agents: outcome.launched.map(launchedJson) },
    );
  } else if (run) {
    console.error(style("dim", `agent ${run.name} ${run.outcome}; artifacts: ${run.dir}`));
  } else {
    for (const agent of outcome.launched) {
      const waits = agent.waits.length ? ` (waits for ${agent.waits.join(", ")})` : "";
      console.log(`launched ${agent.name}${waits}  ${agent.dir}`);
    }
  }
  if (run && run.outcome !== "completed") {
    throw new SaseError("run.failed", `agent ${run.name} ${run.outcome}: ${run.error}`, {
      hint: `artifacts: ${run.dir}`,
    });
  }
}

/** Options of {@linkcode launchText}. */
export interface LaunchTextOptions {
  /** Run detached even when the plan has a single agent. */
  daemon?: boolean;
  /** A runner started ahead for the first detached agent. */
  standby?: StandbyRunner;
  /** Record the prompt in prompt history (default true). */
  record?: boolean;
  /** Receives foreground reply text. */
  echo?: (text: string) => void;
  warn?: (message: string) => void;
  /** Called once the plan is known (before anything launches). */
  onPlan?: (plan: LaunchPlan) => void;
}

/**
 * Add `text` to prompt history (the store loads lazily: it is off the launch
 * path). History is a convenience: a store that cannot be updated (corrupt,
 * too large) is reported and left untouched, and the launch goes on.
 */
async function recordInHistory(
  text: string,
  env: Env,
  cwd: string,
  warn: (message: string) => void,
): Promise<void> {
  const { promptHistoryPath, recordPrompt } = await import("../../core/xprompt/history/store.ts");
  try {
    await recordPrompt(promptHistoryPath(env), text, { workspace: cwd });
  } catch (error) {
    if (!(error instanceof SaseError)) throw error;
    warn(
      `prompt history not updated: ${error.message}` + (error.hint ? ` (${error.hint})` : ""),
    );
  }
}

/**
 * Plan `text` from the current directory, record it in prompt history and
 * launch it: the one launch path for `sase run`, prompt replays, plan
 * approvals and bead work. A foreground prompt is recorded before it runs;
 * detached agents are started first, so recording never delays them.
 */
export async function launchText(
  text: string,
  options: LaunchTextOptions = {},
): Promise<LaunchOutcome> {
  if (text.trim() === "") {
    throw new SaseError("prompt.empty", "the prompt is empty", { exitCode: 2 });
  }
  const env = processEnv();
  const cwd = Deno.cwd();
  const [loaded, names] = await Promise.all([loadConfig({ env, cwd }), readNameRegistry(env)]);
  const config = loaded.config;
  const environment = await loadXPromptEnvironment({ env, cwd, text, loaded });
  const plan = await planLaunch(text, {
    ...environment,
    cwd,
    existingNames: new Set(Object.keys(names)),
  });
  const daemon = options.daemon ?? false;
  const record = options.record ?? true;
  const foreground = runsInForeground(plan, daemon);
  const warn = options.warn ?? ((message: string) => console.error(`warning: ${message}`));
  if (record && foreground) await recordInHistory(text, env, cwd, warn);
  options.onPlan?.(plan);
  const deps = cliRunDeps({
    config,
    env,
    cwd,
    echo: options.echo,
    warn: options.warn,
    standby: options.standby,
  });
  try {
    return await launchPlan(plan, deps, { daemon, rawPrompt: text });
  } finally {
    if (record && !foreground) await recordInHistory(text, env, cwd, warn);
  }
}

/** Launch `text` as `sase run` does: stream a foreground reply, report daemons. */
export async function launchPrompt(text: string, options: LaunchPromptOptions): Promise<void> {
  let wrote = false;
  let spinner: ReturnType<typeof startSpinner> | undefined;
  let outcome: LaunchOutcome;
  try {
    outcome = await launchText(text, {
      daemon: options.daemon,
      standby: options.standby,
      onPlan(plan) {
        if (runsInForeground(plan, options.daemon ?? false) && !options.json) {
          spinner = startSpinner("waiting for the agent");
        }
      },
      echo: options.json ? undefined : (chunk) => {
        spinner?.stop();
        wrote = true;
        writeOut(forTerminal(chunk));
      },
      warn: (message) => {
        spinner?.stop();
        console.error(style("yellow", `warning: ${message}`));
      },
    });
  } finally {
    spinner?.stop();
  }
  if (wrote) writeOut("\n");
  report(outcome, options.json ?? false);
}
