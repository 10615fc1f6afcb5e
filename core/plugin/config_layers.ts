/**
 * Plugin default configs (`sase_config`) as configuration layers. The
 * plugin list lives in the configuration itself, so `loadConfig` reads the
 * layers once, asks here for the `default_config.yml` of every plugin they
 * list, and reads the layers again with these merged between the bundled
 * defaults and the user's file (sorted by plugin name, handbook 20.5).
 *
 * A plugin that fails to load or whose file cannot be read adds no layer:
 * `sase plugin doctor` reports it.
 *
 * @module
 */

import { parse } from "../yaml/lib.ts";
import { READ_LIMITS, readTextBounded } from "../fs/bounded_read.ts";
import type { LayerSource } from "../config/layers.ts";
import { configuredPlugins, mayListPlugins, type PluginListLayer } from "./specifiers.ts";
import { loadPlugins, pluginPath } from "./load.ts";

/** Layers as plugin discovery reads them; a layer that does not parse lists nothing here. */
function listLayers(sources: readonly LayerSource[]): PluginListLayer[] {
  return sources.flatMap((source) => {
    if (source.text === null || !mayListPlugins(source.text)) return [];
    try {
      const value = parse(source.text);
      return value && typeof value === "object" ? [{ path: source.path, value }] : [];
    } catch {
      // The full load reports the YAML error with its file and line.
      return [];
    }
  });
}

/** The default configs of the plugins `sources` list, sorted by plugin name. */
export async function pluginConfigLayers(
  sources: readonly LayerSource[],
): Promise<{ name: string; path: string; text: string }[]> {
  const { plugins } = await loadPlugins(configuredPlugins(listLayers(sources)));
  const layers = await Promise.all(plugins.map(async ({ specifier, manifest }) => {
    if (manifest.config === undefined) return [];
    try {
      const path = pluginPath(manifest.config, specifier.url);
      return [{ name: manifest.name, path, text: await readTextBounded(path, READ_LIMITS.config) }];
    } catch {
      return [];
    }
  }));
  return layers.flat().sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}
