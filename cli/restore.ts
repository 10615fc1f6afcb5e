/**
 * `sase restore [NAME] [-l]`: re-apply a reverted or archived ChangeSpec's
 * saved diff and commit it again (handbook 22.3.5); `-l` lists the
 * reverted ChangeSpecs.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import type { AppContext } from "../core/context.ts";
import { withOpOptions } from "./shared/changespec_ops.ts";

/** Register `sase restore`. */
export function register(program: Command, app: AppContext): void {
  withOpOptions(
    program
      .command("restore")
      .description("Restore a reverted or archived ChangeSpec by re-applying its saved diff")
      .argument("[name]", "NAME of the reverted (or archived) ChangeSpec to restore")
      .option("-l, --list", "list the reverted ChangeSpecs and their saved diffs"),
  )
    .addHelpText(
      "after",
      "\nThe diff comes from SASE_HOME/reverted/<name>.diff, else SASE_HOME/archived/<name>.diff. It is\n" +
        "applied on the parent's branch (or the default branch) and committed on a new branch named\n" +
        "after the ChangeSpec (git pushes it; GitHub also opens a pull request, whose URL becomes the\n" +
        "PR field). STATUS goes back to WIP. The checkout must be clean and the branch must not exist.",
    )
    .action(async (name, options) =>
      (await import("./restore/run.ts")).runRestore(app, name, options)
    );
}
