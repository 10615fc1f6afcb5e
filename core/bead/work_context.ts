/**
 * Where and with which xprompts `sase bead work` agents run: the work
 * xprompts are looked up by tag (so a project-local or user xprompt carrying
 * `work_phase_bead`, `land_epic` or `land_legend` overrides the built-in),
 * and the agents are pinned to the checkout the work was launched for.
 *
 * @module
 */

import type { Env } from "../config/paths.ts";
import { loadXPromptEnvironment } from "../xprompt/context.ts";
import { type Catalog, getByTag } from "../xprompt/discovery.ts";
import { XPromptTag } from "../xprompt/model.ts";
import { isInGitRepo } from "./location.ts";
import {
  cdReference,
  DEFAULT_WORK_REFERENCES,
  type WorkContext,
  type WorkReferences,
} from "./work.ts";

/** The work xprompts of `catalog`: the first carrying each tag, else the built-in name. */
export function workReferencesFrom(catalog: Catalog): WorkReferences {
  const tagged = (tag: string, fallback: string) => getByTag(catalog, tag)?.name ?? fallback;
  return {
    workPhase: tagged(XPromptTag.work_phase_bead, DEFAULT_WORK_REFERENCES.workPhase),
    landEpic: tagged(XPromptTag.land_epic, DEFAULT_WORK_REFERENCES.landEpic),
    landLegend: tagged(XPromptTag.land_legend, DEFAULT_WORK_REFERENCES.landLegend),
  };
}

/** Inputs of {@linkcode resolveWorkContext}. */
export interface WorkContextInput {
  env: Env;
  /** Where the launch resolves xprompts (the launcher's working directory). */
  cwd: string;
  /** The checkout the agents work in; only a git checkout is pinned. */
  checkoutRoot: string;
}

/** The context a launch from `input.cwd` for `input.checkoutRoot` renders its prompts with. */
export async function resolveWorkContext(input: WorkContextInput): Promise<WorkContext> {
  const { catalog } = await loadXPromptEnvironment({ env: input.env, cwd: input.cwd });
  const context: WorkContext = { references: workReferencesFrom(catalog) };
  // Outside a checkout there is nothing to pin: the agents run where the caller launches.
  if (await isInGitRepo(input.checkoutRoot)) {
    context.workspaceRef = cdReference(input.checkoutRoot);
  }
  return context;
}
