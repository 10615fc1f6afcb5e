/**
 * The plugin inventory behind `sase plugin list` and `sase plugin doctor`
 * (handbook 20.4): every plugin and the entries it registered, the plugins
 * and entries that failed to load, the configured axe chops with where
 * their scripts are, and the chop scripts installed but not configured.
 *
 * @module
 */

import type { AppContext } from "../context.ts";
import { delimiter, dirname, join } from "../fs/path.ts";
import type { Env } from "../env.ts";
import { axeSettings } from "../axe/settings.ts";
import { resolveChopScript } from "../axe/resolve.ts";
import { BUILTIN_CHOPS } from "../axe/chops/registry.ts";
import { PLUGIN_GROUPS, type PluginGroup, type PluginMetadata } from "./groups.ts";
import type { PluginFailure, PluginRegistry } from "./registry.ts";

/** One plugin with the entries it registered. */
export interface InventoryPlugin extends PluginMetadata {
  entries: { group: PluginGroup; name: string }[];
}

/** A configured axe chop and what runs it. */
export interface InventoryChop {
  lumberjack: string;
  name: string;
  /** `agent` (an xprompt), `builtin`, `script` (found at `path`) or `missing`. */
  kind: "agent" | "builtin" | "script" | "missing";
  path?: string;
}

/** An installed chop script no lumberjack runs. */
export interface AvailableScript {
  name: string;
  path: string;
}

/** Everything `sase plugin list` shows. */
export interface PluginInventory {
  plugins: InventoryPlugin[];
  failures: PluginFailure[];
  chops: InventoryChop[];
  availableScripts: AvailableScript[];
}

/** Executable files in `dir` whose names start with `prefix` (none when unreadable). */
function scriptsIn(dir: string, prefix: string): AvailableScript[] {
  const found: AvailableScript[] = [];
  try {
    for (const entry of Deno.readDirSync(dir)) {
      if (!entry.name.startsWith(prefix) || entry.name === prefix) continue;
      const path = join(dir, entry.name);
      const info = Deno.statSync(path);
      if (info.isFile && info.mode !== null && (info.mode & 0o111) !== 0) {
        found.push({ name: entry.name.slice(prefix.length), path });
      }
    }
  } catch {
    // A missing or unreadable directory has no scripts.
  }
  return found;
}

/**
 * Installed chop scripts: executables in `axe.chop_script_dirs`, and
 * `sase_chop_*` beside the sase binary or on `PATH`; the first of a name wins.
 */
function installedScripts(scriptDirs: readonly string[], env: Env): AvailableScript[] {
  const all = [
    ...scriptDirs.flatMap((dir) => scriptsIn(dir, "")),
    ...scriptsIn(dirname(Deno.execPath()), "sase_chop_"),
    ...(env.PATH ?? "").split(delimiter).filter(Boolean).flatMap((dir) =>
      scriptsIn(dir, "sase_chop_")
    ),
  ];
  const seen = new Set<string>();
  return all.filter((script) => !seen.has(script.name) && seen.add(script.name));
}

/**
 * The inventory of `app`'s registry. With `loadAll`, every entry is loaded
 * so that entries that fail to load are among the failures (the doctor's
 * view); without it, only modules that failed to import are.
 */
export async function pluginInventory(
  app: AppContext,
  options: { loadAll?: boolean } = {},
): Promise<PluginInventory> {
  const [registry, loaded] = await Promise.all([app.providers.plugins(), app.config()]);
  if (options.loadAll) {
    await Promise.all(PLUGIN_GROUPS.map((group) => registry.collectAll(group, () => true)));
  }
  const plugins = await inventoryPlugins(registry);
  const settings = axeSettings(loaded.config.axe, {}, app.env);
  const chops: InventoryChop[] = settings.lumberjacks.flatMap((lj) =>
    lj.chops.map((chop): InventoryChop => {
      if (chop.agent) return { lumberjack: lj.name, name: chop.name, kind: "agent" };
      const found = resolveChopScript(chop.name, settings.chopScriptDirs, BUILTIN_CHOPS, app.env);
      if (found.kind === "script") {
        return { lumberjack: lj.name, name: chop.name, kind: "script", path: found.path };
      }
      return { lumberjack: lj.name, name: chop.name, kind: found.kind };
    })
  );
  const configured = new Set(chops.map((chop) => chop.name));
  const availableScripts = installedScripts(settings.chopScriptDirs, app.env)
    .filter((script) => !configured.has(script.name));
  return { plugins, failures: [...registry.failures()], chops, availableScripts };
}

/** The plugins of `registry` (from their manifests), each with its entries. */
async function inventoryPlugins(registry: PluginRegistry): Promise<InventoryPlugin[]> {
  const manifests = await registry.collectAll("sase_plugin_manifest", (metadata) => metadata);
  return manifests.map((metadata) => ({
    ...metadata,
    entries: PLUGIN_GROUPS.flatMap((group) =>
      registry.entries(group)
        .filter((entry) => entry.plugin === metadata.name && entry.group !== "sase_plugin_manifest")
        .map((entry) => ({ group, name: entry.name }))
    ),
  }));
}
