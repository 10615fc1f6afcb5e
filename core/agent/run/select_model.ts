/**
 * Which provider and concrete model a launch uses (handbook 21.3.3, 21.12–
 * 21.15). Pure: the caller passes the provider metadata, config, the active
 * temporary overrides and which provider CLIs are installed.
 *
 * Order: explicit provider → `%model` value (configured aliases incl. chains,
 * reserved `other`/`worker`, a bare provider name (its default model),
 * `provider/model` split on the first `/`, known model names) → active temporary override → `llm_provider.provider` →
 * autodetect by priority. An unknown model warns and runs on the default
 * provider.
 *
 * @module
 */

import type { Env } from "../../config/paths.ts";
import type { LlmProviderConfig } from "../../config/types.ts";
import { SaseError } from "../../errors.ts";
import type { LlmProviderInfo, ModelTier } from "../../provider.ts";
import type { TemporaryOverride } from "./llm_override.ts";

/** Where a selection came from. */
export type SelectionSource = "explicit" | "model" | "override" | "config" | "autodetect";

/** Everything selection reads. */
export interface SelectionInput {
  infos: readonly LlmProviderInfo[];
  config?: LlmProviderConfig;
  /** An explicit provider name (wins over everything). */
  provider?: string;
  /** The raw `%model` value. */
  model?: string;
  /** The requested tier (default `large`). */
  tier?: ModelTier;
  /** For `SASE_MODEL_TIER_OVERRIDE` / `SASE_MODEL_SIZE_OVERRIDE`. */
  env?: Env;
  /** The active primary temporary override, if any. */
  override?: TemporaryOverride | null;
  /** The active worker temporary override, if any. */
  workerOverride?: TemporaryOverride | null;
  /** Names of providers whose CLI is installed (for autodetect). */
  installed: readonly string[];
}

/** The outcome of selection. */
export interface Selection {
  provider: string;
  model: string;
  tier: ModelTier;
  source: SelectionSource;
  /** The model value as the user wrote it, if any. */
  rawModel?: string;
  warnings: string[];
}

interface Target {
  provider?: string;
  model: string;
}

const TIER_WORDS: Readonly<Record<string, ModelTier>> = {
  large: "large",
  small: "small",
  big: "large",
  little: "small",
};

/** The effective tier: env overrides force it; otherwise the request (default large). */
export function effectiveTier(requested: ModelTier | undefined, env: Env = {}): ModelTier {
  for (const name of ["SASE_MODEL_TIER_OVERRIDE", "SASE_MODEL_SIZE_OVERRIDE"]) {
    const value = env[name]?.trim().toLowerCase();
    if (value && TIER_WORDS[value]) return TIER_WORDS[value];
  }
  return requested ?? "large";
}

/**
 * Follow `model_aliases` from `value`; a cycle yields the raw input
 * (handbook 21.12.1).
 */
export function resolveAliasChain(
  value: string,
  aliases: Readonly<Record<string, string>>,
): string {
  const seen = new Set<string>();
  let current = value;
  while (Object.hasOwn(aliases, current)) {
    if (seen.has(current)) return value;
    seen.add(current);
    current = String(aliases[current]).trim();
  }
  return current;
}

/** Split `provider/model` on the first `/` when the prefix names a provider. */
function splitExplicit(value: string, infos: readonly LlmProviderInfo[]): Target | undefined {
  const slash = value.indexOf("/");
  if (slash <= 0) return undefined;
  const provider = value.slice(0, slash);
  if (!infos.some((info) => info.name === provider)) return undefined;
  return { provider, model: value.slice(slash + 1) };
}

function knownProvider(model: string, infos: readonly LlmProviderInfo[]): string | undefined {
  return infos.find((info) => info.knownModels.includes(model))?.name;
}

/** The provider `value` names by itself (`%model:fakey`), if it names one. */
function providerNamed(value: string, infos: readonly LlmProviderInfo[]): string | undefined {
  return infos.find((info) => info.name === value)?.name;
}

/**
 * Resolve a model value to a provider/model target (provider unset when
 * unknown). A bare provider name selects that provider with no model, so
 * its tier's default model is used.
 */
function resolveValue(value: string, infos: readonly LlmProviderInfo[]): Target {
  const named = providerNamed(value, infos);
  if (named) return { provider: named, model: "" };
  return splitExplicit(value, infos) ??
    { provider: knownProvider(value, infos), model: value };
}

function infoFor(name: string, infos: readonly LlmProviderInfo[]): LlmProviderInfo {
  const info = infos.find((candidate) => candidate.name === name);
  if (info) return info;
  throw new SaseError("provider.unknown", `unknown LLM provider '${name}'`, {
    hint: `known providers: ${infos.map((candidate) => candidate.name).join(", ")}`,
    kind: "not-found",
  });
}

