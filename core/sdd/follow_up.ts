/**
 * What an approved plan launches next. `approve` and `tale` hand the plan to
 * a coder agent; `epic` and `legend` run bead work on the beads approval just
 * created (the remaining step of the `bd/new_epic` / `bd/new_legend`
 * automation, whose bead creation approval already did); `commit` launches
 * nothing.
 *
 * The coder prompt is the `#coder` hand-off: the plan file named with `@`,
 * the approval's extra instructions, the follow-up model, the planner's
 * `--code` family name, and a `#fork` of the planner when
 * `SASE_CODER_INHERIT_PLANNER_CHAT=1`.
 *
 * @module
 */

import { basename, dirname, join } from "../fs/path.ts";
import type { Env } from "../config/paths.ts";
import { loadConfig } from "../config/load.ts";
import { readActiveOverride } from "../agent/run/llm_override.ts";
import { readNameRegistry } from "../agent/identity/naming.ts";
import { ARTIFACT_FILES } from "../agent/records/artifacts.ts";
import { readJsonObject } from "../fs/json_object.ts";
import { cdReference } from "../bead/work.ts";

/** The follow-up of an approval. */
export type FollowUp = CoderFollowUp | BeadWorkFollowUp;

/** Run a coder on the approved plan. */
export interface CoderFollowUp {
  kind: "coder";
  /** The plan as the coder names it: the SDD link, or the archived copy. */
  planRef: string;
  /** The project the coder works in. */
  projectDir: string;
  /** The planner's run directory, when an agent proposed the plan. */
  plannerDir: string | null;
  /** Chosen at approval (`-m`). */
  model?: string;
  /** Extra instructions (`-p`). */
  extra?: string;
}

/** Launch bead work for the epic or legend bead approval created. */
export interface BeadWorkFollowUp {
  kind: "bead_work";
  storeDir: string;
  beadId: string;
  projectDir: string;
}

/** What the coder hand-off knows about the planner. */
export interface PlannerInfo {
  name?: string;
  provider?: string;
  model?: string;
}

/** The planner's run directory: a response directory an agent run owns is `<run>/plan_approval`. */
export function plannerDirOf(responseDir: string): string | null {
  return basename(responseDir) === "plan_approval" ? dirname(responseDir) : null;
}

/** Read the planner's name and concrete model from its run, when there is one. */
export async function readPlanner(plannerDir: string | null): Promise<PlannerInfo | null> {
  if (!plannerDir) return null;
  const meta = await readJsonObject(join(plannerDir, ARTIFACT_FILES.meta));
  if (!meta) return null;
  const text = (value: unknown) => typeof value === "string" && value !== "" ? value : undefined;
  return {
    name: text(meta.name),
    provider: text(meta.provider),
    model: text(meta.model),
  };
}

/** Inputs of {@linkcode followUpModel}. */
export interface FollowUpModelInput {
  /** The approval's choice. */
  chosen?: string;
  planner: PlannerInfo | null;
  /** The active worker override. */
  workerOverride?: { provider: string; model: string } | null;
  /** `llm_provider.worker_models`. */
  workerModels?: Record<string, string>;
}

/**
 * The follow-up's `%model`: the approval's choice, else the worker lane of
 * the planner's concrete model (active worker override, the `worker_models`
 * entry for `provider/model`, `model` or `provider`, then the planner's own
 * model), fixed now so a later lane change does not move the hand-off;
 * `worker` when the planner's model is unknown.
 */
export function followUpModel(input: FollowUpModelInput): string {
  if (input.chosen) return input.chosen;
  if (input.workerOverride) {
    return `${input.workerOverride.provider}/${input.workerOverride.model}`;
  }
  const { provider, model } = input.planner ?? {};
  if (!provider || !model) return "worker";
  const mapping = input.workerModels ?? {};
  const key = [`${provider}/${model}`, model, provider].find((candidate) =>
    Object.hasOwn(mapping, candidate)
  );
  return key ? mapping[key] : `${provider}/${model}`;
}

/** Inputs of {@linkcode coderPrompt}. */
export interface CoderPromptInput {
  followUp: CoderFollowUp;
  planner: PlannerInfo | null;
  model: string;
  /** Agent names already taken (the family name is only used when free). */
  takenNames: ReadonlySet<string>;
  /** `SASE_CODER_INHERIT_PLANNER_CHAT=1`: resume the planner's session. */
  inheritPlannerChat: boolean;
}

/** The coder's launch prompt. */
export function coderPrompt(input: CoderPromptInput): string {
  const { followUp, planner } = input;
  const familyName = planner?.name ? `${planner.name}--code` : undefined;
  const lines = [
    familyName && !input.takenNames.has(familyName) ? `%name:${familyName}` : undefined,
    `%model:${input.model}`,
    cdReference(followUp.projectDir),
    input.inheritPlannerChat && planner?.name ? `#fork:${planner.name}` : undefined,
    `The @${followUp.planRef} plan file has been reviewed and approved. Implement it now.`,
    followUp.extra?.trim() ? `\n${followUp.extra.trim()}` : undefined,
  ];
  return lines.filter((line): line is string => line !== undefined).join("\n");
}

/** Render the coder prompt of `followUp` from the planner's run, config and the name registry. */
export async function prepareCoderPrompt(env: Env, followUp: CoderFollowUp): Promise<string> {
  const [planner, { config }, workerOverride, names] = await Promise.all([
    readPlanner(followUp.plannerDir),
    loadConfig({ env, cwd: followUp.projectDir }),
    readActiveOverride(env, "worker"),
    readNameRegistry(env),
  ]);
  return coderPrompt({
    followUp,
    planner,
    model: followUpModel({
      chosen: followUp.model,
      planner,
      workerOverride,
      workerModels: config.llm_provider?.worker_models,
    }),
    takenNames: new Set(Object.keys(names)),
    inheritPlannerChat: env.SASE_CODER_INHERIT_PLANNER_CHAT === "1",
  });
}
