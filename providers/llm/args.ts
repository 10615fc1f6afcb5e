/**
 * Command-line pieces every provider shares: the executable (path variable
 * or bare name) and the extra args variables with the handbook's fallback
 * rule: `SASE_LLM_<TIER>_ARGS` when set, otherwise `SASE_<P>_<TIER>_ARGS`.
 *
 * @module
 */

import type { Env } from "../../core/config/paths.ts";
import type { LlmProviderInfo, ModelTier } from "../../core/provider.ts";

/** The executable to run: the provider's path variable, else its bare binary name. */
export function providerBinary(info: LlmProviderInfo, env: Env): string {
  const explicit = info.pathEnv ? env[info.pathEnv]?.trim() : undefined;
  return explicit || info.binary;
}

/**
 * Extra args for `tier`, split on whitespace. The generic variable wins
 * whenever it is set (even to an empty value); the provider-specific one is
 * only a fallback.
 */
export function extraArgs(info: LlmProviderInfo, tier: ModelTier, env: Env): string[] {
  const suffix = tier === "large" ? "LARGE_ARGS" : "SMALL_ARGS";
  const generic = env[`SASE_LLM_${suffix}`];
  const value = generic !== undefined ? generic : env[`${info.argsEnvPrefix}_${suffix}`];
  return (value ?? "").split(/\s+/).filter((part) => part !== "");
}
