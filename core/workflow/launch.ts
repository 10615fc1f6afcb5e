/**
 * Launching workflows: a launch-plan entry whose prompt is a standalone
 * workflow reference (`#!name(args)`, with optional directives and a
 * workspace reference around it) becomes a workflow run. The workflow is
 * found in the catalog, loaded and validated and its arguments bound before
 * anything is written (a bad workflow or argument fails the launch); then
 * the run gets its artifact directory, name, `agent_meta.json`, prompt
 * files, `workflow.yml` and `workflow_launch.json`, and is run in the
 * foreground or handed to a detached runner like any agent.
 *
 * @module
 */

import { join } from "../fs/path.ts";
import { homeDir } from "../config/paths.ts";
import { SaseError } from "../errors.ts";
import { atomicWriteTextFile } from "../fs/atomic_write.ts";
import {
  allocateRunDir,
  ARTIFACT_FILES,
  PRIVATE_FILE_MODE,
  projectForCwd,
} from "../agent/records/artifacts.ts";
import { updateAgentMeta } from "../agent/records/meta.ts";
import { readNameRegistry, reserveAgentName } from "../agent/identity/naming.ts";
import type { RunDeps } from "../agent/run/run_deps.ts";
import { initialRunMeta } from "../agent/run/run_state.ts";
import type { ResolvedWorkspace } from "../workspace/types.ts";
import { bindArgs } from "../xprompt/bind_args.ts";
import { bundledXPromptsDir } from "../xprompt/bundled.ts";
import type { XPromptEnvironment } from "../xprompt/context.ts";
import { entryModel, type LaunchEntry, promptWithoutWorkspaceRef } from "../xprompt/launch_plan.ts";
import { stringify as stringifyYaml } from "../yaml/lib.ts";
import { findReferences, type Reference, referenceArgs } from "../xprompt/reference.ts";
import { NULL_ARG } from "../xprompt/args.ts";
import type { ProgressEvent } from "./engine.ts";
import { type WorkflowLaunchRecord, writeWorkflowLaunch } from "./launch_record.ts";
import { loadCatalogWorkflow, type LoadedWorkflow, loadWorkflowText } from "./load.ts";
import type { StepSearch } from "./step_imports.ts";
import type { Workflow } from "./model.ts";
import { executeWorkflowRun, type WorkflowRunResult } from "./run.ts";

/** A workflow launch checked and bound, nothing written yet. */
export interface CheckedWorkflowLaunch {
  entry: LaunchEntry;
  /** An anonymous workflow made for a prompt using embeddable workflows. */
  anonymous: boolean;
  loaded: LoadedWorkflow;
  inputs: Record<string, unknown>;
  stepInputs: Record<string, unknown>;
  hitlOverride: boolean | null;
}

/** The standalone reference of a workflow entry (the `#!name(...)` in its prompt). */
function workflowReference(entry: LaunchEntry): Reference {
  const reference = findReferences(entry.prompt).find((ref) => ref.marker === "#!");
  if (!reference) {
    throw new SaseError("workflow.reference", `no #!workflow reference in '${entry.prompt}'`, {
      kind: "invalid-input",
    });
  }
  const rest = promptWithoutWorkspaceRef(entry).replace(reference.raw, "").trim();
  if (rest !== "") {
    throw new SaseError(
      "workflow.extra_text",
      `a standalone workflow reference must stand alone: '${reference.raw.split("\n")[0]}' ` +
        `comes with other text ('${rest.split("\n")[0].slice(0, 60)}')`,
      {
        hint: "launch the workflow on its own (directives and a workspace reference may go with " +
          "it), or use an embeddable workflow as #name inside an agent prompt",
        kind: "invalid-input",
      },
    );
  }
  return reference;
}

/** Split named arguments into declared inputs and step inputs (outputs supplied for steps). */
function splitStepInputs(
  workflow: Workflow,
  named: Record<string, string | typeof NULL_ARG>,
): { named: Record<string, string | typeof NULL_ARG>; stepInputs: Record<string, unknown> } {
  const declared = new Set(workflow.inputs.map((input) => input.name));
  const stepInputs: Record<string, unknown> = {};
  const rest: Record<string, string | typeof NULL_ARG> = {};
  for (const [key, value] of Object.entries(named)) {
    const step = workflow.steps.find((candidate) => candidate.name === key);
    if (!declared.has(key) && step?.output && value !== NULL_ARG) {
      try {
        stepInputs[key] = JSON.parse(value);
      } catch {
        throw new SaseError(
          "workflow.step_input",
          `step input '${key}' of #!${workflow.name} must be JSON (the step's output)`,
          { hint: `e.g. ${key}='{"field": "value"}'`, kind: "invalid-input" },
        );
      }
    } else rest[key] = value;
  }
  return { named: rest, stepInputs };
}

/**
 * The anonymous workflow of a prompt that uses embeddable workflows with
 * side steps: one agent step with the prompt, whose run expands them.
 */
function anonymousLaunch(entry: LaunchEntry, search: StepSearch): CheckedWorkflowLaunch {
  const prompt = promptWithoutWorkspaceRef(entry);
  const digest = [...prompt].reduce((hash, ch) => (hash * 31 + ch.charCodeAt(0)) >>> 0, 7);
  const name = `tmp_${digest.toString(16).padStart(8, "0")}`;
  const text = stringifyYaml({ name, steps: [{ name: "agent", agent: prompt }] });
  const loaded = loadWorkflowText(text, ANONYMOUS_SOURCE, { search, name });
  return { entry, anonymous: true, loaded, inputs: {}, stepInputs: {}, hitlOverride: null };
}

