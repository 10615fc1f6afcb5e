/**
 * The skill sources: xprompts whose frontmatter sets `skill` (bundled ones
 * under `xprompts/skills/` and the user's and config's), read from the home
 * directory's point of view — skills deploy to the home, so a project's own
 * xprompts are not sources. A source deploys to every skill provider
 * (`skill: true`) or to the listed ones.
 *
 * @module
 */

import type { AppContext } from "../context.ts";
import { homeDir } from "../config/paths.ts";
import { xpromptCatalog } from "../xprompt/service.ts";
import type { XPrompt } from "../xprompt/model.ts";
import { skillProviderNames } from "./targets.ts";

/** One skill source. */
export interface SkillSource {
  /** The provider-visible name (the xprompt name's last segment). */
  name: string;
  /** The xprompt that defines it. */
  xprompt: XPrompt;
  description: string;
  /** The providers it deploys to (unknown names in a `skill:` list are dropped). */
  providers: string[];
  /** Provider names a `skill:` list gave that take no skills. */
  unknownProviders: string[];
}

/** The skill sources, sorted by name (the first definition of a name wins). */
export async function skillSources(app: AppContext): Promise<SkillSource[]> {
  const catalog = await xpromptCatalog(app.at(homeDir(app.env)));
  const known = skillProviderNames();
  const sources = new Map<string, SkillSource>();
  for (const xprompt of catalog.byName.values()) {
    if (xprompt.kind !== "xprompt" || !xprompt.skill) continue;
    const name = xprompt.name.split("/").pop()!;
    if (sources.has(name)) continue;
    const listed = xprompt.skill === true ? known : xprompt.skill;
    sources.set(name, {
      name,
      xprompt,
      description: xprompt.description ?? "",
      providers: known.filter((p) => listed.includes(p)),
      unknownProviders: listed.filter((p) => !known.includes(p)),
    });
  }
  return [...sources.values()].sort((a, b) => a.name.localeCompare(b.name));
}
