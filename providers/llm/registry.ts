/**
 * The LLM provider registry: every built-in provider implementation keyed by
 * the name in its metadata (`core/provider_catalog.ts`). The
 * built-ins come from the loader table in `loaders.ts`, loaded here all at
 * once so that lookups are synchronous.
 *
 * @module
 */

import { firstByKey } from "../../core/plugin/first_by_key.ts";
import type { LlmProvider, LlmProviderInfo, LlmProviderLookup } from "../../core/provider.ts";
import { BUILTIN_PROVIDER_LOADERS, unknownLlmProvider } from "./loaders.ts";

/** Built-in providers in autodetect order, then explicit-only ones. */
export const BUILTIN_PROVIDERS: readonly LlmProvider[] = await Promise.all(
  [...BUILTIN_PROVIDER_LOADERS.values()].map((load) => load()),
);

/** A lookup over `providers` (default: the built-ins). */
export function createProviderRegistry(
  providers: readonly LlmProvider[] = BUILTIN_PROVIDERS,
): LlmProviderLookup {
  const byName = firstByKey(providers, (provider) => provider.info.name);
  const kept = [...byName.values()];
  return {
    infos: (): LlmProviderInfo[] => kept.map((provider) => provider.info),
    get(name: string): LlmProvider {
      const provider = byName.get(name);
      if (provider) return provider;
      throw unknownLlmProvider(name, byName.keys());
    },
  };
}
