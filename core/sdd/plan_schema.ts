/**
 * Typed models of plan frontmatter: tales, epics (with their phases) and
 * legends, as the strict validator (`plan_rules.ts`) produces them. Readers
 * of committed history use the loose schema of `plan_history_schema.ts`
 * instead, which accepts any extra keys older files carry (and loads zod,
 * which `sase plan propose` does without).
 *
 * @module
 */

import type { SddTier } from "./layout.ts";

/** Phase and tale sizes, smallest first. */
export const PLAN_SIZES = ["xsmall", "small", "medium", "large", "xlarge"] as const;

/** Sizes a tale may have (bigger work belongs in an epic). */
export const TALE_SIZES = ["xsmall", "small", "medium"] as const;

/** One epic phase. */
export interface PlanPhase {
  id: string;
  title: string;
  depends_on: string[];
  description: string | null;
  /** One of {@linkcode PLAN_SIZES}, or null when the phase gives none. */
  size: string | null;
  model: string | null;
}

/** A validated, normalized plan frontmatter. */
export interface ValidatedPlan {
  tier: SddTier;
  /** `title:`, else the body's first `# ` heading, else the caller's fallback (the file name). */
  title: string;
  /** `goal:`, or empty when the plan states none. */
  goal: string;
  size: string | null;
  model: string | null;
  phases: PlanPhase[];
  /** The `patch` (or `changespec`) field. */
  changespec: string | null;
  bug_id: number | null;
  parent_bead: string | null;
  bead: string | null;
  proposed_by: string | null;
  parent: string | null;
  epic_count: number | null;
}
