/**
 * The LLM provider registry: every built-in provider implementation keyed by
 * the name in its metadata (`core/agent/provider_catalog.ts`).
 *
 * @module
 */

import type { LlmProvider, LlmProviderInfo, LlmProviderLookup } from "../../core/provider.ts";
import { SaseError } from "../../core/errors.ts";
import { agyProvider } from "./agy.ts";
import { claudeProvider } from "./claude.ts";
import { codexProvider } from "./codex.ts";
import { fakeyProvider } from "./fakey.ts";
import { geminiProvider } from "./gemini.ts";
import { opencodeProvider } from "./opencode.ts";
import { qwenProvider } from "./qwen.ts";

/** Built-in providers in autodetect order, then explicit-only ones. */
export const BUILTIN_PROVIDERS: readonly LlmProvider[] = [
  claudeProvider,
  codexProvider,
  qwenProvider,
  opencodeProvider,
  agyProvider,
  geminiProvider,
  fakeyProvider,
];

/** A lookup over `providers` (default: the built-ins). */
export function createProviderRegistry(
  providers: readonly LlmProvider[] = BUILTIN_PROVIDERS,
): LlmProviderLookup {
  const byName = new Map(providers.map((provider) => [provider.info.name, provider]));
  return {
    infos: (): LlmProviderInfo[] => providers.map((provider) => provider.info),
    get(name: string): LlmProvider {
      const provider = byName.get(name);
      if (provider) return provider;
      throw new SaseError("provider.unknown", `unknown LLM provider '${name}'`, {
        hint: `known providers: ${[...byName.keys()].join(", ")}`,
      });
    },
  };
}
