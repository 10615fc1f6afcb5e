/**
 * Parsing the layers found by `readLayerSources` into {@linkcode ConfigLayer}s.
 *
 * Kept apart from `layers.ts` because it pulls in the YAML parser, which is
 * the single most expensive module to load; `loadConfig` imports this module
 * only when its cache cannot answer.
 *
 * @module
 */

import type { ConfigLayer, LayerSource, LayerSources } from "./layers.ts";
import { parseYamlConfig } from "./yaml_file.ts";

const noLines: ConfigLayer["lineOf"] = () => undefined;

/** Parse one layer's text; throws a `SaseError` naming file and line on bad YAML. */
export function parseLayer(source: LayerSource): ConfigLayer {
  const file = source.text === null ? null : parseYamlConfig(source.path, source.text);
  return {
    name: source.name,
    kind: source.kind,
    path: source.path,
    strategy: source.strategy,
    exists: file !== null,
    value: file?.value ?? null,
    lineOf: file?.lineOf ?? noLines,
  };
}

/**
 * Parse every layer bottom to top, then raise the discovery failure, if any:
 * the same order of errors as reading and parsing each file in turn.
 */
export function parseLayers(found: LayerSources): ConfigLayer[] {
  const layers = found.sources.map(parseLayer);
  if ("error" in found) throw found.error;
  return layers;
}
