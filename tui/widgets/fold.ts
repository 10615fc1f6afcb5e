/**
 * Which rows of a grouped list are visible when some banners are folded:
 * a row is hidden when a banner above it at a lower depth is folded. One
 * pass over the rows' depths; the list then lays out only the visible rows
 * in its viewport.
 *
 * @module
 */

/**
 * The indexes of the visible rows. `depth(i)` is row `i`'s nesting depth
 * (a banner's children are deeper than it); `folded(i)` tells whether row
 * `i` is a folded banner.
 */
export function visibleRows(
  count: number,
  depth: (index: number) => number,
  folded: (index: number) => boolean,
): number[] {
  const visible: number[] = [];
  let hiddenBelow = Infinity;
  for (let i = 0; i < count; i++) {
    const d = depth(i);
    if (d > hiddenBelow) continue;
    hiddenBelow = folded(i) ? d : Infinity;
    visible.push(i);
  }
  return visible;
}