/** The tier's model for `info`, honouring `model_tier_map` unless it names another provider's model. */
function tierModel(
  info: LlmProviderInfo,
  tier: ModelTier,
  input: SelectionInput,
): string {
  const mapped = input.config?.model_tier_map?.[tier]?.trim();
  if (mapped) {
    const owner = knownProvider(mapped, input.infos);
    if (!owner || owner === info.name) return mapped;
  }
  return info.tierModels[tier];
}

/** The default provider when nothing explicit was asked: override, config, autodetect. */
function defaultProvider(input: SelectionInput): { name: string; source: SelectionSource } {
  if (input.override) return { name: input.override.provider, source: "override" };
  const configured = input.config?.provider?.trim();
  if (configured) return { name: infoFor(configured, input.infos).name, source: "config" };
  const detected = input.infos
    .filter((info) => info.autodetectPriority !== null && input.installed.includes(info.name))
    .sort((a, b) => a.autodetectPriority! - b.autodetectPriority!)[0];
  if (detected) return { name: detected.name, source: "autodetect" };
  const candidates = input.infos.filter((info) => info.autodetectPriority !== null && !info.hidden);
  throw new SaseError(
    "provider.none",
    `no LLM provider available: none of ${
      candidates.map((info) => info.binary).join(", ")
    } is on PATH and llm_provider.provider is not set`,
    {
      hint: "install an agent CLI (see `sase doctor -C llm -v`), set llm_provider.provider, " +
        "or try sase offline with %model:fakey/reply",
      kind: "unavailable",
    },
  );
}

/** Worker lane: worker override, then a matching `worker_models` entry, else undefined. */
function workerTarget(input: SelectionInput, tier: ModelTier): Target | undefined {
  if (input.workerOverride) {
    return { provider: input.workerOverride.provider, model: input.workerOverride.model };
  }
  const mapping = input.config?.worker_models ?? {};
  if (Object.keys(mapping).length === 0) return undefined;
  const primary = input.override
    ? { provider: input.override.provider, model: input.override.model }
    : (() => {
      const { name } = defaultProvider(input);
      return { provider: name, model: tierModel(infoFor(name, input.infos), tier, input) };
    })();
  const key = [`${primary.provider}/${primary.model}`, primary.model, primary.provider]
    .find((candidate) => Object.hasOwn(mapping, candidate));
  if (!key) return undefined;
  return resolveValue(
    resolveAliasChain(mapping[key], input.config?.model_aliases ?? {}),
    input.infos,
  );
}

/** Resolve a `%model` value (after reserved names and aliases) to a target. */
function modelTarget(raw: string, input: SelectionInput, tier: ModelTier): Target | undefined {
  if (raw === "other" && input.override?.pre_override_provider) {
    return {
      provider: input.override.pre_override_provider,
      model: input.override.pre_override_model ?? "",
    };
  }
  if (raw === "worker") return workerTarget(input, tier);
  return resolveValue(resolveAliasChain(raw, input.config?.model_aliases ?? {}), input.infos);
}

/** Select the provider and concrete model for one launch. */
export function selectModel(input: SelectionInput): Selection {
  const tier = effectiveTier(input.tier, input.env);
  const warnings: string[] = [];
  const rawModel = input.model?.trim() || undefined;

  if (input.provider) {
    const info = infoFor(input.provider, input.infos);
    let model = rawModel && rawModel !== info.name ? rawModel : tierModel(info, tier, input);
    const split = rawModel ? splitExplicit(rawModel, input.infos) : undefined;
    if (split?.provider === info.name) model = split.model || tierModel(info, tier, input);
    return { provider: info.name, model, tier, source: "explicit", rawModel, warnings };
  }

  if (rawModel) {
    const target = modelTarget(rawModel, input, tier);
    if (target?.provider) {
      const info = infoFor(target.provider, input.infos);
      const model = target.model || tierModel(info, tier, input);
      return { provider: info.name, model, tier, source: "model", rawModel, warnings };
    }
    if (target) {
      const fallback = defaultProvider(input);
      warnings.push(
        `unknown model '${target.model}': no provider lists it; using the default provider ` +
          `'${fallback.name}'`,
      );
      return {
        provider: fallback.name,
        model: target.model,
        tier,
        source: fallback.source,
        rawModel,
        warnings,
      };
    }
    // `worker` with no worker setting falls through to the primary lane.
  }

  const fallback = defaultProvider(input);
  if (fallback.source === "override" && input.override) {
    return {
      provider: input.override.provider,
      model: input.override.model,
      tier,
      source: "override",
      rawModel,
      warnings,
    };
  }
  const info = infoFor(fallback.name, input.infos);
  return {
    provider: info.name,
    model: tierModel(info, tier, input),
    tier,
    source: fallback.source,
    rawModel,
    warnings,
  };
}
