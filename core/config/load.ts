/**
 * Loading the merged configuration: discover the layers, check each one
 * against the schema (so an error names the file, line and key path that set
 * the bad value), merge them, and check the result.
 *
 * Every agent launch loads the configuration, and parsing YAML and
 * validating with zod costs tens of milliseconds of module loading alone. So
 * this module statically imports only cheap code: it reads the layer files,
 * asks the content-keyed cache (`cache.ts`), and imports the full load
 * (`load_uncached.ts`) only on a miss.
 *
 * @module
 */

import { type Env, processEnv } from "./paths.ts";
import {
  type DiscoverOptions,
  type LayerSources,
  pluginConfigDisabled,
  readLayerSources,
} from "./layers.ts";
import { configCacheSlot, readCachedConfig, writeCachedConfig } from "./cache.ts";
import type { LoadedConfig } from "./loaded.ts";
import { importOnDemand } from "../on_demand.ts";
import { mayListPlugins } from "../plugin/specifiers.ts";

/**
 * `found` with the default configs of the plugins it lists (`plugins:`).
 * Plugin code is loaded only when some layer's text has a `plugins:` key.
 */
async function withPluginLayers(
  found: LayerSources,
  options: DiscoverOptions & { env: Env },
): Promise<LayerSources> {
  if ("error" in found || options.pluginLayers || pluginConfigDisabled(options.env)) return found;
  if (!found.sources.some((source) => mayListPlugins(source.text))) return found;
  const { pluginConfigLayers } = await importOnDemand<
    typeof import("../plugin/config_layers.ts")
  >("../plugin/config_layers.ts", import.meta.url);
  const pluginLayers = await pluginConfigLayers(found.sources);
  return pluginLayers.length ? readLayerSources({ ...options, pluginLayers }) : found;
}

/**
 * Discover, validate and merge every configuration layer.
 *
 * A repeat call with the same layer files (same text, same paths) and the
 * same sase version is answered from `SASE_HOME/cache/config` without loading
 * the YAML parser or zod. Errors are never cached: an invalid configuration
 * throws the same `SaseError` (file, line, key path) on every call.
 */
export async function loadConfig(options: DiscoverOptions = {}): Promise<LoadedConfig> {
  const env = options.env ?? processEnv();
  const found = await withPluginLayers(readLayerSources({ ...options, env }), { ...options, env });
  // A layer that could not be read must raise its error from the full load.
  const slot = "error" in found ? null : await configCacheSlot(env, found.sources);
  if (slot) {
    const cached = readCachedConfig(slot, found.sources);
    if (cached) return cached;
  }
  const { loadFromSources } = await importOnDemand<typeof import("./load_uncached.ts")>(
    "./load_uncached.ts",
    import.meta.url,
  );
  const loaded = loadFromSources(found);
  if (slot) await writeCachedConfig(slot, loaded);
  return loaded;
}
