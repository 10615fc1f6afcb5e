/**
 * `sase var set KEY=VALUE [...]`: publish output variables from inside an
 * agent run (merged into its `agent_meta.json` `output_variables`).
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import { processEnv } from "../core/config/paths.ts";

/** Register `sase var`. */
export function register(program: Command): void {
  const group = program
    .command("var")
    .description("Output variables of the current agent run (agent-scoped)");
  group
    .command("set")
    .description("Store KEY=VALUE output variables for the current agent (needs SASE_AGENT=1)")
    .argument("<assignments...>", "KEY=VALUE pairs; the value is everything after the first '='")
    .action(async (assignments) => {
      const { currentAgentDir, parseAssignments, setOutputVariables } = await import(
        "../core/agent/records/var.ts"
      );
      const vars = parseAssignments(assignments);
      const dir = currentAgentDir(processEnv(), "sase var set");
      await setOutputVariables(dir, vars);
      const keys = Object.keys(vars);
      console.log(
        `Set ${keys.length} output variable${keys.length === 1 ? "" : "s"}: ${keys.join(", ")}`,
      );
    });
}
