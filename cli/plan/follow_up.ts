/**
 * Launching the follow-up of `sase plan approve`: the coder through the one
 * launch path, or bead work for an approved epic or legend. The approval is
 * already recorded when this runs, so a failed launch says so and names the
 * command that retries just the launch.
 *
 * @module
 */

import { processEnv } from "../../core/config/paths.ts";
import { SaseError } from "../../core/errors.ts";
import { type FollowUp, prepareCoderPrompt } from "../../core/sdd/follow_up.ts";
import { beadWorkReport, launchBeadWork } from "../bead/work_launcher.ts";
import { launchText } from "../run/launch_prompt.ts";
import { style } from "../output.ts";

function warn(message: string): void {
  console.error(style("yellow", `warning: ${message}`));
}

/** Launch `followUp` detached; resolves to the report lines. */
export async function launchFollowUp(followUp: FollowUp): Promise<string[]> {
  if (followUp.kind === "bead_work") {
    try {
      const launch = await launchBeadWork({
        dir: followUp.storeDir,
        id: followUp.beadId,
        checkoutRoot: followUp.projectDir,
      });
      const lines = beadWorkReport(launch);
      if (launch.result.warning) warn(launch.result.warning);
      return lines;
    } catch (error) {
      throw new SaseError(
        "plan.follow_up",
        `the plan was approved, but launching bead work for ${followUp.beadId} failed: ${
          (error as Error).message
        }`,
        { cause: error, hint: `retry the launch with \`sase bead work ${followUp.beadId}\`` },
      );
    }
  }
  let prompt: string | undefined;
  try {
    prompt = await prepareCoderPrompt(processEnv(), followUp);
    const outcome = await launchText(prompt, { daemon: true, record: false, warn });
    return outcome.launched.map((agent) => `Launched coder ${agent.name}  ${agent.dir}`);
  } catch (error) {
    throw new SaseError(
      "plan.follow_up",
      `the plan was approved, but launching the coder failed: ${(error as Error).message}`,
      {
        cause: error,
        hint: prompt
          ? `fix the cause, then launch the coder with \`sase run -d\` and this prompt:\n${prompt}`
          : `fix the cause, then launch a coder on ${followUp.planRef} with \`sase run -d\``,
      },
    );
  }
}
