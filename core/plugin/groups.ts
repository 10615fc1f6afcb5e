/**
 * The six plugin groups (handbook 20.1) and what an entry of each holds.
 * Provider groups hold provider implementations; resource groups hold
 * paths sase reads (an xprompt directory, a `default_config.yml`) or the
 * plugin's metadata for diagnostics.
 *
 * @module
 */

import type { LlmProvider } from "../provider.ts";
import type { WorkspaceProvider } from "../workspace/provider.ts";
import type { VcsProviderDefinition } from "./manifest.ts";

/** Every plugin group, in the handbook's order. */
export const PLUGIN_GROUPS = [
  "sase_vcs",
  "sase_workspace",
  "sase_llm",
  "sase_xprompts",
  "sase_config",
  "sase_plugin_manifest",
] as const;

/** One plugin group's name. */
export type PluginGroup = typeof PLUGIN_GROUPS[number];

/** A plugin's metadata, as `sase_plugin_manifest` entries hold it. */
export interface PluginMetadata {
  name: string;
  version?: string;
  description?: string;
  /** Where it was loaded from (`builtin` or the module specifier). */
  source: string;
}

/** What an entry of each group holds. */
export interface PluginGroupValues {
  sase_vcs: VcsProviderDefinition;
  sase_workspace: WorkspaceProvider;
  sase_llm: LlmProvider;
  /** An xprompt directory. */
  sase_xprompts: string;
  /** A `default_config.yml` file. */
  sase_config: string;
  sase_plugin_manifest: PluginMetadata;
}
