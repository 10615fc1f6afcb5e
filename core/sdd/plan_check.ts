/**
 * `sase plan validate FILE`: a plan file checked against a tier — the one
 * asked for, else the one the plan declares, else `tale`. A plan without a
 * title or heading is named after its file.
 *
 * @module
 */

import { basename, resolve } from "../fs/path.ts";
import type { SddTier } from "./layout.ts";
import { authoredTier, type PlanValidation, validatePlan } from "./plan_validate.ts";
import { readPlanFile } from "./proposals.ts";

/** A plan file's validation. */
export interface PlanFileCheck {
  /** The file as the caller named it. */
  path: string;
  tier: SddTier;
  validation: PlanValidation;
}

/** Read and validate the plan at `path` (relative to `cwd`). */
export async function checkPlanFile(
  path: string,
  options: { cwd: string; tier?: SddTier },
): Promise<PlanFileCheck> {
  const absolute = resolve(options.cwd, path);
  const text = await readPlanFile(absolute);
  const tier = options.tier ?? authoredTier(text) ?? "tale";
  const validation = validatePlan(text, tier, {
    fallbackTitle: basename(absolute).replace(/\.md$/i, ""),
  });
  return { path, tier, validation };
}
