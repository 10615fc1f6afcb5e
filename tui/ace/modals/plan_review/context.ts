/**
 * What the Plan Review modal shows and holds: the proposal (its
 * notification id, plan file and text, the tier it declares), the planner's
 * provider and model for the title badge, the scroll position and the
 * feedback being typed.
 *
 * @module
 */

import type { LineInputState } from "../../../widgets/line_input.ts";
import { agentText } from "../../segments.ts";

/** The proposal under review. */
export interface PlanReviewInfo {
  /** The PlanApproval notification's id (the proposal's id). */
  readonly id: string;
  readonly planFile: string;
  readonly planText: string;
  /** The tier the plan declares (`tale`, `epic`, `legend`). */
  readonly tier: string;
  /** The planner's provider and model, when its run recorded them. */
  readonly provider?: string;
  readonly model?: string;
}

/** The modal's state. */
export interface PlanReviewState {
  readonly info: PlanReviewInfo;
  /** The first plan row shown. */
  readonly scroll: number;
  /** The feedback being typed after `f`, or null. */
  readonly feedback: LineInputState | null;
}

/**
 * The provider badge `PROVIDER(model)` (handbook 4.25): the provider in
 * capitals, the model in parentheses; empty without metadata.
 */
export function providerBadge(provider?: string, model?: string): string {
  if (!provider && !model) return "";
  return `${(provider ?? "").toUpperCase()}${model ? `(${model})` : ""}`;
}

/** The title: `Plan Review` (or `Epic Review` for an epic) with the badge and the plan's name. */
export function planReviewTitle(info: PlanReviewInfo): string {
  const name = info.planFile.split("/").pop() ?? info.planFile;
  const badge = providerBadge(info.provider, info.model);
  return agentText(
    [info.tier === "epic" ? "Epic Review" : "Plan Review", badge, name]
      .filter((part) => part !== "").join("  "),
  );
}
