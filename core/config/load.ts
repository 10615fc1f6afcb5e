/**
 * Loading the merged configuration: discover the layers, check each one
 * against the schema (so an error names the file, line and key path that set
 * the bad value), merge them, and check the result.
 *
 * @module
 */

import type { z } from "zod";
import { SaseError } from "../errors.ts";
import { type ConfigObject, mergeLayers } from "./merge.ts";
import { type ConfigLayer, discoverLayers, type DiscoverOptions } from "./layers.ts";
import { ConfigSchema, type SaseConfig, unknownTopLevelKeys } from "./schema.ts";

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
  layers: ConfigLayer[];
  warnings: ConfigWarning[];
}

const DEPRECATED_KEYS: Readonly<Record<string, string>> = { sibling_repos: "linked_repos" };

function describeIssue(layer: ConfigLayer, issue: z.core.$ZodIssue): string {
  const keyPath = issue.path.map(String).join(".") || "(top level)";
  const line = layer.lineOf(issue.path as (string | number)[]);
  const where = line === undefined ? layer.path : `${layer.path}:${line}`;
  return `${where}: ${keyPath}: ${issue.message}`;
}

/** Validate one layer; throws a `SaseError` naming file, line and key path. */
export function validateLayer(layer: ConfigLayer): void {
  if (!layer.value) return;
  const result = ConfigSchema.safeParse(layer.value);
  if (result.success) return;
  const messages = result.error.issues.map((issue) => describeIssue(layer, issue));
  throw new SaseError("config.invalid", messages.join("\n"), {
    hint: `fix ${messages.length === 1 ? "this value" : "these values"} in ${layer.path}`,
  });
}

/** Warnings for unknown and deprecated top-level keys in a layer. */
export function layerWarnings(layer: ConfigLayer): ConfigWarning[] {
  if (!layer.value) return [];
  const warnings: ConfigWarning[] = [];
  for (const key of unknownTopLevelKeys(layer.value)) {
    warnings.push({
      layer: layer.name,
      path: layer.path,
      line: layer.lineOf([key]),
      key,
      message: `unknown configuration key '${key}'`,
    });
  }
  for (const [key, replacement] of Object.entries(DEPRECATED_KEYS)) {
    if (key in layer.value) {
      warnings.push({
        layer: layer.name,
        path: layer.path,
        line: layer.lineOf([key]),
        key,
        message: `'${key}' is deprecated; use '${replacement}'`,
      });
    }
  }
  return warnings;
}

/** Discover, validate and merge every configuration layer. */
export async function loadConfig(options: DiscoverOptions = {}): Promise<LoadedConfig> {
  const layers = await discoverLayers(options);
  layers.forEach(validateLayer);
  const raw = mergeLayers(
    layers.map((layer) => ({ value: layer.value, strategy: layer.strategy })),
  );
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SaseError(
      "config.invalid",
      `merged configuration: ${issue.path.map(String).join(".")}: ${issue.message}`,
      { hint: "run `sase config layers` to see which files contribute" },
    );
  }
  return { config: parsed.data, raw, layers, warnings: layers.flatMap(layerWarnings) };
}
