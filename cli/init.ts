/**
 * `sase init`: the bare coordinator (check AMD, memory, SDD and skills;
 * prompt once per needed initializer on a terminal, report drift and exit
 * non-zero elsewhere, `-y` to apply them all, `-c` to only check) and the
 * explicit initializers `sase init amd|memory|sdd|skills` (aliases of
 * `sase amd init`, `sase memory init`, `sase sdd init`, `sase skill init`).
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import type { AppContext } from "../core/context.ts";
import { importOnDemand } from "../core/on_demand.ts";
import { usageError } from "../core/errors.ts";
import { addInitCommand } from "./shared/sdd_init.ts";
import { addMemoryInitCommand } from "./shared/memory_init.ts";
import { addAmdInitCommand } from "./shared/amd_init.ts";
import { addSkillInitCommand } from "./shared/skill_init.ts";
import { JSON_FLAG, JSON_HELP } from "./shared/output.ts";

/** Register `sase init` and its initializer subcommands. */
export function register(program: Command, app: AppContext): void {
  const init = program
    .command("init")
    .description("Check AMD, memory, SDD and skills; run the initializers that need attention")
    .option("-c, --check", "report initialization drift without writing; exit 1 when any is needed")
    .option("-y, --yes", "run every needed initializer in order without prompting")
    .option(JSON_FLAG, JSON_HELP)
    .addHelpText(
      "after",
      "\nOrder: amd, memory, sdd, skills. Planning is read-only. Off a terminal, bare `sase init`" +
        "\nreports drift and exits 1 instead of prompting; pass --yes for an unattended run." +
        "\nDeploy controls (--no-commit, ...) live on the explicit subcommands.",
    )
    .action(async (options) =>
      (await importOnDemand<typeof import("./init/run.ts")>("./init/run.ts", import.meta.url))
        .runInit(app, options)
    )
    // Commander lets `init` take the flags it shares with its subcommands
    // (`sase init sdd --check -j`); they belong to the subcommand named.
    .hook("preSubcommand", (command, subcommand) => {
      const own = command.opts();
      for (const flag of ["check", "json"] as const) {
        if (own[flag] && subcommand.options.some((option) => option.attributeName() === flag)) {
          subcommand.setOptionValueWithSource(flag, true, "cli");
        }
      }
      if (own.yes) throw usageError("-y/--yes belongs to bare `sase init`, not its subcommands");
    });
  addAmdInitCommand(init, app, "amd", "Compatibility alias for `sase amd init`");
  addMemoryInitCommand(init, app, "memory", "Compatibility alias for `sase memory init`");
  addInitCommand(
    init,
    app,
    "sdd",
    "Alias for `sase sdd init`: enable version-controlled SDD and refresh its guides",
  );
  addSkillInitCommand(init, app, "skills", "Compatibility alias for `sase skill init`");
}
