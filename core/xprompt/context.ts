/**
 * The xprompt environment of a process: the catalog built from the current
 * directory, home, config layers and bundled files, plus the effective
 * `xprompt_aliases`. Front doors (CLI, ACE, gateway, agent launch) call this
 * instead of wiring discovery themselves.
 *
 * @module
 */

import { loadConfig } from "../config/load.ts";
import { configDir, type Env, homeDir, processEnv } from "../config/paths.ts";
import { effectiveAliases } from "./aliases.ts";
import { type Catalog, type ConfigXPromptLayer, discoverXPrompts } from "./discovery.ts";

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
  const loaded = await loadConfig({ env, cwd });
  const layers: ConfigXPromptLayer[] = loaded.layers
    .filter((layer) =>
      layer.value && typeof layer.value.xprompts === "object" && layer.value.xprompts
    )
    .map((layer) => ({
      path: layer.path,
      xprompts: layer.value!.xprompts as Record<string, unknown>,
      local: layer.kind === "local",
    }));
  const catalog = discoverXPrompts({
    cwd,
    home: homeDir(env),
    configDir: configDir(env),
    project: options.project,
    config: layers,
  });
  return { catalog, aliases: effectiveAliases(stringRecord(loaded.raw.xprompt_aliases)), cwd };
}
