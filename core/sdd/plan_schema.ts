/**
 * Typed models of plan frontmatter: tales, epics (with their phases) and
 * legends. The strict validator in `plan_validate.ts`
 * produces these; readers of committed history use the loose zod schema,
 * which accepts any extra keys older files carry.
 *
 * @module
 */

import { z } from "zod";
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

/** Frontmatter of a committed tale, epic or legend, as history may hold it. */
export interface PlanFrontmatter {
  tier?: string;
  title?: string;
  goal?: string;
  prompt?: string;
  create_time?: string;
  status?: string;
  model?: string;
  bead_id?: string;
  legend_bead_id?: string;
  epic_count?: number;
  [extra: string]: unknown;
}

/** Loose schema of committed plan frontmatter (older files keep any extra keys). */
export const PlanFrontmatterSchema: z.ZodType<PlanFrontmatter> = z.looseObject({
  tier: z.string().optional(),
  title: z.string().optional(),
  goal: z.string().optional(),
  prompt: z.string().optional(),
  create_time: z.union([z.string(), z.date()]).transform(String).optional(),
  status: z.string().optional(),
  model: z.string().optional(),
  bead_id: z.union([z.string(), z.number()]).transform(String).optional(),
  legend_bead_id: z.union([z.string(), z.number()]).transform(String).optional(),
  epic_count: z.number().int().optional(),
}) as unknown as z.ZodType<PlanFrontmatter>;
