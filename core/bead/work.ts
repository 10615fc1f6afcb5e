/**
 * Planning `sase bead work <id>` (pure).
 *
 * Epic tier: Kahn waves over the epic's non-closed phases, one agent per
 * phase named `<epic>.<N>` plus a land agent named `<epic>`, rendered as one
 * `---`-separated multi-prompt with `%name:!`, `%model`, `%w` and `%approve`.
 * Legend tier: one epic-planning agent per `epic_count`, in order, then a
 * land-legend agent. The plan also lists the bead mutations a launch makes
 * (ready flag, pre-claims) and how to roll them back.
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import type { EventDraft } from "./event.ts";
import type { Issue } from "./model.ts";
import { requireIssue } from "./query.ts";

/** Xprompt references for the work segments (resolved by tag upstream of this module). */
export interface WorkReferences {
  workPhase: string;
  landEpic: string;
  landLegend: string;
}

/** The built-in xprompts carrying the `work_phase_bead`, `land_epic` and `land_legend` tags. */
export const DEFAULT_WORK_REFERENCES: WorkReferences = {
  workPhase: "bd/work_phase_bead",
  landEpic: "bd/land_epic",
  landLegend: "bd/land_legend",
};

/** Launch context: where the generated agents run. */
export interface WorkContext {
  /** VCS reference of a known SASE project, e.g. `#git:sase` or `#gh:sase-org/sase`. */
  projectRef?: string;
  /**
   * Workspace reference used when no VCS reference is known (`#cd:<checkout>`),
   * so the agents run in the checkout the work was launched from; undefined
   * with no `projectRef` leaves prompts unprefixed.
   */
  workspaceRef?: string;
  references?: WorkReferences;
}

/** One agent of the launch. */
export interface WorkSegment {
  name: string;
  /** The phase (or legend epic number) this agent works on; the plan id for land agents. */
  beadId: string;
  waitsOn: string[];
  text: string;
}

/** The complete plan of one `sase bead work` run. */
export interface WorkPlan {
  kind: "epic" | "legend";
  id: string;
  title: string;
  /** The epic was already marked ready to work: a retry of remaining phases. */
  retry: boolean;
  /** Waves of phase ids (epic) or agent names (legend). */
  waves: string[][];
  segments: WorkSegment[];
  multiPrompt: string;
  /** Agent names a confirmed launch force-reuses. */
  reuseNames: string[];
  /** Mutations applied before launching. */
  launchEvents: EventDraft[];
  /** Mutations that undo `launchEvents` if the launch fails. */
  rollbackEvents: EventDraft[];
  commitMessage: string;
}

/** Compare phase ids by their numeric suffixes (`x.2` before `x.10`). */
export function comparePhaseIds(a: string, b: string): number {
  const pa = a.split("."), pb = b.split(".");
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    if (pa[i] === undefined) return -1;
    if (pb[i] === undefined) return 1;
    const na = Number(pa[i]), nb = Number(pb[i]);
    const diff = Number.isNaN(na) || Number.isNaN(nb) ? pa[i].localeCompare(pb[i]) : na - nb;
    if (diff !== 0) return diff;
  }
  return 0;
}

/** Kahn waves over `ids` where `deps(id)` lists blockers inside the set. */
export function kahnWaves(ids: readonly string[], deps: (id: string) => string[]): string[][] {
  const remaining = new Set(ids);
  const waves: string[][] = [];
  while (remaining.size > 0) {
    const wave = [...remaining].filter((id) => deps(id).every((dep) => !remaining.has(dep)))
      .sort(comparePhaseIds);
    if (wave.length === 0) {
      throw new SaseError(
        "bead.work_cycle",
        `phase dependencies form a cycle among: ${[...remaining].sort(comparePhaseIds).join(", ")}`,
        { hint: "fix the phase dependencies before launching", kind: "conflict" },
      );
    }
    waves.push(wave);
    for (const id of wave) remaining.delete(id);
  }
  return waves;
}

