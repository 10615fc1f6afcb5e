/**
 * Linking an approved epic or legend to the bead tracker: create its plan
 * bead (and, for an epic, one phase bead per phase in plan order, with the
 * phase dependencies), then write the linkage back to the plan frontmatter —
 * `bead_id` + `tier: epic` for an epic, `legend_bead_id` + `tier: legend` +
 * `epic_count` for a legend.
 *
 * @module
 */

import { basename } from "../fs/path.ts";
import type { Env } from "../config/paths.ts";
import { atomicWriteTextFile } from "../fs/atomic_write.ts";
import { initStore } from "../bead/init.ts";
import { defaultPrefix } from "../bead/ids.ts";
import { issueFromTrustedRow } from "../bead/model.ts";
import { planCreate, planDependency } from "../bead/mutate.ts";
import { loadStore, mutateStore } from "../bead/store.ts";
import { resolveStoreDir } from "../bead/settings.ts";
import type { MutationContext, MutationPlan } from "../bead/store.ts";
import type { EventDraft } from "../bead/event.ts";
import { setFrontmatterFields } from "./frontmatter.ts";
import { readSddDocument } from "./read.ts";
import type { ValidatedPlan } from "./plan_schema.ts";
import type { SddRoot } from "./root.ts";

/** What was created. */
export interface PlanBeads {
  storeDir: string;
  /** The epic or legend plan bead. */
  beadId: string;
  /** Phase bead ids by phase id (epics only). */
  phaseIds: Record<string, string>;
  /** Frontmatter fields written back to the plan. */
  frontmatter: Record<string, string | number>;
}

/** Inputs of {@linkcode createPlanBeads}. */
export interface PlanBeadRequest {
  sdd: SddRoot;
  env: Env;
  /** Absolute path of the committed plan file. */
  planPath: string;
  /** The link value naming the plan (`sdd/epics/...`). */
  planRef: string;
  plan: ValidatedPlan;
  /** Follow-up model chosen at approval; wins over the plan's own `model:`. */
  model?: string;
}

/** Chain several planners in one mutation so every bead lands under one lock. */
function chain(ctx: MutationContext, plan: ValidatedPlan, request: PlanBeadRequest) {
  const events: EventDraft[] = [];
  const apply = <T>(step: MutationPlan<T>): T => {
    events.push(...step.events);
    if (step.config) ctx.config = step.config;
    // Later planners must see the issues earlier ones create; re-derive them
    // from the events the same way the store will.
    for (const draft of step.events) {
      if (draft.operation === "issue_created") {
        const issue = issueFromTrustedRow(draft.payload.issue as Record<string, unknown>);
        ctx.issues.set(issue.id, issue);
      }
    }
    return step.result;
  };
  const tier = plan.tier === "legend" ? "legend" : "epic";
  const beadId = apply(planCreate(ctx, {
    title: plan.title,
    type: { kind: "plan", file: request.planRef },
    tier,
    description: plan.goal,
    model: request.model ?? plan.model ?? undefined,
    changespec: plan.changespec ?? undefined,
    bugId: plan.bug_id === null ? undefined : String(plan.bug_id),
    epicCount: plan.tier === "legend" ? plan.epic_count ?? undefined : undefined,
  }));
  const phaseIds: Record<string, string> = {};
  if (plan.tier === "epic") {
    for (const phase of plan.phases) {
      phaseIds[phase.id] = apply(planCreate(ctx, {
        title: phase.title,
        type: { kind: "phase", parent: beadId },
        description: phase.description ?? undefined,
        model: phase.model ?? undefined,
      }));
      for (const dependency of phase.depends_on) {
        apply(planDependency(ctx, phaseIds[phase.id], phaseIds[dependency]));
      }
    }
  }
  return { events, config: ctx.config, result: { beadId, phaseIds } };
}

/** Create the beads of an approved epic or legend and write the linkage back. */
export async function createPlanBeads(request: PlanBeadRequest): Promise<PlanBeads> {
  const { dir } = await resolveStoreDir(request.sdd.projectRoot, request.env);
  const actor = request.env.SASE_BEAD_ACTOR || request.env.USER || "sase";
  if ((await loadStore(dir)).source === "empty") {
    await initStore(dir, {
      prefix: defaultPrefix(basename(request.sdd.projectRoot)),
      owner: "",
      actor,
    });
  }
  const { beadId, phaseIds } = await mutateStore(
    dir,
    { actor },
    (ctx) => chain(ctx, request.plan, request),
  );
  const frontmatter: Record<string, string | number> = request.plan.tier === "legend"
    ? { legend_bead_id: beadId, tier: "legend", epic_count: request.plan.epic_count ?? 1 }
    : { bead_id: beadId, tier: "epic" };
  const text = await readSddDocument(request.planPath);
  await atomicWriteTextFile(
    request.planPath,
    setFrontmatterFields(text, frontmatter, request.planPath),
  );
  return { storeDir: dir, beadId, phaseIds, frontmatter };
}
