/**
 * `sase init`: initializers that create or refresh durable project files.
 * The memory and SDD initializers exist so far (aliases of `sase memory
 * init` and `sase sdd init`); AMD, skills and the bare coordinator do not yet.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import type { AppContext } from "../core/context.ts";
import { addInitCommand } from "./shared/sdd_init.ts";
import { addMemoryInitCommand } from "./shared/memory_init.ts";
import { addAmdInitCommand } from "./shared/amd_init.ts";
import { addSkillInitCommand } from "./shared/skill_init.ts";

/** Register `sase init` with its `sdd` subcommand. */
export function register(program: Command, app: AppContext): void {
  const init = program
    .command("init")
    .description("Initializers for project files (so far `sase init memory` and `sase init sdd`)")
    .addHelpText(
      "after",
      "\nThe bare `sase init` coordinator and the amd and skills initializers are not" +
        "\nimplemented yet.",
    );
  addAmdInitCommand(init, app, "amd", "Compatibility alias for `sase amd init`");
  addMemoryInitCommand(init, app, "memory", "Compatibility alias for `sase memory init`");
  addSkillInitCommand(init, app, "skills", "Compatibility alias for `sase skill init`");
  addInitCommand(
    init,
    app,
    "sdd",
    "Alias for `sase sdd init`: enable version-controlled SDD and refresh its guides",
  );
}
