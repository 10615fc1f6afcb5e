/**
 * The launch service: one prompt, as a person or a program submits it, to
 * running agents. It plans the prompt through the XPrompt launch plan from
 * the context's directory, records it in prompt history and launches every
 * agent. `sase run`, prompt replays, plan approvals, bead work, and later
 * ACE, axe and the gateway all launch through here.
 *
 * @module
 */

import type { AppContext } from "../../context.ts";
import { SaseError } from "../../errors.ts";
import { type LaunchPlan, planLaunch } from "../../xprompt/launch_plan.ts";
import { loadXPromptEnvironment } from "../../xprompt/context.ts";
import { readNameRegistry } from "../identity/naming.ts";
import type { StandbyRunner } from "./daemon.ts";
import { runDepsFor } from "./deps.ts";
import { type LaunchOutcome, launchPlan, runsInForeground } from "./launch.ts";
import type { ProgressEvent } from "../../workflow/engine.ts";

/** A prompt to launch. */
export interface PromptLaunchRequest {
  /** The prompt as submitted: xprompt references, directives, several agents. */
  text: string;
  /** Run detached even when the plan has a single agent. */
  daemon?: boolean;
  /** A runner started ahead for the first detached agent. */
  standby?: StandbyRunner;
  /** Record the prompt in prompt history (default true; generated prompts stay out). */
  record?: boolean;
  /** Receives foreground reply text as it streams. */
  echo?: (text: string) => void;
  /** Receives the run's warnings (default: the context's sink, for history problems only). */
  warn?: (message: string) => void;
  /** Called once the plan is known, before anything launches. */
  onPlan?: (plan: LaunchPlan) => void;
  /** Receives the steps of a foreground workflow run as they go. */
  progress?: (event: ProgressEvent) => void;
}

/**
 * The launch plan of `text` from the context's directory — the agents,
 * models, waits and workspaces a launch would start — without launching or
 * recording anything (`sase prompt run --dry-run`).
 */
export async function planPrompt(app: AppContext, text: string): Promise<LaunchPlan> {
  const loaded = await app.config();
  const environment = await loadXPromptEnvironment({ env: app.env, cwd: app.cwd, loaded });
  return await planLaunch(text, { ...environment, cwd: app.cwd });
}

/**
 * Add `text` to prompt history (the store loads lazily: it is off the launch
 * path). History is a convenience: a store that cannot be updated (corrupt,
 * too large) is reported and left untouched, and the launch goes on.
 */
async function recordInHistory(
  app: AppContext,
  text: string,
  warn: (message: string) => void,
): Promise<void> {
  const { promptHistoryPath, recordPrompt } = await import("../../xprompt/history/store.ts");
  try {
    await recordPrompt(promptHistoryPath(app.env), text, { workspace: app.cwd });
  } catch (error) {
    if (!(error instanceof SaseError)) throw error;
    warn(
      `prompt history not updated: ${error.message}` + (error.hint ? ` (${error.hint})` : ""),
    );
  }
}

/**
 * Plan `request.text` from `app.cwd`, record it in prompt history and launch
 * it. A foreground prompt is recorded while it starts; detached agents are
 * started first, so recording never delays them.
 */
export async function launchPrompt(
  app: AppContext,
  request: PromptLaunchRequest,
): Promise<LaunchOutcome> {
  const { text } = request;
  if (text.trim() === "") {
    throw new SaseError("prompt.empty", "the prompt is empty", { kind: "invalid-input" });
  }
  const [loaded, names] = await Promise.all([app.config(), readNameRegistry(app.env)]);
  const environment = await loadXPromptEnvironment({ env: app.env, cwd: app.cwd, text, loaded });
  const plan = await planLaunch(text, {
    ...environment,
    cwd: app.cwd,
    existingNames: new Set(Object.keys(names)),
  });
  const daemon = request.daemon ?? false;
  const record = request.record ?? true;
  const foreground = runsInForeground(plan, daemon);
  const warn = request.warn ?? ((message: string) => app.warn(message));
  // A foreground prompt is recorded as it starts, alongside the launch (the
  // history store's loading and locked write stay off the way to the
  // agent); detached agents are started first.
  // (Its failure is held until the launch is done: nothing may go unhandled meanwhile.)
  const recording = record && foreground
    ? recordInHistory(app, text, warn).catch((error: unknown) => ({ error }))
    : undefined;
  for (const warning of plan.warnings ?? []) warn(warning);
  request.onPlan?.(plan);
  try {
    const deps = await runDepsFor(app, {
      config: loaded.config,
      echo: request.echo,
      warn: request.warn,
      standby: request.standby,
      runsAttempts: foreground,
    });
    const outcome = await launchPlan(plan, deps, {
      daemon,
      rawPrompt: text,
      xprompts: environment,
      progress: request.progress,
    });
    const failed = await recording;
    if (failed) throw failed.error;
    return outcome;
  } finally {
    // Settled before returning, whichever way the launch ended.
    await recording;
    if (record && !foreground) await recordInHistory(app, text, warn);
  }
}
