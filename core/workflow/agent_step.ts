/**
 * Agent steps: each execution is a real agent run through the launch
 * service (`prepareRun` → `executeRun`: the same artifacts, provider
 * selection, sandbox, watchdog and records as `sase run`), recorded as a
 * child of the workflow run (`parent_timestamp`, `workflow_name`,
 * `step_name` in its `agent_meta.json` and `done.json`) and named
 * `<workflow run>.<step>[.<iteration>]`. The step's prompt has its xprompt
 * references expanded (the workflow's own `xprompts:` included) and its
 * directives applied (`%model`; the launch's `%model` is the default); an
 * `output:` spec adds instructions for the structured answer. The workflow
 * runner posts the notification, so its children stay silent.
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import { type RunDeps, withRunEnv } from "../agent/run/run_deps.ts";
import { readNameRegistry } from "../agent/identity/naming.ts";
import { extractDirectives } from "../xprompt/directives.ts";
import { expandXPrompts } from "../xprompt/expand.ts";
import type { XPromptEnvironment } from "../xprompt/context.ts";
import { type AgentRequest, type AgentResult, StepFailure } from "./engine.ts";
import { type EmbeddedRunner, expandEmbedded } from "./embedded.ts";
import type { StepSearch } from "./step_imports.ts";
import type { OutputSpec, Workflow } from "./model.ts";
import type { StepAgentRecord } from "./state.ts";

/** The workflow run agent steps belong to. */
export interface AgentStepContext {
  deps: RunDeps;
  workflow: Workflow;
  /** The workflow run's agent name, timestamp, artifact directory and project. */
  root: { name: string; timestamp: string; dir: string; project: string };
  /** Where the steps run (the workflow's workspace). */
  cwd: string;
  /** Catalog and aliases for expanding xprompt references in prompts. */
  xprompts: XPromptEnvironment;
  /** The launch's `%model`, for steps that name none. */
  model?: string;
  /** Hide the children from default listings (the workflow run is hidden). */
  hidden: boolean;
  /** Receives foreground reply text. */
  echo?: (text: string) => void;
  /** Runs the steps of embeddable workflows the prompts use (`#name` with side steps). */
  embedded?: { search: StepSearch; run: EmbeddedRunner };
}

/** The instructions that ask an agent for the step's declared output. */
export function outputInstructions(spec: OutputSpec): string {
  const fields = Object.entries(spec.fields).map(([name, type]) => `- \`${name}\` (${type})`);
  const shape = spec.array
    ? "a JSON list of objects, each with these fields"
    : "a JSON object with these fields";
  return [
    "",
    "",
    "## Required Output",
    "",
    `End your reply with ${shape}, in a fenced \`json\` code block:`,
    "",
    ...fields,
  ].join("\n");
}

/** The first free child name for `label` under the workflow run. */
async function childName(context: AgentStepContext, label: string): Promise<string> {
  const taken = await readNameRegistry(context.deps.env);
  const base = `${context.root.name}.${label}`;
  if (!taken[base]) return base;
  for (let n = 2;; n++) if (!taken[`${base}-${n}`]) return `${base}-${n}`;
}

/** Launch one execution of an agent step and wait for it; `label` names it (`step[.n]`). */
export async function runAgentStep(
  context: AgentStepContext,
  request: AgentRequest,
  label: string,
): Promise<AgentResult> {
  const { step } = request;
  const embedded = context.embedded
    ? await expandEmbedded(request.prompt, {
      catalog: context.xprompts.catalog,
      search: context.embedded.search,
      run: context.embedded.run,
      label,
    })
    : undefined;
  const expanded = await expandXPrompts(embedded?.prompt ?? request.prompt, {
    ...context.xprompts,
    localXPrompts: context.workflow.xprompts,
    cwd: context.cwd,
  });
  const { text, directives } = extractDirectives(expanded.text);
  let prompt = text.trim();
  if (prompt === "") {
    throw new SaseError(
      "workflow.empty_prompt",
      `Agent step '${step.name}' has an empty prompt once rendered`,
      { kind: "invalid-data" },
    );
  }
  if (step.output) prompt += outputInstructions(step.output);
  const name = await childName(context, label);
  const { prepareRun } = await import("../agent/run/prepare.ts");
  const { executeRun } = await import("../agent/run/run.ts");
  const deps: RunDeps = {
    ...withRunEnv(context.deps, embedded?.environment ?? {}),
    cwd: context.cwd,
    abort: request.signal,
    notify: false,
    echo: context.echo,
  };
  const record = await prepareRun(
    {
      prompt,
      rawPrompt: request.prompt,
      name,
      // The raw `%model` value: selection resolves providers, aliases and tiers.
      model: directives.model ?? context.model,
      cwd: context.cwd,
      project: context.root.project,
      hidden: context.hidden || step.hidden,
      parent: {
        workflow: context.workflow.name,
        timestamp: context.root.timestamp,
        dir: context.root.dir,
        step: step.name,
        ...(request.iteration ? { iteration: request.iteration } : {}),
      },
    },
    deps,
    { daemon: false },
  );
  const run: StepAgentRecord = {
    name: record.name,
    timestamp: record.timestamp,
    artifacts_dir: record.dir,
    outcome: null,
    iteration: request.iteration,
  };
  await request.onLaunched(run);
  const { indexRunQuietly } = await import("../agent/index/index_service.ts");
  await indexRunQuietly(deps.env, record.dir, deps.warn);
  const result = await executeRun(record, deps);
  const ok = result.outcome === "completed";
  const done = { run: { ...run, outcome: result.outcome }, reply: result.reply };
  try {
    await embedded?.finish(ok);
  } catch (error) {
    if (!(error instanceof StepFailure)) throw error;
    return { ...done, ok: false, error: error.message };
  }
  return { ...done, ok, error: result.error };
}
