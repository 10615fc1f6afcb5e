/**
 * The xprompt environment of a process: the catalog built from the current
 * directory, home, config layers and bundled files, plus the effective
 * `xprompt_aliases`. Front doors (CLI, ACE, gateway, agent launch) call this
 * instead of wiring discovery themselves.
 *
 * @module
 */

import { loadConfig } from "../config/load.ts";
import type { LoadedConfig } from "../config/loaded.ts";
import { configDir, type Env, homeDir, processEnv } from "../config/paths.ts";
import { applyAliases, effectiveAliases } from "./aliases.ts";
import type { Catalog, CatalogProblem, ConfigXPromptLayer } from "./discovery.ts";
import type { XPrompt } from "./model.ts";
import { FORK_REF_NAMES } from "./fork_refs.ts";
import { findReferences } from "./reference.ts";
import { FRONT_MATTER_OPEN } from "./segments.ts";
import { WORKSPACE_REF_NAMES } from "./workspace_refs.ts";
import { importOnDemand } from "../on_demand.ts";
import { pluginXPromptDirs } from "../plugin/configured.ts";

/** Catalog and aliases for one working directory. */
export interface XPromptEnvironment {
  catalog: Catalog;
  aliases: Record<string, string>;
  cwd: string;
}

/** Options for {@linkcode loadXPromptEnvironment}. */
export interface XPromptEnvironmentOptions {
  env?: Env;
  cwd?: string;
  /** Project whose xprompts are namespaced (`#<project>/name`). */
  project?: string;
  /**
   * The text about to be expanded, when there is one: a text that cannot
   * reference an xprompt gets an empty catalog, sparing discovery (reading
   * and parsing every xprompt file) on the launch path.
   */
  text?: string;
  /** The configuration of `cwd`, when the caller has already loaded it. */
  loaded?: LoadedConfig;
}

/**
 * Whether expanding `text` can involve the catalog: it has front matter or
 * a reference that is not a workspace or fork reference (those belong to
 * the runner), after `aliases` are applied.
 */
export function mayReferenceXPrompts(text: string, aliases: Record<string, string>): boolean {
  if (FRONT_MATTER_OPEN.test(text)) return true;
  return findReferences(applyAliases(text, aliases)).some((ref) =>
    !WORKSPACE_REF_NAMES.includes(ref.name) && !FORK_REF_NAMES.includes(ref.name)
  );
}

function stringRecord(value: unknown): Record<string, string> {
  if (!value || typeof value !== "object") return {};
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).filter((entry): entry is [string, string] =>
      typeof entry[1] === "string"
    ),
  );
}

/** Load config and discover xprompts for `cwd`. */
export async function loadXPromptEnvironment(
  options: XPromptEnvironmentOptions = {},
): Promise<XPromptEnvironment> {
  const env = options.env ?? processEnv();
  const cwd = options.cwd ?? Deno.cwd();
  const loaded = options.loaded ?? await loadConfig({ env, cwd });
  const aliases = effectiveAliases(stringRecord(loaded.raw.xprompt_aliases));
  if (options.text !== undefined && !mayReferenceXPrompts(options.text, aliases)) {
    return { catalog: { byName: new Map(), all: [], problems: [] }, aliases, cwd };
  }
  const [{ discoverXPrompts }, { openXPromptFileCache }] = await Promise.all([
    importOnDemand<typeof import("./discovery.ts")>("./discovery.ts", import.meta.url),
    importOnDemand<typeof import("./file_cache.ts")>("./file_cache.ts", import.meta.url),
  ]);
  const cache = await openXPromptFileCache<XPrompt | CatalogProblem>(env);
  const layers: ConfigXPromptLayer[] = loaded.layers
    .filter((layer) =>
      layer.value && typeof layer.value.xprompts === "object" && layer.value.xprompts
    )
    .map((layer) => ({
      path: layer.path,
      xprompts: layer.value!.xprompts as Record<string, unknown>,
      local: layer.kind === "local",
    }));
  const catalog = await discoverXPrompts({
    cwd,
    home: homeDir(env),
    configDir: configDir(env),
    project: options.project,
    config: layers,
    pluginDirs: await pluginXPromptDirs(loaded.layers, env),
    cache,
  });
  await cache?.save();
  return { catalog, aliases, cwd };
}
