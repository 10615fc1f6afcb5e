/**
 * The wire format of `sase skill list|init|use|log -j` (snake_case keys,
 * `schema_version: 1`).
 *
 * @module
 */

import type { SkillApplied, SkillPlan, SkillTarget } from "./plan.ts";
import type { SkillLog, SkillUseEvent, UseSummary } from "./use_log.ts";

/** One target in wire form. */
export interface SkillTargetWire {
  skill: string;
  provider: string;
  path: string;
  status: string;
}

function targetWire(t: SkillTarget): SkillTargetWire {
  return { skill: t.skill, provider: t.provider, path: t.path, status: t.status };
}

/** `sase skill list -j`. */
export interface SkillListWire {
  schema_version: 1;
  deploy_mode: "home" | "chezmoi";
  root: string;
  sources: {
    name: string;
    reference: string;
    description: string;
    source_path: string;
    providers: string[];
    log_skill_use: boolean;
    targets: SkillTargetWire[];
  }[];
}

/** A plan as the inventory. */
export function skillListWire(plan: SkillPlan): SkillListWire {
  return {
    schema_version: 1,
    deploy_mode: plan.useChezmoi ? "chezmoi" : "home",
    root: plan.root,
    sources: plan.sources.map((s) => ({
      name: s.name,
      reference: s.xprompt.name,
      description: s.description,
      source_path: s.xprompt.source.path,
      providers: s.providers,
      log_skill_use: s.xprompt.logSkillUse,
      targets: plan.targets.filter((t) => t.skill === s.name).map(targetWire),
    })),
  };
}

/** `sase skill init -j`. */
export interface SkillInitWire {
  schema_version: 1;
  dry_run: boolean;
  targets: SkillTargetWire[];
  written: string[];
  skipped: string[];
  deploy: string[];
}

/** A plan (and what applying it did) in wire form. */
export function skillInitWire(plan: SkillPlan, applied: SkillApplied | null): SkillInitWire {
  return {
    schema_version: 1,
    dry_run: applied === null,
    targets: plan.targets.map(targetWire),
    written: applied?.written.map((t) => t.path) ?? [],
    skipped: applied?.skipped.map((t) => t.path) ?? [],
    deploy: applied?.deploy ?? [],
  };
}

/** `sase skill use -j`. */
export interface SkillUseWire {
  schema_version: 1;
  event: SkillUseEvent;
}

/** A recorded use in wire form. */
export function skillUseWire(event: SkillUseEvent): SkillUseWire {
  return { schema_version: 1, event };
}

interface SummaryWire {
  uses: number;
  distinct: number;
  last_used_at: string;
  last_reason: string;
}

function summaryWire<K extends string>(key: K, s: UseSummary): SummaryWire & Record<K, string> {
  return {
    [key]: s.key,
    uses: s.uses,
    distinct: s.distinct,
    last_used_at: s.lastUsedAt,
    last_reason: s.lastReason,
  } as SummaryWire & Record<K, string>;
}

/** `sase skill log -j`. */
export interface SkillLogWire {
  schema_version: 1;
  project: string;
  events: SkillUseEvent[];
  by_skill: (SummaryWire & { skill: string })[];
  by_agent: (SummaryWire & { agent: string })[];
  by_runtime: (SummaryWire & { runtime: string })[];
}

/** A skill log in wire form. */
export function skillLogWire(log: SkillLog): SkillLogWire {
  return {
    schema_version: 1,
    project: log.project,
    events: log.events,
    by_skill: log.bySkill.map((s) => summaryWire("skill", s)),
    by_agent: log.byAgent.map((s) => summaryWire("agent", s)),
    by_runtime: log.byRuntime.map((s) => summaryWire("runtime", s)),
  };
}
