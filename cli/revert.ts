/**
 * `sase revert NAME`: save a ChangeSpec's diff to
 * `SASE_HOME/reverted/<name>.diff`, prune its branch and mark it Reverted
 * (handbook 22.3.4). Destructive: asks first, or needs `-y`.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import type { AppContext } from "../core/context.ts";
import { withConfirmedOpOptions } from "./shared/changespec_ops.ts";

/** Register `sase revert`. */
export function register(program: Command, app: AppContext): void {
  withConfirmedOpOptions(
    program
      .command("revert")
      .description("Revert a ChangeSpec: save its diff, prune its branch, set STATUS Reverted")
      .argument("<name>", "NAME of the ChangeSpec to revert"),
  )
    .addHelpText(
      "after",
      "\nThe branch's whole diff (against the default branch) goes to SASE_HOME/reverted/<name>.diff,\n" +
        "which is never overwritten; `sase restore <name>` applies it again. The checkout must be\n" +
        "clean; a checked-out branch is left for the parent's branch (or the default branch) first.\n" +
        "Refused while another ChangeSpec that is not Reverted has this one as its PARENT.",
    )
    .action(async (name, options) =>
      (await import("./revert/run.ts")).runRevert(app, name, options)
    );
}
