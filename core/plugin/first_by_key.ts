/**
 * The first-registered-wins rule of the provider lookups: the registry
 * lists built-ins before plugins, so a plugin naming an existing provider
 * never replaces it.
 *
 * @module
 */

/** `items` keyed by `key`, keeping the first item of each key, in order. */
export function firstByKey<T>(items: readonly T[], key: (item: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) if (!map.has(key(item))) map.set(key(item), item);
  return map;
}
