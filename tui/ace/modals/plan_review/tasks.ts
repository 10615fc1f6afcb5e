/**
 * The Plan Review's decisions, through the services `sase plan approve`
 * uses: approval (`approvePlan`) followed by the follow-up launch
 * (`launchFollowUp`: the coder through the launch service, or bead work for
 * an epic or legend), and rejection (`rejectPlan`), with or without feedback.
 *
 * @module
 */

import type { AppContext } from "../../../../core/context.ts";
import type { ApprovalKind } from "../../../../core/sdd/approval_kinds.ts";
import type { AceModal, ModalTask } from "../modal.ts";

/** Approve proposal `id` as `kind`, then launch its follow-up as the CLI does. */
export function approveTask(id: string, kind: ApprovalKind): ModalTask {
  return {
    label: `approve plan ${id.slice(0, 8)} as ${kind}`,
    async run(app: AppContext) {
      // The approval pipeline and the launch service load when a decision is made, not with ACE.
      const { approvePlan } = await import("../../../../core/sdd/approve.ts");
      const { launchFollowUp } = await import("../../../../core/sdd/follow_up_launch.ts");
      const result = await approvePlan({ env: app.env, selector: id, kind });
      const approved = `Plan ${id.slice(0, 8)} approved as ${result.kind}`;
      if (!result.followUp) {
        return {
          toast: { severity: "info", text: approved },
          refresh: ["notifications", "agents"],
        };
      }
      const launched = await launchFollowUp(app, result.followUp);
      const what = launched.kind === "coder"
        ? `launched coder ${launched.launched.map((agent) => agent.name).join(", ")}`
        : `bead work on ${result.beads?.beadId ?? "its bead"} launched`;
      return {
        toast: { severity: "info", text: `${approved}; ${what}` },
        refresh: ["notifications", "agents"],
      };
    },
  };
}

/** Reject proposal `id`, with `feedback` for the planner when given. */
export function rejectTask(id: string, feedback?: string): ModalTask {
  return {
    label: `reject plan ${id.slice(0, 8)}`,
    async run(app: AppContext) {
      const { rejectPlan } = await import("../../../../core/sdd/reject.ts");
      await rejectPlan({ env: app.env, selector: id, feedback });
      return {
        toast: {
          severity: "info",
          text: `Plan ${id.slice(0, 8)} rejected${feedback ? " with feedback" : ""}`,
        },
        refresh: ["notifications", "agents"],
      };
    },
  };
}

/**
 * Edit the proposal's plan file (the archived copy approval reads) in
 * `$EDITOR`, then show the review again with `reload` (the edited text).
 */
export function editPlanTask(
  planFile: string,
  reload: (app: AppContext) => Promise<AceModal>,
): ModalTask {
  return {
    label: `edit plan ${planFile}`,
    interactive: true,
    async run(app: AppContext) {
      const { editFile } = await import("../../../../core/editor.ts");
      await editFile(planFile, app.env);
      return { open: await reload(app) };
    },
  };
}
