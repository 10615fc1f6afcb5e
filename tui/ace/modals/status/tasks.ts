/**
 * The work of the status modal: each target goes through the ChangeSpec
 * status machine (`changeStatus`: the transition table, sibling reverts,
 * the archive move, the TIMESTAMPS `STATUS` event), one at a time so a
 * refused transition of one PR does not stop the others.
 *
 * @module
 */

import type { AppContext } from "../../../../core/context.ts";
import type { ChangeSpecStatus } from "../../../../core/changespec/types.ts";
import type { ModalOutcome, ModalTask } from "../modal.ts";

/** A PR the modal changes. */
export interface StatusTarget {
  readonly name: string;
  /** The project holding it (`projectBasename`). */
  readonly project: string;
  /** Its STATUS as stored. */
  readonly status: string;
}

/** How many failures the toast names (the rest are counted). */
export const NAMED_FAILURES = 3;

/** The task that moves every target to `status`. */
export function statusTask(targets: readonly StatusTarget[], status: ChangeSpecStatus): ModalTask {
  const what = targets.length === 1 ? targets[0].name : `${targets.length} PRs`;
  return {
    label: `set status ${status} on ${what}`,
    async run(app: AppContext): Promise<ModalOutcome> {
      const { changeStatus } = await import("../../../../core/changespec/transition.ts");
      const { projectStore } = await import("../../../../core/changespec/read.ts");
      const store = projectStore(app.env);
      const done: string[] = [];
      const failed: string[] = [];
      for (const target of targets) {
        try {
          const result = await changeStatus(store, {
            name: target.name,
            project: target.project,
            status,
            now: app.now(),
          });
          const renamed = result.newName === result.oldName ? "" : ` (now ${result.newName})`;
          done.push(`${target.name}: ${result.oldStatus} → ${result.newStatus}${renamed}`);
        } catch (error) {
          failed.push(`${target.name}: ${(error as Error).message}`);
        }
      }
      return { toast: summary(done, failed, status), refresh: ["changespecs"] };
    },
  };
}

function summary(
  done: readonly string[],
  failed: readonly string[],
  status: ChangeSpecStatus,
): NonNullable<ModalOutcome["toast"]> {
  if (failed.length === 0 && done.length === 1) return { severity: "info", text: done[0] };
  if (failed.length === 0) {
    return { severity: "info", text: `Set ${status} on ${done.length} PRs` };
  }
  const named = failed.slice(0, NAMED_FAILURES).join("; ");
  const more = failed.length > NAMED_FAILURES ? ` (+${failed.length - NAMED_FAILURES} more)` : "";
  const head = done.length === 0 && failed.length === 1
    ? ""
    : `Set ${status} on ${done.length} of ${done.length + failed.length} PRs; `;
  return { severity: done.length === 0 ? "error" : "warning", text: `${head}${named}${more}` };
}
