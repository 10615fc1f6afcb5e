/**
 * The plugin registry of one configuration: sase's built-ins (registered
 * by the composition root) followed by the plugins the configuration lists.
 * Plugin code, and zod for its manifests, is loaded only when the
 * configuration lists plugins.
 *
 * @module
 */

import type { Env } from "../env.ts";
import { importOnDemand } from "../on_demand.ts";
import { PluginRegistry } from "./registry.ts";
import { configuredPlugins, type PluginListLayer } from "./specifiers.ts";

/** A registry with `registerBuiltins`' entries, then those of the plugins `layers` list. */
export async function buildPluginRegistry(
  layers: readonly PluginListLayer[],
  registerBuiltins: (registry: PluginRegistry) => void,
): Promise<PluginRegistry> {
  const registry = new PluginRegistry();
  registerBuiltins(registry);
  const specifiers = configuredPlugins(layers);
  if (specifiers.length === 0) return registry;
  const { loadPlugins, registerPlugins } = await importOnDemand<typeof import("./load.ts")>(
    "./load.ts",
    import.meta.url,
  );
  registerPlugins(registry, await loadPlugins(specifiers));
  return registry;
}

/**
 * The xprompt directories (`sase_xprompts`) of the plugins `layers` list,
 * in configuration order; none when `SASE_DISABLE_PLUGINS` or
 * `SASE_DISABLE_PLUGIN_XPROMPTS` is set.
 */
export async function pluginXPromptDirs(
  layers: readonly PluginListLayer[],
  env: Env,
): Promise<string[]> {
  if (env.SASE_DISABLE_PLUGINS || env.SASE_DISABLE_PLUGIN_XPROMPTS) return [];
  if (configuredPlugins(layers).length === 0) return [];
  const registry = await buildPluginRegistry(layers, () => {});
  return await registry.collectAll("sase_xprompts", (dir) => dir);
}
