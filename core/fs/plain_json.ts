/**
 * Whether a value comes back unchanged from a JSON file: the check every
 * on-disk cache of parsed input makes before storing a result, since YAML
 * can produce values JSON cannot carry (`.nan`, `.inf`, `-0`, and under
 * `%YAML 1.1` dates, sets and binary).
 *
 * @module
 */

/** Options of {@linkcode isPlainJson}. */
export interface PlainJsonOptions {
  /**
   * Accept object members whose value is `undefined` (JSON drops them, and
   * a reader sees the same `undefined` for an absent member). Default false.
   */
  undefinedMembers?: boolean;
}

/** Whether `value` survives `JSON.stringify` + `JSON.parse` unchanged. */
export function isPlainJson(value: unknown, options: PlainJsonOptions = {}): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) {
    // A sparse array would come back with `null` in its holes.
    for (let index = 0; index < value.length; index++) {
      if (!(index in value) || !isPlainJson(value[index], options)) return false;
    }
    return true;
  }
  if (typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  for (const [key, item] of Object.entries(value)) {
    if (key === "__proto__") return false;
    if (item === undefined && options.undefinedMembers) continue;
    if (!isPlainJson(item, options)) return false;
  }
  return true;
}
