/**
 * The deep merge behind sase's layered configuration.
 *
 * Dicts merge recursively, scalars from the later layer win, and lists either
 * concatenate or replace depending on the layer (the user's `sase.yml`
 * replaces; every other layer concatenates). The `tools` section bypasses the
 * generic merge: each named tool is replaced whole by a later layer, because
 * concatenating two `argv` lists would build a command nobody wrote.
 *
 * @module
 */

/** How a layer combines its lists with the lists below it. */
export type ListStrategy = "concatenate" | "replace";

/** A plain JSON-like value as read from YAML. */
export type ConfigValue =
  | string
  | number
  | boolean
  | null
  | ConfigValue[]
  | { [key: string]: ConfigValue };

/** A YAML mapping. */
export type ConfigObject = { [key: string]: ConfigValue };

/** Whether `value` is a mapping (not a list, not null). */
export function isConfigObject(value: unknown): value is ConfigObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Keys whose values are merged per entry instead of deeply. */
const WHOLE_ENTRY_SECTIONS = new Set(["tools"]);

/** Merge `overlay` on top of `base` (neither is modified). */
export function deepMerge(
  base: ConfigObject,
  overlay: ConfigObject,
  strategy: ListStrategy,
  path: readonly string[] = [],
): ConfigObject {
  const result: ConfigObject = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    const current = result[key];
    if (path.length === 0 && WHOLE_ENTRY_SECTIONS.has(key)) {
      result[key] = isConfigObject(current) && isConfigObject(value)
        ? { ...current, ...value }
        : value;
    } else if (isConfigObject(current) && isConfigObject(value)) {
      result[key] = deepMerge(current, value, strategy, [...path, key]);
    } else if (Array.isArray(current) && Array.isArray(value) && strategy === "concatenate") {
      result[key] = [...current, ...value];
    } else {
      result[key] = value;
    }
  }
  return result;
}

/** A layer's value and list strategy, the input of {@linkcode mergeLayers}. */
export interface MergeInput {
  value: ConfigObject | null;
  strategy: ListStrategy;
}

/** Fold layers bottom-up into one configuration; missing layers (`null`) are skipped. */
export function mergeLayers(layers: readonly MergeInput[]): ConfigObject {
  let merged: ConfigObject = {};
  for (const layer of layers) {
    if (layer.value) merged = deepMerge(merged, layer.value, layer.strategy);
  }
  return sortKeys(merged) as ConfigObject;
}

/** A copy of `value` with every mapping's keys in lexical order (stable output). */
export function sortKeys(value: ConfigValue): ConfigValue {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isConfigObject(value)) return value;
  const sorted: ConfigObject = {};
  for (const key of Object.keys(value).sort()) sorted[key] = sortKeys(value[key]);
  return sorted;
}

/** Look up a dotted key path (`axe.max_hook_runners`) in a configuration. */
export function getPath(config: ConfigValue, dotted: string): ConfigValue | undefined {
  let current: ConfigValue | undefined = config;
  for (const part of dotted.split(".")) {
    if (Array.isArray(current) && /^\d+$/.test(part)) current = current[Number(part)];
    else if (isConfigObject(current)) current = current[part];
    else return undefined;
  }
  return current;
}
