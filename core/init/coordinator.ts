/**
 * The bare `sase init` coordinator: plans (read-only) AMD, memory, SDD and
 * skills in that order — AMD first so memory validation sees the
 * `AGENTS.md` AMD manages — and applies the ones that need attention, each
 * re-planned right before it runs so it sees what the previous one wrote.
 * AMD plans conservatively here (see `core/amd/init.ts`); memory deploys
 * with its normal commit/pull/push; skills overwrite stale files (an
 * unattended apply run has nobody to ask).
 *
 * @module
 */

import type { AppContext } from "../context.ts";
import { SaseError } from "../errors.ts";
import { applyAmdInit, planAmdInit } from "../amd/init.ts";
import { planMemoryInit } from "../memory/init_plan.ts";
import { applyMemoryInit } from "../memory/init_apply.ts";
import { initSdd } from "../sdd/service.ts";
import { applySkills, planSkills } from "../skill/plan.ts";

/** The initializers, in registry order. */
export const INITIALIZERS = ["amd", "memory", "sdd", "skills"] as const;

/** One initializer's name. */
export type InitializerName = (typeof INITIALIZERS)[number];

/** What planning one initializer found. */
export interface InitializerPlan {
  name: InitializerName;
  /** Changes are needed (or the plan is blocked). */
  needed: boolean;
  /** One line per planned change (`create /path`, `stale claude /path`). */
  changes: string[];
  /** Why planning failed (the initializer cannot run until it is fixed). */
  blocked: string | null;
}

/** What applying one initializer did. */
export interface InitializerRun {
  name: InitializerName;
  /** One line per file written or deploy step. */
  lines: string[];
}

async function planChanges(app: AppContext, name: InitializerName): Promise<string[]> {
  switch (name) {
    case "amd":
      return (await planAmdInit(app, { conservative: true })).writes.map((w) =>
        `${w.action} ${w.path} (${w.detail})`
      );
    case "memory":
      return (await planMemoryInit(app)).writes.map((w) => `${w.action} ${w.path}`);
    case "sdd":
      return (await initSdd(app, { check: true })).items.filter((i) => i.state !== "current").map(
        (i) => `${i.state} ${i.path}`,
      );
    case "skills":
      return (await planSkills(app)).targets.filter((t) => t.status !== "current").map((t) =>
        `${t.status} ${t.provider} ${t.path}`
      );
  }
}

/** Plan one initializer; a `SaseError` while planning marks it blocked. */
export async function planInitializer(
  app: AppContext,
  name: InitializerName,
): Promise<InitializerPlan> {
  try {
    const changes = await planChanges(app, name);
    return { name, needed: changes.length > 0, changes, blocked: null };
  } catch (error) {
    if (!(error instanceof SaseError)) throw error;
    return { name, needed: true, changes: [], blocked: error.message };
  }
}

/** Plan every initializer in registry order. */
export async function planInit(app: AppContext): Promise<InitializerPlan[]> {
  const plans: InitializerPlan[] = [];
  for (const name of INITIALIZERS) plans.push(await planInitializer(app, name));
  return plans;
}

/** Re-plan and apply one initializer. */
export async function runInitializer(
  app: AppContext,
  name: InitializerName,
): Promise<InitializerRun> {
  switch (name) {
    case "amd": {
      const written = await applyAmdInit(await planAmdInit(app, { conservative: true }));
      return { name, lines: written.map((p) => `wrote ${p}`) };
    }
    case "memory": {
      const plan = await planMemoryInit(app);
      const applied = await applyMemoryInit(app, plan, { commit: true });
      return {
        name,
        lines: [
          ...applied.written.map((p) => `wrote ${p}`),
          ...applied.deploy.map((d) => `deploy ${d}`),
        ],
      };
    }
    case "sdd": {
      const report = await initSdd(app, {});
      return { name, lines: report.written.map((p) => `wrote ${p}`) };
    }
    case "skills": {
      const applied = await applySkills(app, await planSkills(app), {
        force: true,
        commit: true,
        push: true,
        apply: true,
      });
      return {
        name,
        lines: [
          ...applied.written.map((t) => `wrote ${t.path}`),
          ...applied.deploy.map((d) => `deploy ${d}`),
        ],
      };
    }
  }
}