function segmentText(lines: Array<string | false | undefined>): string {
  return lines.filter((line): line is string => typeof line === "string" && line !== "").join("\n");
}

/** The reference every segment without ChangeSpec targeting starts with, if any. */
function leadRef(context: WorkContext): string | undefined {
  return context.projectRef ?? context.workspaceRef;
}

function prefixed(context: WorkContext, text: string): string {
  const lead = leadRef(context);
  return lead ? `${lead} ${text}` : text;
}

/**
 * The `#cd` workspace reference for `dir`: the `:` form, or the `(…)` form
 * when the path holds whitespace (a reference value cannot hold `)`).
 */
export function cdReference(dir: string): string {
  if (dir.includes(")")) {
    throw new SaseError("bead.work_workspace", `cannot name ${dir} in a #cd reference`, {
      hint: "launch from a checkout whose path has no ')'",
      kind: "conflict",
    });
  }
  return /\s/.test(dir) ? `#cd(${dir})` : `#cd:${dir}`;
}

/** Plan the work for `id` over the current `issues`. */
export function planWork(
  issues: ReadonlyMap<string, Issue>,
  id: string,
  context: WorkContext = {},
): WorkPlan {
  const plan = requireIssue(issues, id);
  if (plan.issue_type !== "plan" || (plan.tier !== "epic" && plan.tier !== "legend")) {
    throw new SaseError(
      "bead.work_type",
      `${id} is a ${plan.issue_type}${
        plan.tier ? ` (tier ${plan.tier})` : ""
      }; sase bead work needs a plan bead with tier epic or legend`,
      { hint: `set the tier with \`sase bead update ${id} --tier epic\``, kind: "conflict" },
    );
  }
  return plan.tier === "epic" ? planEpic(issues, plan, context) : planLegend(plan, context);
}

function planEpic(issues: ReadonlyMap<string, Issue>, epic: Issue, context: WorkContext): WorkPlan {
  const refs = context.references ?? DEFAULT_WORK_REFERENCES;
  const phases = [...issues.values()].filter((issue) =>
    issue.parent_id === epic.id && issue.issue_type === "phase" && issue.status !== "closed"
  );
  if (phases.length === 0) {
    throw new SaseError("bead.work_empty", `epic ${epic.id} has no open phases to launch`, {
      hint: `add phases with \`sase bead create -t <title> -T "phase(${epic.id})"\``,
      kind: "conflict",
    });
  }
  const launched = new Set(phases.map((phase) => phase.id));
  const depsOf = (phaseId: string) =>
    issues.get(phaseId)!.dependencies.map((dep) => dep.depends_on_id).filter((dep) =>
      launched.has(dep)
    ).sort(comparePhaseIds);
  const waves = kahnWaves([...launched], depsOf);
  const segments: WorkSegment[] = [];
  const ordered = waves.flat();
  ordered.forEach((phaseId, index) => {
    const phase = issues.get(phaseId)!;
    const waitsOn = depsOf(phaseId);
    const ref = context.projectRef && epic.changespec_name
      ? (index === 0
        ? `${context.projectRef} #pr:${epic.changespec_name}`
        : `${context.projectRef.split(":")[0]}:${epic.changespec_name}`)
      : leadRef(context);
    segments.push({
      name: phaseId,
      beadId: phaseId,
      waitsOn,
      text: segmentText([
        `%name:!${phaseId}`,
        `%model:${phase.model || "worker"}`,
        waitsOn.length > 0 && `%w:${waitsOn.join(",")}`,
        "%approve",
        `${ref ? `${ref} ` : ""}#${refs.workPhase}(bead_id=${phaseId})`,
      ]),
    });
  });
  const landRef = context.projectRef && epic.changespec_name
    ? `${context.projectRef.split(":")[0]}:${epic.changespec_name}`
    : leadRef(context);
  segments.push({
    name: epic.id,
    beadId: epic.id,
    waitsOn: ordered,
    text: segmentText([
      `%name:!${epic.id}`,
      epic.model && `%model:${epic.model}`,
      `%w:${ordered.join(",")}`,
      "%approve",
      `${landRef ? `${landRef} ` : ""}#${refs.landEpic}(bead_id=${epic.id})`,
    ]),
  });
  const launchEvents: EventDraft[] = [];
  const rollbackEvents: EventDraft[] = [];
  if (!epic.is_ready_to_work) {
    launchEvents.push({ operation: "ready_marked", issue_id: epic.id, payload: {} });
    rollbackEvents.push({ operation: "ready_unmarked", issue_id: epic.id, payload: {} });
  }
  for (const phaseId of ordered) {
    const phase = issues.get(phaseId)!;
    launchEvents.push({
      operation: "epic_work_preclaimed",
      issue_id: phaseId,
      payload: { agent_name: phaseId },
    });
    rollbackEvents.push({
      operation: "issue_updated",
      issue_id: phaseId,
      payload: { fields: { status: phase.status, assignee: phase.assignee } },
    });
  }
  return {
    kind: "epic",
    id: epic.id,
    title: epic.title,
    retry: epic.is_ready_to_work,
    waves,
    segments,
    multiPrompt: segments.map((segment) => segment.text).join("\n---\n"),
    reuseNames: [...ordered, epic.id, `${epic.id}.land`],
    launchEvents,
    rollbackEvents,
    commitMessage: `chore: mark bead work launched for ${epic.id}`,
  };
}

