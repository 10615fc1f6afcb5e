/**
 * Loading configured plugin modules and registering what their manifests
 * contribute. Each module is imported with a dynamic `import()`; a module
 * that throws while loading, or whose manifest is malformed, becomes a
 * recorded failure (shown by `sase plugin list` and as an ERROR by `sase
 * plugin doctor`), never an exception out of here.
 *
 * This module imports zod (through `manifest_schema.ts`): front doors load
 * it on demand, only when the configuration lists plugins.
 *
 * @module
 */

import type { LlmProvider } from "../provider.ts";
import { importOnDemand } from "../on_demand.ts";
import { fromFileUrl } from "../fs/path.ts";
import type { SasePluginManifest } from "./manifest.ts";
import { parseManifest } from "./manifest_schema.ts";
import type { PluginRegistry } from "./registry.ts";
import type { PluginSpecifier } from "./specifiers.ts";

/** A plugin module whose manifest was read. */
export interface LoadedPlugin {
  specifier: PluginSpecifier;
  manifest: SasePluginManifest;
}

/** What importing the configured modules gave. */
export interface PluginLoadResult {
  plugins: LoadedPlugin[];
  failures: { specifier: PluginSpecifier; message: string }[];
}

const imported = new Map<string, Promise<LoadedPlugin>>();

async function importPlugin(specifier: PluginSpecifier): Promise<LoadedPlugin> {
  // Through the one run-time import sase already has (an absolute URL ignores the base).
  const module = await importOnDemand<{ manifest?: unknown }>(specifier.url, import.meta.url);
  return { specifier, manifest: parseManifest(module.manifest, specifier.written) };
}

/** Import every module of `specifiers` (each once per process), keeping failures apart. */
export async function loadPlugins(
  specifiers: readonly PluginSpecifier[],
): Promise<PluginLoadResult> {
  const settled = await Promise.allSettled(specifiers.map((specifier) => {
    let loading = imported.get(specifier.url);
    if (!loading) imported.set(specifier.url, loading = importPlugin(specifier));
    return loading;
  }));
  const result: PluginLoadResult = { plugins: [], failures: [] };
  settled.forEach((outcome, index) => {
    if (outcome.status === "fulfilled") result.plugins.push(outcome.value);
    else {
      const error = outcome.reason;
      result.failures.push({
        specifier: specifiers[index],
        message: error instanceof Error ? error.message : String(error),
      });
    }
  });
  return result;
}

/** `location` (a manifest's `xprompts`/`config`) as a local path, resolved against the module. */
export function pluginPath(location: string | URL, moduleUrl: string): string {
  const url = new URL(location, moduleUrl);
  if (url.protocol !== "file:") {
    throw new TypeError(`${url.href} is not a local file (a plugin's resources must be local)`);
  }
  return fromFileUrl(url);
}

/** An LLM provider whose metadata names the module it comes from (the launch worker imports it). */
function fromModule(provider: LlmProvider, url: string): LlmProvider {
  return { ...provider, info: { ...provider.info, module: url } };
}

/** Register each loaded plugin's contributions and each failure in `registry`. */
export function registerPlugins(registry: PluginRegistry, result: PluginLoadResult): void {
  for (const { specifier, message } of result.failures) {
    registry.fail({ plugin: specifier.written, source: specifier.written, message });
  }
  for (const { specifier, manifest } of result.plugins) {
    const base = { plugin: manifest.name, source: specifier.written };
    registry.register({
      ...base,
      group: "sase_plugin_manifest",
      name: manifest.name,
      load: () =>
        Promise.resolve({
          name: manifest.name,
          version: manifest.version,
          description: manifest.description,
          source: specifier.written,
        }),
    });
    for (const provider of manifest.llm ?? []) {
      const value = fromModule(provider, specifier.url);
      registry.register({
        ...base,
        group: "sase_llm",
        name: provider.info.name,
        load: () => Promise.resolve(value),
      });
    }
    for (const definition of manifest.vcs ?? []) {
      registry.register({
        ...base,
        group: "sase_vcs",
        name: definition.info.name,
        load: () => Promise.resolve(definition),
      });
    }
    for (const provider of manifest.workspace ?? []) {
      registry.register({
        ...base,
        group: "sase_workspace",
        name: provider.metadata.workflowType,
        load: () => Promise.resolve(provider),
      });
    }
    const { xprompts, config } = manifest;
    if (xprompts !== undefined) {
      registry.register({
        ...base,
        group: "sase_xprompts",
        name: manifest.name,
        load: () => Promise.resolve(pluginPath(xprompts, specifier.url)),
      });
    }
    if (config !== undefined) {
      registry.register({
        ...base,
        group: "sase_config",
        name: manifest.name,
        load: () => Promise.resolve(pluginPath(config, specifier.url)),
      });
    }
  }
}
