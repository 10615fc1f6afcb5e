/**
 * The wire format of bare `sase init [-c] -j` (snake_case keys,
 * `schema_version: 1`).
 *
 * @module
 */

import type { InitializerPlan, InitializerRun } from "./coordinator.ts";

/** `sase init -j`. */
export interface InitWire {
  schema_version: 1;
  current: boolean;
  initializers: {
    name: string;
    needed: boolean;
    blocked: string | null;
    changes: string[];
    ran: boolean;
    lines: string[];
  }[];
}

/** Plans (and runs) in wire form. */
export function initWire(
  plans: readonly InitializerPlan[],
  runs: readonly InitializerRun[],
): InitWire {
  return {
    schema_version: 1,
    current: plans.every((p) => !p.needed),
    initializers: plans.map((p) => {
      const run = runs.find((r) => r.name === p.name);
      return {
        name: p.name,
        needed: p.needed,
        blocked: p.blocked,
        changes: p.changes,
        ran: run !== undefined,
        lines: run?.lines ?? [],
      };
    }),
  };
}
