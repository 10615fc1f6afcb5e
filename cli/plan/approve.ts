/**
 * `sase plan approve [SELECTOR]`: approve a pending proposal, then launch
 * its follow-up (a coder, or bead work for an epic or legend). The approval
 * is reported before the launch starts, so it shows even if the launch fails.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { approvePlan, type ApproveResult } from "../../core/sdd/approve.ts";
import type { ApprovalKind } from "../../core/sdd/approval_kinds.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";
import { importOnDemand } from "../../core/on_demand.ts";

function reportApproval(result: ApproveResult): void {
  console.log(`Plan ${result.id.slice(0, 8)} approved as ${result.kind}`);
  if (result.persisted) {
    console.log(`  committed plan: ${result.persisted.planPath}`);
    if (result.persisted.promptPath) {
      console.log(`  prompt snapshot: ${result.persisted.promptPath}`);
    }
    console.log(
      result.persisted.commit
        ? `  SDD commit: ${result.persisted.commit.slice(0, 12)} (local SDD repo)`
        : "  version-controlled SDD: the files are left for `sase commit`",
    );
  }
  if (result.beads) {
    const phases = Object.values(result.beads.phaseIds);
    console.log(
      `  bead: ${result.beads.beadId}${phases.length ? ` (phases ${phases.join(", ")})` : ""}`,
    );
  }
  console.log(`  response: ${result.responsePath}`);
}

/** Run `sase plan approve`. */
export async function runApprove(
  app: AppContext,
  selector: string | undefined,
  options: { kind?: ApprovalKind; model?: string; prompt?: string },
): Promise<void> {
  const result = await approvePlan({
    env: app.env,
    selector,
    kind: options.kind,
    model: options.model,
    prompt: options.prompt,
  });
  reportApproval(result);
  if (!result.followUp) return;
  const { launchFollowUp } = await importOnDemand<
    typeof import("../../core/sdd/follow_up_launch.ts")
  >("../../core/sdd/follow_up_launch.ts", import.meta.url);
  const launched = await launchFollowUp(app, result.followUp);
  if (launched.kind === "coder") {
    for (const agent of launched.launched) {
      console.log(`Launched coder ${agent.name}  ${agent.dir}`);
    }
    return;
  }
  const { beadWorkReport } = await importOnDemand<typeof import("../shared/bead_work.ts")>(
    "../shared/bead_work.ts",
    import.meta.url,
  );
  for (const line of beadWorkReport(launched.launch)) console.log(line);
  const warning = launched.launch.result.warning;
  if (warning) app.warn(neutralizeControls(warning));
}
