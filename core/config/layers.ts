/**
 * Finding the five configuration layers, in merge order (handbook 24.3):
 * bundled defaults, plugin defaults, `~/.config/sase/sase.yml`, the sorted
 * `sase_*.yml` overlays, and the project-local `./sase.yml`.
 *
 * This module only finds the layers and reads their text. It deliberately
 * does not parse YAML: `loadConfig` hashes these texts to look up its cache
 * first, and only a cache miss pays for importing the YAML parser and the
 * schema (see `parse_layers.ts`).
 *
 * @module
 */

import { join } from "../fs/path.ts";
import { SaseError } from "../errors.ts";
import { READ_LIMITS, readTextBoundedSync } from "../fs/bounded_read.ts";
import { configDir, type Env, processEnv, userConfigPath } from "./paths.ts";
import type { ConfigObject, ListStrategy } from "./merge.ts";
import { DEFAULT_CONFIG_NAME, DEFAULT_CONFIG_YAML } from "./defaults.ts";

/** Where a layer comes from. */
export type LayerKind = "builtin" | "plugin" | "user" | "overlay" | "local";

/** 1-based line of the node at `keyPath` in a layer's file, if the file has it. */
export type LineLookup = (keyPath: readonly (string | number)[]) => number | undefined;

/** One configuration layer as found on disk (or bundled). */
export interface ConfigLayer {
  /** Display name: `default`, `plugin:<name>`, `user`, `overlay:<file>`, `local`. */
  name: string;
  kind: LayerKind;
  /** File the layer is read from. */
  path: string;
  strategy: ListStrategy;
  exists: boolean;
  /** Parsed mapping, `null` when the file is missing or empty. */
  value: ConfigObject | null;
  /**
   * Locates key paths in the source file for error messages. A layer served
   * from the config cache answers `undefined` (it was already valid).
   */
  lineOf: LineLookup;
}

/** Options for {@linkcode readLayerSources} and `loadConfig`. */
export interface DiscoverOptions {
  env?: Env;
  /** Directory whose `sase.yml` is the local layer (default: the process cwd). */
  cwd?: string;
  /** Load the project-local `./sase.yml` (ACE turns this off for itself). */
  includeLocal?: boolean;
  /** Plugin default configs, already read, sorted by plugin name by the caller. */
  pluginLayers?: readonly { name: string; path: string; text: string }[];
}

/** One layer before parsing: where it comes from and its raw text. */
export interface LayerSource {
  /** Display name, as in {@linkcode ConfigLayer}. */
  name: string;
  kind: LayerKind;
  /** File the text was read from (or the bundled/plugin name). */
  path: string;
  strategy: ListStrategy;
  /** The file's text; `null` when the file does not exist. */
  text: string | null;
}

/** The layers found by {@linkcode readLayerSources}. */
export interface LayerSources {
  /** Every layer found, bottom (defaults) to top (local). */
  sources: LayerSource[];
  /**
   * A failure that stopped discovery after the last entry of `sources` (an
   * unreadable file or config directory). It is thrown only after the layers
   * before it were parsed, so a YAML error in an earlier layer still wins,
   * exactly as when discovery and parsing were one pass.
   */
  error?: unknown;
}

/** Whether plugin default configs are switched off in `env`. */
export function pluginConfigDisabled(env: Env): boolean {
  return Boolean(env.SASE_DISABLE_PLUGIN_CONFIG || env.SASE_DISABLE_PLUGINS);
}

/*
 * The reads below are synchronous on purpose: these are a few small local
 * files on the path of every agent launch, and a synchronous read is several
 * times cheaper than a round trip through the async op pool.
 */

/** The sorted `sase_*.yml` overlay files in the user config directory. */
function overlayPaths(dir: string): string[] {
  const names: string[] = [];
  try {
    for (const entry of Deno.readDirSync(dir)) {
      if ((entry.isFile || entry.isSymlink) && /^sase_.+\.yml$/.test(entry.name)) {
        names.push(entry.name);
      }
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return names.sort().map((name) => join(dir, name));
}

/**
 * A file's text (at most {@linkcode READ_LIMITS.config} bytes), `null` when it
 * does not exist; other failures (too large, a directory) are a `SaseError`.
 */
function readText(path: string): string | null {
  try {
    return readTextBoundedSync(path, READ_LIMITS.config);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    if (error instanceof SaseError) throw error;
    throw new SaseError("config.read", `cannot read ${path}: ${(error as Error).message}`, {
      cause: error,
      kind: "failed",
    });
  }
}

/**
 * Find every layer, bottom (defaults) to top (local), and read its text.
 * Never parses YAML. A read failure does not throw here: it ends the list and
 * is returned as `error` for the parser to raise in order.
 */
export function readLayerSources(options: DiscoverOptions = {}): LayerSources {
  const env = options.env ?? processEnv();
  const sources: LayerSource[] = [{
    name: "default",
    kind: "builtin",
    path: DEFAULT_CONFIG_NAME,
    strategy: "concatenate",
    text: DEFAULT_CONFIG_YAML,
  }];
  if (!pluginConfigDisabled(env)) {
    for (const plugin of options.pluginLayers ?? []) {
      sources.push({
        name: `plugin:${plugin.name}`,
        kind: "plugin",
        path: plugin.path,
        strategy: "concatenate",
        text: plugin.text,
      });
    }
  }
  try {
    // Inside the `try`: even a missing HOME must not pre-empt a YAML error in a plugin layer.
    const userPath = userConfigPath(env);
    sources.push({
      name: "user",
      kind: "user",
      path: userPath,
      strategy: "replace",
      text: readText(userPath),
    });
    for (const path of overlayPaths(configDir(env))) {
      sources.push({
        name: `overlay:${path.slice(path.lastIndexOf("/") + 1)}`,
        kind: "overlay",
        path,
        strategy: "concatenate",
        text: readText(path),
      });
    }
    if (options.includeLocal ?? true) {
      const localPath = join(options.cwd ?? Deno.cwd(), "sase.yml");
      if (localPath !== userPath) {
        sources.push({
          name: "local",
          kind: "local",
          path: localPath,
          strategy: "concatenate",
          text: readText(localPath),
        });
      }
    }
  } catch (error) {
    return { sources, error };
  }
  return { sources };
}
