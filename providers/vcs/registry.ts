/**
 * The VCS provider registry: the built-in providers, in classification
 * order (hosting providers that claim remotes before the `bare_git`
 * fallback).
 *
 * @module
 */

import { firstByKey } from "../../core/plugin/first_by_key.ts";
import type { Env } from "../../core/env.ts";
import { SaseError } from "../../core/errors.ts";
import {
  type CompleteVcsProvider,
  completeVcsProvider,
  type VcsProviderLookup,
} from "../../core/vcs/provider.ts";
import type { VcsProviderDefinition } from "../../core/plugin/manifest.ts";
import { BARE_GIT_INFO, createBareGitProvider } from "./bare_git.ts";
import { createGitHubProvider, GITHUB_INFO } from "./github.ts";
import { createHgProvider, HG_INFO } from "./hg.ts";

export type { VcsProviderDefinition };

/** The built-in VCS providers (`github`, `bare_git`, `hg`). */
export const BUILTIN_VCS_PROVIDERS: readonly VcsProviderDefinition[] = [
  { info: GITHUB_INFO, create: createGitHubProvider },
  { info: BARE_GIT_INFO, create: createBareGitProvider },
  { info: HG_INFO, create: createHgProvider },
];

/** A lookup over `definitions` (default: the built-ins). */
export function createVcsProviderRegistry(
  definitions: readonly VcsProviderDefinition[] = BUILTIN_VCS_PROVIDERS,
): VcsProviderLookup {
  const byName = firstByKey(definitions, (d) => d.info.name);
  return {
    infos: () => [...byName.values()].map((d) => d.info),
    get(name: string, env: Env = {}): CompleteVcsProvider {
      const definition = byName.get(name);
      if (definition) return completeVcsProvider(definition.create(env));
      throw new SaseError("vcs.unknown_provider", `No VCS provider named '${name}'`, {
        hint: `known providers: ${[...byName.keys()].join(", ")}`,
        kind: "not-found",
      });
    },
  };
}
