/**
 * Running a workflow the way `sase run '#!name(...)'` does, in-process
 * through the launch service (real bash/python processes, real fakey
 * agents), in a sandbox directory (`#cd:`), and reading what it recorded.
 *
 * @module
 */

import { join } from "node:path";
import { assert } from "../../_helpers/assert.ts";
import { sandboxContext } from "../../_helpers/app.ts";
import { runProcesses } from "../../../core/agent/identity/run_processes.ts";
import type { Sandbox } from "../../_helpers/sandbox.ts";
import { launchPrompt } from "../../../core/agent/run/launch_prompt.ts";
import type { WorkflowRunResult } from "../../../core/workflow/run.ts";
import type { WorkflowState } from "../../../core/workflow/state.ts";

/** What a workflow run left behind. */
export interface FinishedRun {
  result: WorkflowRunResult;
  state: WorkflowState;
  done: Record<string, unknown>;
  meta: Record<string, unknown>;
  /** Each step's output by name. */
  outputs: Record<string, unknown>;
}

/** Write `xprompts/<name>.yml` in the sandbox's working directory. */
export async function writeWorkflow(sb: Sandbox, name: string, yaml: string): Promise<void> {
  await sb.write(`work/xprompts/${name}.yml`, yaml);
}

async function readJson(path: string) {
  return JSON.parse(await Deno.readTextFile(path));
}

/** Read what the run in `dir` recorded. */
export async function finishedRun(result: WorkflowRunResult): Promise<FinishedRun> {
  const state = await readJson(join(result.dir, "workflow_state.json")) as WorkflowState;
  return {
    result,
    state,
    done: await readJson(join(result.dir, "done.json")),
    meta: await readJson(join(result.dir, "agent_meta.json")),
    outputs: Object.fromEntries(state.steps.map((step) => [step.name, step.output])),
  };
}

/** Run `reference` (`#!name(args)`, directives allowed) in the foreground, in `options.dir`. */
export async function runWorkflow(
  sb: Sandbox,
  reference: string,
  options: { env?: Record<string, string>; warnings?: string[]; dir?: string } = {},
): Promise<FinishedRun> {
  const app = sandboxContext(
    { ...sb, env: { ...sb.env, ...options.env } },
    { warnings: options.warnings },
  );
  const text = `#cd:${options.dir ?? sb.cwd} ${reference}`;
  const outcome = await launchPrompt(app, { text, record: false });
  assert(outcome.workflow, `expected a foreground workflow run, got ${JSON.stringify(outcome)}`);
  return await finishedRun(outcome.workflow);
}

/**
 * Whether every process of the run in `dir` is gone (found by the run
 * directory in their environment: inside the jail's pid namespace a pid a
 * step recorded means nothing out here), waiting a few seconds for them.
 */
export async function runProcessesGone(dir: string): Promise<boolean> {
  for (let tries = 0; tries < 50; tries++) {
    if (runProcesses(dir).length === 0) return true;
    await new Promise((done) => setTimeout(done, 100));
  }
  return false;
}
