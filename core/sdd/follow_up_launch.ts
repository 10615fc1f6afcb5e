/**
 * Launching the follow-up of an approved plan: the coder through the one
 * launch service, or bead work for an approved epic or legend. The approval
 * is already recorded when this runs, so a failed launch says so and names
 * the command that retries just the launch.
 *
 * @module
 */

import type { AppContext } from "../context.ts";
import { SaseError } from "../errors.ts";
import type { LaunchedAgent } from "../agent/run/launch.ts";
import { launchPrompt } from "../agent/run/launch_prompt.ts";
import { type BeadWorkLaunch, launchBeadWork } from "../bead/work_launch.ts";
import { type FollowUp, prepareCoderPrompt } from "./follow_up.ts";

/** What a follow-up launched. */
export type FollowUpLaunch =
  | { kind: "bead_work"; launch: BeadWorkLaunch }
  | { kind: "coder"; launched: LaunchedAgent[] };

/** Launch `followUp` detached. */
export async function launchFollowUp(
  app: AppContext,
  followUp: FollowUp,
): Promise<FollowUpLaunch> {
  if (followUp.kind === "bead_work") {
    try {
      const launch = await launchBeadWork(app, {
        dir: followUp.storeDir,
        id: followUp.beadId,
        checkoutRoot: followUp.projectDir,
      });
      return { kind: "bead_work", launch };
    } catch (error) {
      throw new SaseError(
        "plan.follow_up",
        `the plan was approved, but launching bead work for ${followUp.beadId} failed: ${
          (error as Error).message
        }`,
        {
          cause: error,
          hint: `retry the launch with \`sase bead work ${followUp.beadId}\``,
          kind: "failed",
        },
      );
    }
  }
  let prompt: string | undefined;
  try {
    prompt = await prepareCoderPrompt(app.env, followUp);
    const outcome = await launchPrompt(app, {
      text: prompt,
      daemon: true,
      record: false,
      warn: (message) => app.warn(message),
    });
    return { kind: "coder", launched: outcome.launched };
  } catch (error) {
    throw new SaseError(
      "plan.follow_up",
      `the plan was approved, but launching the coder failed: ${(error as Error).message}`,
      {
        cause: error,
        hint: prompt
          ? `fix the cause, then launch the coder with \`sase run -d\` and this prompt:\n${prompt}`
          : `fix the cause, then launch a coder on ${followUp.planRef} with \`sase run -d\``,
        kind: "failed",
      },
    );
  }
}
