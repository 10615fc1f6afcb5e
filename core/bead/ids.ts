/**
 * Bead id allocation: `{prefix}-{counter}` for top-level beads and
 * `{parent}.{N}` for children. Counters are decimal and unpadded, like the
 * ids real stores hold (`sase-116`, `sase-116.5`).
 *
 * Allocation runs under the store lock and looks at every id ever created
 * (removed ones too) as well as `config.json`, so neither a concurrent writer
 * nor a `config.json` that lost a merge can hand out an id twice.
 *
 * @module
 */

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The next top-level counter: past both the config counter and every used id. */
export function nextCounter(
  prefix: string,
  configCounter: number,
  usedIds: Iterable<string>,
): number {
  const pattern = new RegExp(`^${escapeRegExp(prefix)}-(\\d+)(?:\\.|$)`);
  let next = Math.max(1, configCounter);
  for (const id of usedIds) {
    const match = pattern.exec(id);
    if (match) next = Math.max(next, Number(match[1]) + 1);
  }
  return next;
}

/** The next free child id under `parentId`. */
export function nextChildId(parentId: string, usedIds: Iterable<string>): string {
  const prefix = `${parentId}.`;
  let max = 0;
  for (const id of usedIds) {
    if (!id.startsWith(prefix)) continue;
    const rest = id.slice(prefix.length);
    const head = rest.split(".")[0];
    if (/^\d+$/.test(head)) max = Math.max(max, Number(head));
  }
  return `${parentId}.${max + 1}`;
}

/** A default issue prefix derived from a project directory name. */
export function defaultPrefix(projectName: string): string {
  const cleaned = projectName.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  return cleaned === "" ? "beads" : cleaned;
}
