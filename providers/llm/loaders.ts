/**
 * The built-in LLM providers by name, each behind a dynamic import: the one
 * table of built-ins. A process that needs a single provider (the launch
 * sandbox's worker) loads only that provider's module and stream parser
 * with `loadLlmProvider`; `registry.ts` loads them all for the synchronous
 * registry.
 *
 * @module
 */

import type { LlmProvider } from "../../core/provider.ts";
import {
  AGY_INFO,
  CLAUDE_INFO,
  CODEX_INFO,
  FAKEY_INFO,
  GEMINI_INFO,
  OPENCODE_INFO,
  QWEN_INFO,
} from "../../core/provider_catalog.ts";
import { SaseError } from "../../core/errors.ts";

/** Loads one provider's module. */
export type LlmProviderLoader = () => Promise<LlmProvider>;

/** Every built-in provider's loader by name, in autodetect order, then explicit-only ones. */
export const BUILTIN_PROVIDER_LOADERS: ReadonlyMap<string, LlmProviderLoader> = new Map<
  string,
  LlmProviderLoader
>([
  [CLAUDE_INFO.name, async () => (await import("./claude.ts")).claudeProvider],
  [CODEX_INFO.name, async () => (await import("./codex.ts")).codexProvider],
  [QWEN_INFO.name, async () => (await import("./qwen.ts")).qwenProvider],
  [OPENCODE_INFO.name, async () => (await import("./opencode.ts")).opencodeProvider],
  [AGY_INFO.name, async () => (await import("./agy.ts")).agyProvider],
  [GEMINI_INFO.name, async () => (await import("./gemini.ts")).geminiProvider],
  [FAKEY_INFO.name, async () => (await import("./fakey.ts")).fakeyProvider],
]);

/** The error for a provider name nobody knows; `known` lists the names there are. */
export function unknownLlmProvider(name: string, known: Iterable<string>): SaseError {
  return new SaseError("provider.unknown", `unknown LLM provider '${name}'`, {
    hint: `known providers: ${[...known].join(", ")}`,
    kind: "not-found",
  });
}

/** The built-in provider `name`, loading only its own modules. */
export async function loadLlmProvider(name: string): Promise<LlmProvider> {
  const load = BUILTIN_PROVIDER_LOADERS.get(name);
  if (!load) throw unknownLlmProvider(name, BUILTIN_PROVIDER_LOADERS.keys());
  return await load();
}
