/**
 * The full, uncached configuration load: parse every layer's YAML, validate
 * each layer, merge, validate the result and collect warnings.
 *
 * `loadConfig` imports this module dynamically, only when its cache has no
 * answer, so a cache hit never loads the YAML parser, zod or the schema.
 *
 * @module
 */

import { mergeLayers } from "./merge.ts";
import type { LayerSources } from "./layers.ts";
import type { LoadedConfig } from "./loaded.ts";
import { parseLayers } from "./parse_layers.ts";
import { layerWarnings, validateLayer, validateMerged } from "./validate.ts";

/** Parse, validate and merge the layers found by `readLayerSources`. */
export function loadFromSources(found: LayerSources): LoadedConfig {
  const layers = parseLayers(found);
  layers.forEach(validateLayer);
  const raw = mergeLayers(
    layers.map((layer) => ({ value: layer.value, strategy: layer.strategy })),
  );
  const config = validateMerged(raw);
  return { config, raw, layers, warnings: layers.flatMap(layerWarnings) };
}
