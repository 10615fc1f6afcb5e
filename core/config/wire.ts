/**
 * The wire format of the configuration's merge chain (`sase config layers
 * -j`) and of the well-known paths (`sase path -j`), as the CLI prints them
 * and ACE's settings view and the gateway will send them.
 *
 * @module
 */

import type { ConfigWarning, LoadedConfig } from "./loaded.ts";
import type { LayerKind } from "./layers.ts";
import type { ListStrategy } from "./merge.ts";
import type { ResolvedPath } from "./named_paths.ts";

/** One layer of the chain, lowest priority first. */
export interface ConfigLayerWire {
  /** 1 for the lowest-priority layer. */
  order: number;
  name: string;
  kind: LayerKind;
  path: string;
  exists: boolean;
  list_strategy: ListStrategy;
  /** Top-level keys the layer sets. */
  keys: number;
}

/** `sase config layers -j`. */
export interface ConfigLayersWire {
  schema_version: 1;
  layers: ConfigLayerWire[];
  warnings: ConfigWarning[];
}

/** The merge chain of `loaded` in wire form. */
export function configLayersWire(loaded: LoadedConfig): ConfigLayersWire {
  return {
    schema_version: 1,
    layers: loaded.layers.map((layer, index) => ({
      order: index + 1,
      name: layer.name,
      kind: layer.kind,
      path: layer.path,
      exists: layer.exists,
      list_strategy: layer.strategy,
      keys: layer.value ? Object.keys(layer.value).length : 0,
    })),
    warnings: loaded.warnings,
  };
}

/** `sase path NAME -j`. */
export interface NamedPathWire {
  name: string;
  path: string;
}

/** One named path in wire form. */
export function namedPathWire(path: ResolvedPath): NamedPathWire {
  return { name: path.name, path: path.path };
}

/** `sase path -j`: every path by name, in display order. */
export type NamedPathsWire = Record<string, string>;

/** Every named path in wire form. */
export function namedPathsWire(paths: readonly ResolvedPath[]): NamedPathsWire {
  return Object.fromEntries(paths.map((path) => [path.name, path.path]));
}
