/**
 * Finding the five configuration layers, in merge order (handbook 24.3):
 * bundled defaults, plugin defaults, `~/.config/sase/sase.yml`, the sorted
 * `sase_*.yml` overlays, and the project-local `./sase.yml`.
 *
 * @module
 */

import { join } from "node:path";
import { configDir, type Env, processEnv, userConfigPath } from "./paths.ts";
import type { ConfigObject, ListStrategy } from "./merge.ts";
import { parseYamlConfig, readYamlConfig, type YamlConfigFile } from "./yaml_file.ts";
import { DEFAULT_CONFIG_NAME, DEFAULT_CONFIG_YAML } from "./defaults.ts";

/** Where a layer comes from. */
export type LayerKind = "builtin" | "plugin" | "user" | "overlay" | "local";

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
  /** Locates key paths in the source file for error messages. */
  lineOf: YamlConfigFile["lineOf"];
}

/** Options for {@linkcode discoverLayers}. */
export interface DiscoverOptions {
  env?: Env;
  /** Directory whose `sase.yml` is the local layer (default: the process cwd). */
  cwd?: string;
  /** Load the project-local `./sase.yml` (ACE turns this off for itself). */
  includeLocal?: boolean;
  /** Plugin default configs, already read, sorted by plugin name by the caller. */
  pluginLayers?: readonly { name: string; path: string; text: string }[];
}

const noLines: YamlConfigFile["lineOf"] = () => undefined;

function layerFrom(
  file: YamlConfigFile | null,
  meta: { name: string; kind: LayerKind; path: string; strategy: ListStrategy },
): ConfigLayer {
  return {
    ...meta,
    exists: file !== null,
    value: file?.value ?? null,
    lineOf: file?.lineOf ?? noLines,
  };
}

/** The sorted `sase_*.yml` overlay files in the user config directory. */
async function overlayPaths(dir: string): Promise<string[]> {
  const names: string[] = [];
  try {
    for await (const entry of Deno.readDir(dir)) {
      if ((entry.isFile || entry.isSymlink) && /^sase_.+\.yml$/.test(entry.name)) {
        names.push(entry.name);
      }
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return names.sort().map((name) => join(dir, name));
}

/** Read every layer, bottom (defaults) to top (local). Throws on unreadable YAML. */
export async function discoverLayers(options: DiscoverOptions = {}): Promise<ConfigLayer[]> {
  const env = options.env ?? processEnv();
  const layers: ConfigLayer[] = [
    layerFrom(parseYamlConfig(DEFAULT_CONFIG_NAME, DEFAULT_CONFIG_YAML), {
      name: "default",
      kind: "builtin",
      path: DEFAULT_CONFIG_NAME,
      strategy: "concatenate",
    }),
  ];
  if (!env.SASE_DISABLE_PLUGIN_CONFIG && !env.SASE_DISABLE_PLUGINS) {
    for (const plugin of options.pluginLayers ?? []) {
      layers.push(layerFrom(parseYamlConfig(plugin.path, plugin.text), {
        name: `plugin:${plugin.name}`,
        kind: "plugin",
        path: plugin.path,
        strategy: "concatenate",
      }));
    }
  }
  const userPath = userConfigPath(env);
  layers.push(layerFrom(await readYamlConfig(userPath), {
    name: "user",
    kind: "user",
    path: userPath,
    strategy: "replace",
  }));
  for (const path of await overlayPaths(configDir(env))) {
    layers.push(layerFrom(await readYamlConfig(path), {
      name: `overlay:${path.slice(path.lastIndexOf("/") + 1)}`,
      kind: "overlay",
      path,
      strategy: "concatenate",
    }));
  }
  if (options.includeLocal ?? true) {
    const localPath = join(options.cwd ?? Deno.cwd(), "sase.yml");
    if (localPath !== userPath) {
      layers.push(layerFrom(await readYamlConfig(localPath), {
        name: "local",
        kind: "local",
        path: localPath,
        strategy: "concatenate",
      }));
    }
  }
  return layers;
}
