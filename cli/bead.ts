/**
 * `sase bead`: the git-portable issue graph. Bare `sase bead` lists.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import type { AppContext } from "../core/context.ts";
import { registerRead } from "./bead/read.ts";
import { registerWrite } from "./bead/write.ts";
import { registerAdmin } from "./bead/admin.ts";
import { registerWork } from "./bead/work.ts";

/** Register `sase bead` and its subcommands. */
export function register(program: Command, app: AppContext): void {
  const bead = program
    .command("bead")
    .description("Bead issue tracking: plans, epics, legends and phases");
  registerRead(bead);
  registerWrite(bead);
  registerAdmin(bead);
  registerWork(bead, app);
}
