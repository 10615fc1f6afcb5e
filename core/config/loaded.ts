/**
 * What loading the configuration yields: the validated merged config, the
 * layers it came from and the warnings about them. The loader, its cache and
 * the validator all produce or consume these values, so they live apart from
 * each of them.
 *
 * @module
 */

import type { ConfigObject } from "./merge.ts";
import type { SaseConfig } from "./types.ts";
import type { ConfigLayer } from "./layers.ts";

/** A non-fatal finding about the configuration (unknown keys, deprecations). */
export interface ConfigWarning {
  layer: string;
  path: string;
  line?: number;
  key: string;
  message: string;
}

/** The merged configuration together with where it came from. */
export interface LoadedConfig {
  /** The validated merged configuration. */
  config: SaseConfig;
  /** The merged configuration exactly as merged (keys sorted). */
  raw: ConfigObject;
  /**
   * The layers, bottom to top. When the result comes from the cache their
   * `lineOf` answers `undefined`: line lookups only describe validation
   * errors, and a cached configuration was already valid.
   */
  layers: ConfigLayer[];
  /** Unknown and deprecated keys, with the file and line that set them. */
  warnings: ConfigWarning[];
}
