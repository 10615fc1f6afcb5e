/**
 * The loose schema of committed plan frontmatter: tales, epics and legends
 * as history may hold them, any extra keys older files carry included.
 * Searching plans reads it; the strict validator of new plans
 * (`plan_rules.ts`) does not, so proposing a plan never loads zod.
 *
 * @module
 */

import { z } from "zod";

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
