/**
 * The workflow services behind `sase xprompt explain|graph` for the
 * context's directory: find a workflow in the xprompt catalog, load and
 * validate it, and explain or graph it; list the multi-step workflows.
 *
 * @module
 */

import type { AppContext } from "../context.ts";
import { homeDir } from "../config/paths.ts";
import { SaseError } from "../errors.ts";
import { neutralizeControls } from "../text/control_chars.ts";
import type { ArgValue } from "../xprompt/args.ts";
import { bundledXPromptsDir } from "../xprompt/bundled.ts";
import { loadXPromptEnvironment } from "../xprompt/context.ts";
import type { XPrompt } from "../xprompt/model.ts";
import { explainXPrompt, type XPromptExplanation } from "../xprompt/service.ts";
import { explainWorkflow, type WorkflowExplanation } from "./explain.ts";
import { type GraphFormat, workflowGraph } from "./graph.ts";
import { loadCatalogWorkflow, type LoadedWorkflow } from "./load.ts";

/** An explained catalog entry: a workflow's plan, or an xprompt's rendering. */
export type Explained =
  | { kind: "workflow"; explanation: WorkflowExplanation }
  | { kind: "xprompt"; explanation: XPromptExplanation };

/** A workflow the catalog lists, for `sase xprompt graph` without a name. */
export interface WorkflowListing {
  name: string;
  kind: string;
  steps: number;
  sourcePath: string;
  /** Why it does not load, when it does not. */
  problem: string | null;
}

async function catalogOf(app: AppContext) {
  return (await loadXPromptEnvironment({ env: app.env, cwd: app.cwd, loaded: await app.config() }))
    .catalog;
}

function isWorkflow(xprompt: XPrompt | undefined): xprompt is XPrompt {
  return xprompt !== undefined && xprompt.kind !== "xprompt";
}

function search(app: AppContext) {
  return { cwd: app.cwd, home: homeDir(app.env), bundledDir: bundledXPromptsDir() };
}

/** Load the workflow `name` (a leading `#` or `#!` is ignored) from the context's catalog. */
export async function loadNamedWorkflow(
  app: AppContext,
  name: string,
): Promise<{ xprompt: XPrompt; loaded: LoadedWorkflow }> {
  const bare = name.replace(/^#!?/, "");
  const xprompt = (await catalogOf(app)).byName.get(bare);
  if (!isWorkflow(xprompt)) {
    throw new SaseError(
      "workflow.not_found",
      xprompt ? `'${bare}' is an xprompt, not a workflow` : `no workflow named '${bare}'`,
      { hint: "run `sase xprompt graph` to list the workflows", kind: "not-found" },
    );
  }
  const loaded = loadCatalogWorkflow(xprompt, search(app));
  for (const warning of loaded.warnings) {
    app.warn(neutralizeControls(warning, { keepLayout: false }));
  }
  return { xprompt, loaded };
}

/** Explain the catalog entry `name` with the given arguments. */
export async function explainNamed(
  app: AppContext,
  name: string,
  args: { positional: string[]; named: Record<string, string> },
): Promise<Explained> {
  const bare = name.replace(/^#!?/, "");
  const xprompt = (await catalogOf(app)).byName.get(bare);
  if (!isWorkflow(xprompt)) {
    return { kind: "xprompt", explanation: await explainXPrompt(app, name, args) };
  }
  const { loaded } = await loadNamedWorkflow(app, bare);
  const explanation = await explainWorkflow(loaded, xprompt.kind, {
    positional: args.positional as ArgValue[],
    named: args.named,
  });
  return { kind: "workflow", explanation };
}

/** The graph of the workflow `name`. */
export async function graphNamedWorkflow(
  app: AppContext,
  name: string,
  format: GraphFormat,
): Promise<string> {
  return workflowGraph((await loadNamedWorkflow(app, name)).loaded.workflow, format);
}

/** Every workflow of the catalog with more than one step, by name. */
export async function listWorkflows(app: AppContext): Promise<WorkflowListing[]> {
  const listings: WorkflowListing[] = [];
  for (const xprompt of (await catalogOf(app)).byName.values()) {
    if (!isWorkflow(xprompt)) continue;
    try {
      const { workflow } = loadCatalogWorkflow(xprompt, search(app));
      if (workflow.steps.length < 2) continue;
      listings.push({
        name: xprompt.name,
        kind: xprompt.kind,
        steps: workflow.steps.length,
        sourcePath: xprompt.source.path,
        problem: null,
      });
    } catch (error) {
      listings.push({
        name: xprompt.name,
        kind: xprompt.kind,
        steps: 0,
        sourcePath: xprompt.source.path,
        problem: (error as Error).message,
      });
    }
  }
  return listings.sort((a, b) => a.name.localeCompare(b.name));
}
