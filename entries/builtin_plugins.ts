/**
 * sase's own entries in the plugin registry: the built-in LLM, VCS and
 * workspace providers and sase's manifest, each loaded only when a lookup
 * needs its group (the same modules, loaded at the same time, as before the
 * registry composed them).
 *
 * @module
 */

import { importOnDemand } from "../core/on_demand.ts";
import { BUILTIN_PLUGIN, type PluginRegistry } from "../core/plugin/registry.ts";
import { BUILTIN_PROVIDER_LOADERS } from "../providers/llm/loaders.ts";
import { SASE_VERSION } from "../core/version.ts";

const BUILTIN = { plugin: BUILTIN_PLUGIN, source: "builtin" } as const;

const vcsModule = () =>
  importOnDemand<typeof import("../providers/vcs/registry.ts")>(
    "../providers/vcs/registry.ts",
    import.meta.url,
  );
const workspaceModule = () =>
  importOnDemand<typeof import("../providers/workspace/registry.ts")>(
    "../providers/workspace/registry.ts",
    import.meta.url,
  );

/** The built-in VCS providers, by name, in classification order. */
const BUILTIN_VCS = ["github", "bare_git", "hg"] as const;
/** The built-in workspace providers, by workflow type, in dispatch order. */
const BUILTIN_WORKSPACES = ["git", "cd"] as const;

/** Register sase's built-in entries in `registry`. */
export function registerBuiltinPlugins(registry: PluginRegistry): void {
  registry.register({
    ...BUILTIN,
    group: "sase_plugin_manifest",
    name: BUILTIN_PLUGIN,
    load: () =>
      Promise.resolve({
        name: BUILTIN_PLUGIN,
        version: SASE_VERSION,
        description: "built-in providers",
        source: "builtin",
      }),
  });
  for (const [name, load] of BUILTIN_PROVIDER_LOADERS) {
    registry.register({ ...BUILTIN, group: "sase_llm", name, load });
  }
  for (const name of BUILTIN_VCS) {
    registry.register({
      ...BUILTIN,
      group: "sase_vcs",
      name,
      load: async () =>
        (await vcsModule()).BUILTIN_VCS_PROVIDERS.find((definition) =>
          definition.info.name === name
        )!,
    });
  }
  for (const type of BUILTIN_WORKSPACES) {
    registry.register({
      ...BUILTIN,
      group: "sase_workspace",
      name: type,
      load: async () =>
        (await workspaceModule()).BUILTIN_WORKSPACE_PROVIDERS.find((provider) =>
          provider.metadata.workflowType === type
        )!,
    });
  }
}
