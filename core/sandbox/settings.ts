/**
 * The `sandbox:` settings a launch runs under, from the configuration layers.
 *
 * The user's own layers (bundled defaults, plugin defaults, the user's
 * `sase.yml` and its overlays) merge as any other section does. A repo-local
 * `./sase.yml` arrives with whatever repository was cloned, so it may only
 * narrow the sandbox: its `mode` counts only when it is stricter than the
 * user's (decided in `mode.ts`, where "the user's" may be the automatic
 * choice), its `deny` paths apply, and everything that would widen the
 * sandbox (`read`, `write`, `hosts`, `env`, in the section or in a
 * provider's override) is ignored with a warning naming the file.
 *
 * @module
 */

import type { ConfigLayer } from "../config/layers.ts";
import { type ConfigObject, isConfigObject, mergeLayers } from "../config/merge.ts";
import type {
  SandboxConfig,
  SandboxMode,
  SandboxProviderConfig,
  SandboxRulesConfig,
} from "../config/types.ts";

/** Every sandbox mode, strictest first. */
export const SANDBOX_MODES: readonly SandboxMode[] = ["jail", "permissions", "off"];

/** How strict `mode` is: a higher number confines more. */
export function strictness(mode: SandboxMode): number {
  return SANDBOX_MODES.length - SANDBOX_MODES.indexOf(mode);
}

/** What a section, or one provider's override, grants (`read`, `write`, `hosts`, `env`) or withholds (`deny`). */
export interface SandboxRules {
  read: string[];
  write: string[];
  deny: string[];
  hosts: string[];
  env: string[];
}

/** A configured mode and the file that set it. */
export interface ModeSetting {
  mode: SandboxMode;
  /** The configuration file (or `default`) that set it. */
  source: string;
}

/** The sandbox settings for one provider, or for all of them. */
export interface ScopeSettings {
  /** The mode the user's own configuration sets, if any. */
  mode?: ModeSetting;
  /** A stricter mode a repo-local `sase.yml` asks for, if any (applied only when stricter). */
  localMode?: ModeSetting;
  rules: SandboxRules;
}

/** The resolved `sandbox:` settings. */
export interface SandboxSettings extends ScopeSettings {
  /** `sandbox.providers.<name>`, by provider name. */
  providers: Record<string, ScopeSettings>;
  /** Repo-local settings that were ignored because they would widen the sandbox, and retired keys. */
  warnings: string[];
}

const GRANTS = ["read", "write", "hosts", "env"] as const;

/** Keys an earlier sase read under `sandbox:`, and what replaced them. */
const RETIRED: Readonly<Record<string, string>> = {
  enabled: "use `sandbox.mode: off` to turn the sandbox off",
  run: "the launcher runs only the jail's entry now; nothing else may be allowed",
  net: "list the hosts agents may reach under `sandbox.hosts`",
};

function emptyRules(): SandboxRules {
  return { read: [], write: [], deny: [], hosts: [], env: [] };
}

function rulesOf(section: SandboxRulesConfig | undefined): SandboxRules {
  return {
    read: [...section?.read ?? []],
    write: [...section?.write ?? []],
    deny: [...section?.deny ?? []],
    hosts: [...section?.hosts ?? []],
    env: [...section?.env ?? []],
  };
}

function sandboxOf(value: ConfigObject | null): SandboxConfig | undefined {
  const section = value?.sandbox;
  // Every layer was validated against the schema before it got here.
  return isConfigObject(section) ? section as SandboxConfig : undefined;
}

/** The file a trusted layer's mode came from: the topmost layer that sets it. */
function modeSource(
  layers: readonly ConfigLayer[],
  pick: (section: SandboxConfig) => SandboxMode | undefined,
): string {
  for (const layer of [...layers].reverse()) {
    const section = sandboxOf(layer.value);
    if (section && pick(section) !== undefined) return layer.path;
  }
  return "default";
}

function scope(
  section: SandboxProviderConfig | undefined,
  source: () => string,
): ScopeSettings {
  return {
    ...(section?.mode ? { mode: { mode: section.mode, source: source() } } : {}),
    rules: rulesOf(section),
  };
}

/** What a repo-local section may change, and warnings for what it may not. */
function narrowWithLocal(
  settings: ScopeSettings,
  local: SandboxProviderConfig | undefined,
  path: string,
  keyPrefix: string,
  warnings: string[],
): void {
  if (!local) return;
  if (local.mode) settings.localMode = { mode: local.mode, source: path };
  for (const key of GRANTS) {
    if ((local[key]?.length ?? 0) > 0) {
      warnings.push(
        `${path}: ${keyPrefix}.${key} ignored: a repository's sase.yml may only narrow ` +
          `the sandbox (set it in your own ~/.config/sase/sase.yml)`,
      );
    }
  }
  settings.rules.deny.push(...local.deny ?? []);
}

/** Resolve the `sandbox:` settings of a loaded configuration's layers. */
export function sandboxSettings(layers: readonly ConfigLayer[]): SandboxSettings {
  const trusted = layers.filter((layer) => layer.kind !== "local");
  const merged = sandboxOf(mergeLayers(
    trusted.map((layer) => ({
      value: layer.value && "sandbox" in layer.value ? { sandbox: layer.value.sandbox } : null,
      strategy: layer.strategy,
    })),
  ));
  const warnings: string[] = [];
  const settings: SandboxSettings = {
    ...scope(merged, () => modeSource(trusted, (section) => section.mode)),
    providers: {},
    warnings,
  };
  for (const [name, section] of Object.entries(merged?.providers ?? {})) {
    settings.providers[name] = scope(
      section,
      () => modeSource(trusted, (candidate) => candidate.providers?.[name]?.mode),
    );
  }
  for (const layer of layers) {
    const section = sandboxOf(layer.value);
    if (!section) continue;
    for (const [key, replacement] of Object.entries(RETIRED)) {
      if (key in section) {
        warnings.push(`${layer.path}: sandbox.${key} is no longer read: ${replacement}`);
      }
    }
    if (layer.kind !== "local") continue;
    narrowWithLocal(settings, section, layer.path, "sandbox", warnings);
    for (const [name, override] of Object.entries(section.providers ?? {})) {
      settings.providers[name] ??= { rules: emptyRules() };
      narrowWithLocal(
        settings.providers[name],
        override,
        layer.path,
        `sandbox.providers.${name}`,
        warnings,
      );
    }
  }
  return settings;
}
