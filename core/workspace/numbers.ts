/**
 * Workspace numbering (handbook 11.9.1): `#0` is the primary checkout (and
 * the placeholder of deferred launches), `#1`–`#9` are reserved, and claims
 * come from one shared pool starting at `#10`.
 *
 * @module
 */

import { usageError } from "../errors.ts";
import type { RunningClaim } from "../changespec/types.ts";

/** The primary checkout, directory runs and deferred launches. */
export const PRIMARY_WORKSPACE = 0;

/** The first number the allocator hands out. */
export const FIRST_CLAIM_WORKSPACE = 10;

/** The last number the allocator hands out. */
export const LAST_CLAIM_WORKSPACE = 999;

/** True for `#1`–`#9`, which the allocator never hands out. */
export function isReservedWorkspace(num: number): boolean {
  return num >= 1 && num < FIRST_CLAIM_WORKSPACE;
}

/** The lowest number in `[min, max]` no claim holds, or null when all are held. */
export function firstFreeWorkspace(
  claims: readonly RunningClaim[],
  min = FIRST_CLAIM_WORKSPACE,
  max = LAST_CLAIM_WORKSPACE,
): number | null {
  const held = new Set(claims.map((claim) => claim.workspace));
  for (let num = min; num <= max; num++) if (!held.has(num)) return num;
  return null;
}

/** Parse a user-typed workspace number (`10`, `#10`). */
export function parseWorkspaceNumber(text: string): number {
  const match = /^#?(\d+)$/.exec(text.trim());
  if (!match) {
    throw usageError(
      `invalid workspace number '${text}'`,
      "use 0 for the primary checkout or a claim-range number such as 10",
    );
  }
  return Number(match[1]);
}
