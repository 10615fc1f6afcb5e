/**
 * Which plugin modules the configuration lists: every layer's `plugins:`
 * entries, bottom layer first, each once. A local path is resolved against
 * the directory of the file that names it; `npm:`, `jsr:`, `file:` and
 * `http(s):` specifiers are used as written.
 *
 * @module
 */

import { dirname, resolve } from "../fs/path.ts";

/** One configured plugin module. */
export interface PluginSpecifier {
  /** As the configuration wrote it. */
  written: string;
  /** What `import()` is given. */
  url: string;
  /** The config file that lists it. */
  configPath: string;
}

/** A config layer, as far as plugin discovery reads it. */
export interface PluginListLayer {
  path: string;
  value: Record<string, unknown> | null;
}

/**
 * Whether a config file's text could list plugins: a cheap test that spares
 * every other configuration the YAML parse and the plugin code.
 */
export function mayListPlugins(text: string | null): boolean {
  return text !== null && /^plugins\s*:/m.test(text);
}

const SCHEMES = /^(npm|jsr|file|https?):/;

/** The import URL of `written`, listed in the config file `configPath`. */
export function pluginUrl(written: string, configPath: string): string {
  if (SCHEMES.test(written)) return written;
  const url = new URL("file:///");
  // The setter percent-encodes what a path may hold but a URL may not (`#`, `?`, spaces).
  url.pathname = resolve(dirname(configPath), written);
  return url.href;
}

/** The plugin modules `layers` list, in order, without repeats. */
export function configuredPlugins(layers: readonly PluginListLayer[]): PluginSpecifier[] {
  const seen = new Set<string>();
  const found: PluginSpecifier[] = [];
  for (const layer of layers) {
    const list = layer.value?.plugins;
    if (!Array.isArray(list)) continue;
    for (const written of list) {
      if (typeof written !== "string" || written.trim() === "") continue;
      const url = pluginUrl(written.trim(), layer.path);
      if (seen.has(url)) continue;
      seen.add(url);
      found.push({ written: written.trim(), url, configPath: layer.path });
    }
  }
  return found;
}