/** The source path anonymous workflows report. */
export const ANONYMOUS_SOURCE = "<prompt>";

/** Find, load, validate and bind the workflow `entry` launches; writes nothing. */
export function checkWorkflowEntry(
  entry: LaunchEntry,
  deps: RunDeps,
  xprompts: XPromptEnvironment,
): CheckedWorkflowLaunch {
  const search = { cwd: xprompts.cwd, home: homeDir(deps.env), bundledDir: bundledXPromptsDir() };
  if (!entry.workflow) return anonymousLaunch(entry, search);
  const reference = workflowReference(entry);
  const xprompt = xprompts.catalog.byName.get(reference.name);
  if (!xprompt || xprompt.kind === "xprompt") {
    throw new SaseError(
      "workflow.not_found",
      xprompt
        ? `'#!${reference.name}' names an xprompt, not a workflow (${xprompt.source.path})`
        : `no workflow named '${reference.name}'`,
      { hint: "see the catalog: sase xprompt list", kind: "not-found" },
    );
  }
  const loaded = loadCatalogWorkflow(xprompt, search);
  for (const warning of loaded.warnings) deps.warn?.(warning);
  const args = referenceArgs(reference);
  const { named, stepInputs } = splitStepInputs(loaded.workflow, args.named);
  const bound = bindArgs(
    loaded.workflow.inputs,
    args.positional,
    named,
    `#!${loaded.workflow.name}`,
    args.blanks,
  );
  return {
    entry,
    anonymous: false,
    loaded,
    inputs: bound.values,
    stepInputs,
    hitlOverride: reference.hitl ?? null,
  };
}

/** The first free run name for a workflow: its own name, then `<name>.2`, `<name>.3`, .... */
async function freeRunName(deps: RunDeps, workflow: string): Promise<string> {
  const base = workflow.split("/").pop()!;
  const taken = await readNameRegistry(deps.env);
  if (!taken[base]) return base;
  for (let n = 2;; n++) if (!taken[`${base}.${n}`]) return `${base}.${n}`;
}

/** Options of {@linkcode prepareWorkflowRun}. */
export interface PrepareWorkflowOptions {
  daemon: boolean;
  /** The prompt as submitted (saved as the run's raw prompt). */
  rawPrompt?: string;
  workspace?: ResolvedWorkspace;
  /** ISO `%time` floor. */
  waitUntil?: string;
}

/** Record a checked workflow launch: its run directory, name and files. */
export async function prepareWorkflowRun(
  checked: CheckedWorkflowLaunch,
  deps: RunDeps,
  options: PrepareWorkflowOptions,
): Promise<WorkflowLaunchRecord> {
  const { entry, loaded } = checked;
  const workflow = loaded.workflow;
  const cwd = options.workspace?.primaryDir ?? deps.cwd;
  const project = options.workspace?.project ?? await projectForCwd(cwd);
  const startedAt = new Date();
  const run = await allocateRunDir(deps.env, project, startedAt);
  const reservation = { timestamp: run.timestamp, project, artifacts_dir: run.dir };
  // A workflow run is named after its workflow unless `%name` says otherwise (names the
  // plan derives, like `.wN` for a waiting agent, are for agents).
  const wanted = entry.nameTemplate !== undefined || checked.anonymous
    ? entry.name
    : await freeRunName(deps, workflow.name);
  const name = await reserveAgentName(deps.env, wanted, reservation);
  const mode = PRIVATE_FILE_MODE;
  await atomicWriteTextFile(
    join(run.dir, ARTIFACT_FILES.rawPrompt),
    entry.source ?? options.rawPrompt ?? entry.prompt,
    { mode },
  );
  await atomicWriteTextFile(join(run.dir, ARTIFACT_FILES.prompt), entry.prompt, { mode });
  await updateAgentMeta(run.dir, {
    ...initialRunMeta({
      name,
      timestamp: run.timestamp,
      project,
      cwd,
      startedAt,
      daemon: options.daemon,
      hidden: entry.hide || workflow.hidden,
      waits: entry.waits,
      waitUntil: options.waitUntil,
      env: deps.env,
    }),
    workflow_name: workflow.name,
    is_workflow: true,
    ...(entryModel(entry) ? { model: entryModel(entry) } : {}),
  });
  const record: WorkflowLaunchRecord = {
    schema_version: 1,
    name,
    timestamp: run.timestamp,
    project,
    dir: run.dir,
    config_dir: deps.cwd,
    cwd,
    workflow: {
      name: workflow.name,
      source_path: workflow.sourcePath,
      anonymous: checked.anonymous,
    },
    inputs: checked.inputs,
    step_inputs: checked.stepInputs,
    hitl_override: checked.hitlOverride,
    model: entryModel(entry) ?? null,
    waits: entry.waits,
    wait_until: options.waitUntil ?? null,
    hidden: entry.hide || workflow.hidden,
    daemon: options.daemon,
    workspace: options.workspace ?? null,
  };
  await writeWorkflowLaunch(record, loaded.text);
  return record;
}

/** Run a prepared workflow launch in this process (`sase run '#!name'` in the foreground). */
export async function runWorkflowForeground(
  record: WorkflowLaunchRecord,
  deps: RunDeps,
  progress?: (event: ProgressEvent) => void,
): Promise<WorkflowRunResult> {
  return await executeWorkflowRun(record.dir, deps, { echo: deps.echo, progress });
}
