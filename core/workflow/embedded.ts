/**
 * Embeddable workflows inside an agent prompt (handbook 10.5.2): a
 * `#name(args)` reference to a workflow with a `prompt_part` step and other
 * steps runs the steps before the `prompt_part` first (bound to the
 * reference's arguments), puts the `prompt_part` — rendered with their
 * outputs — in place of the reference, and runs the steps after it once the
 * agent is done (only its `finally` steps when the agent failed). Plain
 * expansion leaves such references to this module.
 *
 * @module
 */

import type { Catalog } from "../xprompt/discovery.ts";
import { bindArgs } from "../xprompt/bind_args.ts";
import type { XPrompt } from "../xprompt/model.ts";
import { findReferences, referenceArgs } from "../xprompt/reference.ts";
import { StepFailure } from "./engine.ts";
import type { WorkflowOutcome } from "./executor.ts";
import { loadCatalogWorkflow } from "./load.ts";
import type { Workflow } from "./model.ts";
import { renderEnvironment } from "./environment.ts";
import { renderTemplate } from "./render.ts";
import type { StepSearch } from "./step_imports.ts";

/** Runs part of an embedded workflow (its pre or post steps); `label` names its state file. */
export type EmbeddedRunner = (
  workflow: Workflow,
  inputs: Record<string, unknown>,
  label: string,
) => Promise<WorkflowOutcome>;

/** What expanding a prompt's embedded workflows needs. */
export interface EmbeddedContext {
  catalog: Catalog;
  search: StepSearch;
  run: EmbeddedRunner;
  /** Prefix of the state labels (the step and iteration the agent belongs to). */
  label: string;
}

/** A prompt with its embedded workflows expanded, and their post steps still to run. */
export interface EmbeddedExpansion {
  prompt: string;
  /** The embedded workflows' `environment:`, rendered: the agent gets it too. */
  environment: Record<string, string>;
  /** Run the post steps (all, or only `finally` ones when the agent failed). */
  finish(agentSucceeded: boolean): Promise<void>;
}

function isEmbedded(xprompt: XPrompt | undefined): xprompt is XPrompt {
  return xprompt?.kind === "embeddable_workflow" && xprompt.sideSteps === true;
}

async function runPart(
  context: EmbeddedContext,
  workflow: Workflow,
  inputs: Record<string, unknown>,
  label: string,
  phase: string,
): Promise<Record<string, unknown>> {
  const outcome = await context.run(workflow, inputs, label);
  if (outcome.status !== "completed") {
    throw new StepFailure(
      `embedded workflow #${workflow.name}: a ${phase} step ${outcome.status}: ${
        outcome.error ?? ""
      }`,
      outcome.traceback,
    );
  }
  return outcome.state.context;
}

/** Expand the embedded workflows of `prompt`, running their pre steps. */
export async function expandEmbedded(
  prompt: string,
  context: EmbeddedContext,
): Promise<EmbeddedExpansion> {
  const uses = findReferences(prompt).filter((ref) =>
    ref.marker === "#" && isEmbedded(context.catalog.byName.get(ref.name))
  );
  const posts: { workflow: Workflow; inputs: Record<string, unknown>; label: string }[] = [];
  const environment: Record<string, string> = {};
  let text = prompt;
  for (const [index, ref] of uses.entries()) {
    const xprompt = context.catalog.byName.get(ref.name)!;
    const { workflow } = loadCatalogWorkflow(xprompt, context.search);
    const args = referenceArgs(ref);
    const bound = bindArgs(
      workflow.inputs,
      args.positional,
      args.named,
      `#${workflow.name}`,
      args.blanks,
    );
    Object.assign(environment, await renderEnvironment(workflow, bound.values));
    const at = workflow.steps.findIndex((step) => step.kind === "prompt_part");
    const label = `${context.label}.${index + 1}.${workflow.name.replaceAll("/", "_")}`;
    const pre = workflow.steps.slice(0, at);
    const scope = pre.length
      ? await runPart(context, { ...workflow, steps: pre }, bound.values, `${label}.pre`, "pre")
      : bound.values;
    text = text.replace(ref.raw, await renderTemplate(workflow.steps[at].body, scope));
    const post = workflow.steps.slice(at + 1);
    if (post.length) posts.push({ workflow: { ...workflow, steps: post }, inputs: scope, label });
  }
  return {
    prompt: text,
    environment,
    async finish(agentSucceeded) {
      for (const { workflow, inputs, label } of posts) {
        const steps = agentSucceeded
          ? workflow.steps
          : workflow.steps.filter((step) => step.isFinally);
        if (steps.length === 0) continue;
        await runPart(context, { ...workflow, steps }, inputs, `${label}.post`, "post");
      }
    },
  };
}
