/**
 * The coding-agent CLIs a user installs, as doctor lists them: a view of the
 * provider metadata in `core/provider_catalog.ts` (the one source of
 * truth), limited to autodetectable, visible providers, in priority order.
 *
 * @module
 */

import { BUILTIN_PROVIDER_INFOS } from "../provider_catalog.ts";
import type { LlmProviderInfo } from "../provider.ts";

/** One known agent CLI. */
export interface AgentCliInfo {
  /** Provider name used in config (`llm_provider.provider`). */
  provider: string;
  /** Display name of the tool. */
  tool: string;
  /** Executable looked up on PATH. */
  binary: string;
  /** Environment variable that points at a specific executable. */
  pathEnv: string;
  /** Autodetect priority: the lowest-numbered installed CLI is the default. */
  priority: number;
  /** How to install it. */
  install: string;
  /** How to sign in. */
  auth: string;
}

/** The doctor view of autodetectable providers, lowest priority first. */
export function agentClis(infos: readonly LlmProviderInfo[]): AgentCliInfo[] {
  return infos
    .filter((info) => !info.hidden && info.autodetectPriority !== null && info.pathEnv)
    .map((info) => ({
      provider: info.name,
      tool: info.tool,
      binary: info.binary,
      pathEnv: info.pathEnv!,
      priority: info.autodetectPriority!,
      install: info.install,
      auth: info.auth,
    }))
    .sort((a, b) => a.priority - b.priority);
}

/** Built-in agent CLIs in autodetect order. */
export const AGENT_CLIS: readonly AgentCliInfo[] = agentClis(BUILTIN_PROVIDER_INFOS);
