/**
 * The mutating commands: create, update, open, close, rm, dep add.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { type CreateRequest, parseTypeSpec, type UpdateRequest } from "../../core/bead/mutate.ts";
import {
  addBeadDependency,
  closeBeads,
  createBead,
  removalOf,
  removeBead,
  reopenBead,
  updateBead,
} from "../../core/bead/service.ts";
import {
  beadClosedWire,
  beadCreatedWire,
  beadDependencyWire,
  beadRemovedWire,
  beadReopenedWire,
  beadUpdatedWire,
} from "../../core/bead/wire.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";
import { confirmOrRequireYes } from "../shared/confirm.ts";
import { printJson } from "../shared/output.ts";

/** Options of `sase bead create`: the request, with the type still as typed (`-T`). */
export interface CreateCliOptions extends Omit<CreateRequest, "type"> {
  type: string;
  json?: boolean;
}

/** Run `sase bead create`. */
export async function runCreate(app: AppContext, options: CreateCliOptions): Promise<void> {
  const id = await createBead(app, {
    title: options.title,
    type: parseTypeSpec(options.type),
    description: options.description,
    assignee: options.assignee,
    tier: options.tier,
    changespec: options.changespec,
    bugId: options.bugId,
    epicCount: options.epicCount,
    model: options.model,
  });
  if (options.json) printJson(beadCreatedWire(id));
  else console.log(`Created ${id}: ${neutralizeControls(options.title)}`);
}

/** Run `sase bead update ID`. */
export async function runUpdate(
  app: AppContext,
  id: string,
  options: UpdateRequest & { json?: boolean },
): Promise<void> {
  const { json, ...request } = options;
  await updateBead(app, id, request);
  if (json) printJson(beadUpdatedWire(id));
  else console.log(`Updated ${id}`);
}

/** Run `sase bead open ID`. */
export async function runOpen(
  app: AppContext,
  id: string,
  options: { json?: boolean },
): Promise<void> {
  await reopenBead(app, id);
  if (options.json) printJson(beadReopenedWire(id));
  else console.log(`Reopened ${id}`);
}

/** Run `sase bead close IDS...`. */
export async function runClose(
  app: AppContext,
  ids: string[],
  options: { reason?: string; json?: boolean },
): Promise<void> {
  const closed = await closeBeads(app, ids, options.reason);
  if (options.json) return printJson(beadClosedWire(closed));
  for (const id of ids) if (!closed.includes(id)) console.log(`${id} was already closed`);
  for (const id of closed) console.log(`Closed ${id}`);
}

/** Run `sase bead rm ID`: a terminal is asked (naming every bead that goes), others need `-y`. */
export async function runRemove(
  app: AppContext,
  id: string,
  options: { yes?: boolean; json?: boolean },
): Promise<void> {
  let question = `Remove ${id} and all its children? This cannot be undone.`;
  if (!options.yes && Deno.stdin.isTerminal()) {
    question = `Remove ${(await removalOf(app, id)).join(", ")}? This cannot be undone.`;
  }
  confirmOrRequireYes({
    yes: options.yes,
    question,
    action: `removing ${id} (and all its children)`,
    declined: "nothing removed",
  });
  const removed = await removeBead(app, id);
  if (options.json) printJson(beadRemovedWire(removed));
  else console.log(`Removed ${removed.join(", ")}`);
}

/** Run `sase bead dep add ISSUE DEPENDS_ON`. */
export async function runDependencyAdd(
  app: AppContext,
  issue: string,
  dependsOn: string,
  options: { json?: boolean },
): Promise<void> {
  const added = await addBeadDependency(app, issue, dependsOn);
  if (options.json) return printJson(beadDependencyWire(issue, dependsOn, added));
  console.log(
    added ? `${issue} now depends on ${dependsOn}` : `${issue} already depends on ${dependsOn}`,
  );
}
