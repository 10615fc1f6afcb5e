/**
 * The PRs tab's jump history (`<` `>` `~` record where they left from;
 * `Ctrl+R` / `Ctrl+K` walk back and forward), kept in the tab's state.
 *
 * @module
 */

/** The PRs left by jumps (`back`, newest last) and those gone back from (`forward`, newest last). */
export interface PrJumps {
  readonly back: readonly string[];
  readonly forward: readonly string[];
}

/** No jumps yet. */
export const NO_JUMPS: PrJumps = { back: [], forward: [] };

/** How many jumps are remembered each way. */
export const MAX_JUMPS = 50;

/** `list` with `name` added last, the oldest dropped past {@linkcode MAX_JUMPS}. */
export function rememberJump(list: readonly string[], name: string): string[] {
  return [...list, name].slice(-MAX_JUMPS);
}
