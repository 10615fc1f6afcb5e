/**
 * The VCS provider for an application context's directory: the selection
 * tiers of `select.ts` fed from the context (its environment, its merged
 * configuration's `vcs_provider.provider`, its provider registry).
 *
 * @module
 */

import type { AppContext } from "../context.ts";
import type { CompleteVcsProvider } from "./provider.ts";
import { selectVcsProvider, type VcsSelection } from "./select.ts";

/** Options of {@linkcode resolveVcsProvider}. */
export interface ResolveVcsOptions {
  /** A `-v/--vcs-provider` value the command was given. */
  explicit?: string;
  /** The directory to resolve for (default: the context's). */
  cwd?: string;
}

/** A selected provider and how it was chosen. */
export interface ResolvedVcsProvider {
  provider: CompleteVcsProvider;
  selection: VcsSelection;
}

/** Select and load the VCS provider for `app` (throws "No VCS provider found" when none applies). */
export async function resolveVcsProvider(
  app: AppContext,
  options: ResolveVcsOptions = {},
): Promise<ResolvedVcsProvider> {
  const cwd = options.cwd ?? app.cwd;
  const lookup = await app.providers.vcs();
  // The configuration is only read when neither the flag nor the variable decides.
  const configured = options.explicit?.trim() || app.env.SASE_VCS_PROVIDER?.trim()
    ? undefined
    : (await app.at(cwd).config()).config.vcs_provider?.provider;
  const selection = await selectVcsProvider({
    cwd,
    env: app.env,
    explicit: options.explicit,
    configured,
    providers: lookup.infos(),
  });
  return { provider: lookup.get(selection.name, app.env), selection };
}