function planLegend(legend: Issue, context: WorkContext): WorkPlan {
  const refs = context.references ?? DEFAULT_WORK_REFERENCES;
  const count = legend.epic_count ?? 0;
  if (!Number.isInteger(count) || count < 1) {
    throw new SaseError("bead.work_legend", `legend ${legend.id} has no positive epic_count`, {
      hint: `set it with \`sase bead update ${legend.id} -E <count>\``,
      kind: "conflict",
    });
  }
  if (!legend.design) {
    throw new SaseError("bead.work_legend", `legend ${legend.id} has no linked legend plan path`, {
      hint: `set it with \`sase bead update ${legend.id} -D sdd/legends/<YYYYMM>/<name>.md\``,
      kind: "conflict",
    });
  }
  const segments: WorkSegment[] = [];
  for (let n = 1; n <= count; n++) {
    const name = `${legend.id}.${n}.0`;
    const waitsOn = n > 1 ? [`${legend.id}.${n - 1}`] : [];
    segments.push({
      name,
      beadId: legend.id,
      waitsOn,
      text: segmentText([
        `%name:!${name}`,
        waitsOn.length > 0 && `%w:${waitsOn.join(",")}`,
        "%epic",
        prefixed(
          context,
          `Plan epic ${n} of ${count} for the legend plan ${legend.design} (legend bead ${legend.id}).`,
        ),
      ]),
    });
  }
  const last = `${legend.id}.${count}`;
  segments.push({
    name: legend.id,
    beadId: legend.id,
    waitsOn: [last],
    text: segmentText([
      `%name:!${legend.id}`,
      legend.model && `%model:${legend.model}`,
      `%w:${last}`,
      "%approve",
      prefixed(context, `#${refs.landLegend}(bead_id=${legend.id})`),
    ]),
  });
  const setReady = !legend.is_ready_to_work;
  return {
    kind: "legend",
    id: legend.id,
    title: legend.title,
    retry: legend.is_ready_to_work,
    waves: segments.slice(0, -1).map((segment) => [segment.name]),
    segments,
    multiPrompt: segments.map((segment) => segment.text).join("\n---\n"),
    reuseNames: [...segments.slice(0, -1).map((segment) => segment.name), legend.id],
    launchEvents: setReady ? [{ operation: "ready_marked", issue_id: legend.id, payload: {} }] : [],
    rollbackEvents: setReady
      ? [{ operation: "ready_unmarked", issue_id: legend.id, payload: {} }]
      : [],
    commitMessage: `chore: mark legend work launched for ${legend.id}`,
  };
}
