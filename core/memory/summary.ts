/**
 * Grouping audit rows (memory reads, skill uses) for the log commands'
 * summaries: per key, how many rows, how many distinct values of another
 * field, and the latest row.
 *
 * @module
 */

/** One group of rows. */
export interface AuditGroup<T> {
  key: string;
  count: number;
  /** Distinct values of the other field within the group. */
  distinct: number;
  /** The row with the latest timestamp. */
  latest: T;
}

/** Group `rows` by `key`, sorted by key; `other` names what `distinct` counts. */
export function groupAudit<T extends { timestamp: string }>(
  rows: readonly T[],
  key: (row: T) => string,
  other: (row: T) => string,
): AuditGroup<T>[] {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, list]) => ({
    key: k,
    count: list.length,
    distinct: new Set(list.map(other)).size,
    latest: list.reduce((a, b) => (b.timestamp >= a.timestamp ? b : a)),
  }));
}
