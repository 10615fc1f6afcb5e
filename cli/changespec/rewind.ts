/**
 * `sase changespec rewind NAME ENTRY`: undo the COMMITS entries after
 * `(ENTRY)`. Destructive: asks first, or needs `-y`.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { SaseError } from "../../core/errors.ts";
import { rewindChangeSpec } from "../../core/changespec/ops/rewind.ts";
import { rewindWire } from "../../core/changespec/ops/wire.ts";
import { type OpOptions, opTarget, reportDeltas, say } from "../shared/changespec_ops.ts";
import { printJson } from "../shared/output.ts";

/** `2` or `(2)` as an entry number. */
function entryNumber(text: string): number {
  const match = /^\(?(\d+)\)?$/.exec(text.trim());
  if (!match || Number(match[1]) < 1) {
    throw new SaseError(
      "changespec.bad_entry",
      `'${text}' is not a COMMITS entry number (a landed entry such as 2; proposals like 2a cannot be rewound to)`,
      { kind: "invalid-input" },
    );
  }
  return Number(match[1]);
}

/** Run `sase changespec rewind`. */
export async function runRewind(
  app: AppContext,
  name: string,
  entry: string,
  options: OpOptions & { json?: boolean },
): Promise<void> {
  const result = await rewindChangeSpec(app, opTarget(name, options, true), entryNumber(entry));
  if (options.json) return printJson(rewindWire(result));
  say(`rewound ${result.name} to (${result.entry})`);
  for (const path of result.undone) say(`  undid ${path}`);
  say(`  the first undone entry is now proposal (${result.proposalId})`);
  if (result.removed.length > 0) {
    say(`  removed entries: ${result.removed.map((id) => `(${id})`).join(", ")}`);
  }
  reportDeltas(app, result.deltas);
}
