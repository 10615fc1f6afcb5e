/**
 * `sase changespec set-status NAME STATUS`: one move through the status
 * state machine.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { projectStore } from "../../core/changespec/read.ts";
import { changeStatus } from "../../core/changespec/transition.ts";
import { statusChangeWire } from "../../core/changespec/wire.ts";
import { requireKnownProject } from "../../core/workspace/known_project.ts";
import { printJson } from "../shared/output.ts";

/** Run `sase changespec set-status`. */
export async function runSetStatus(
  app: AppContext,
  name: string,
  status: string,
  options: { project?: string; json?: boolean },
): Promise<void> {
  const project = options.project === undefined
    ? undefined
    : await requireKnownProject(options.project, app.env);
  const result = await changeStatus(projectStore(app.env), { name, status, project });
  if (options.json) return printJson(statusChangeWire(result));
  const renamed = result.newName === result.oldName ? "" : ` (renamed to ${result.newName})`;
  console.log(`${result.oldName}: ${result.oldStatus} -> ${result.newStatus}${renamed}`);
  if (result.archived === "to") console.log(`moved to ${result.project}-archive.sase`);
  for (const sibling of result.reverted) console.log(`reverted sibling ${sibling}`);
}
