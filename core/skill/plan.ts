/**
 * `sase skill list` and `sase skill init` share one read-only plan: every
 * skill source rendered for each of its providers, with the target path and
 * whether the deployed `SKILL.md` is current, stale or missing. `init`
 * then writes missing targets, and stale ones when forced or confirmed, and
 * with `use_chezmoi: true` deploys through the chezmoi source.
 *
 * @module
 */

import type { AppContext } from "../context.ts";
import { homeDir } from "../config/paths.ts";
import { SaseError } from "../errors.ts";
import { atomicWriteTextFile } from "../fs/atomic_write.ts";
import { readTextIfExists } from "../memory/fs.ts";
import { chezmoiHomeRoot } from "../memory/layout.ts";
import { deployChezmoi } from "../chezmoi/deploy.ts";
import { type SkillSource, skillSources } from "./catalog.ts";
import { renderSkill } from "./render.ts";
import { skillProviderNames, skillTargetPath } from "./targets.ts";

/** A deployed skill file's state. */
export type SkillTargetStatus = "current" | "stale" | "missing";

/** One provider's copy of one skill. */
export interface SkillTarget {
  skill: string;
  provider: string;
  path: string;
  content: string;
  status: SkillTargetStatus;
}

/** The plan. */
export interface SkillPlan {
  useChezmoi: boolean;
  /** Where targets live: the home, or the chezmoi home source. */
  root: string;
  sources: SkillSource[];
  targets: SkillTarget[];
}

/** The commit message of a chezmoi skill deploy. */
export const SKILL_INIT_COMMIT_MESSAGE = "chore: run sase skill init";

/** Plan every skill target (only `provider`'s with a filter); nothing is written. */
export async function planSkills(app: AppContext, provider?: string): Promise<SkillPlan> {
  const known = skillProviderNames();
  if (provider !== undefined && !known.includes(provider)) {
    throw new SaseError("skill.provider", `unknown skill provider '${provider}'`, {
      hint: `skill providers: ${known.join(", ")}`,
      kind: "invalid-input",
    });
  }
  const useChezmoi = (await app.config()).config.use_chezmoi ?? false;
  const home = homeDir(app.env);
  const chezmoiRoot = useChezmoi ? chezmoiHomeRoot(app.env) : null;
  const tools = new Map((await app.providers.llm()).infos().map((i) => [i.name, i.tool]));
  const sources = await skillSources(app);
  const targets: SkillTarget[] = [];
  for (const source of sources) {
    for (const name of source.providers) {
      if (provider !== undefined && name !== provider) continue;
      const content = await renderSkill(
        {
          name: source.name,
          description: source.description,
          body: source.xprompt.content,
          logSkillUse: source.xprompt.logSkillUse,
          path: source.xprompt.source.path,
        },
        name,
        tools.get(name) ?? name,
      );
      const path = skillTargetPath(name, source.name, home, chezmoiRoot);
      const current = await readTextIfExists(path);
      const status = current === null ? "missing" : current === content ? "current" : "stale";
      targets.push({ skill: source.name, provider: name, path, content, status });
    }
  }
  return { useChezmoi, root: chezmoiRoot ?? home, sources, targets };
}

/** How `sase skill init` applies a plan. */
export interface SkillApplyOptions {
  /** Overwrite stale targets without asking. */
  force: boolean;
  /** Asked per stale target when not forced; absent (non-interactive): stale targets are skipped. */
  confirm?: (target: SkillTarget) => boolean;
  /** Chezmoi deploy steps (`-C` skips all three, `-P` the push, `-A` the apply). */
  commit: boolean;
  push: boolean;
  apply: boolean;
}

/** What applying did. */
export interface SkillApplied {
  written: SkillTarget[];
  /** Stale targets left alone (not forced, not confirmed). */
  skipped: SkillTarget[];
  deploy: string[];
}

/** Write the plan's targets and deploy them. */
export async function applySkills(
  app: AppContext,
  plan: SkillPlan,
  options: SkillApplyOptions,
): Promise<SkillApplied> {
  const written: SkillTarget[] = [];
  const skipped: SkillTarget[] = [];
  for (const target of plan.targets) {
    if (target.status === "current") continue;
    if (target.status === "stale" && !options.force && !(options.confirm?.(target) ?? false)) {
      skipped.push(target);
      continue;
    }
    await atomicWriteTextFile(target.path, target.content);
    written.push(target);
  }
  const deploy = plan.useChezmoi && written.length > 0
    ? await deployChezmoi(app, plan.root, written.map((t) => t.path), {
      commit: options.commit,
      push: options.commit && options.push,
      apply: options.commit && options.apply,
      message: SKILL_INIT_COMMIT_MESSAGE,
    })
    : [];
  return { written, skipped, deploy };
}
