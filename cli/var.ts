/**
 * `sase var set KEY=VALUE [...]`: publish output variables from inside an
 * agent run (merged into its `agent_meta.json` `output_variables`).
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import type { AppContext } from "../core/context.ts";
import { plural } from "../core/text/plural.ts";

/** Run `sase var set KEY=VALUE...` for the agent run this process belongs to. */
async function runSet(app: AppContext, assignments: string[]): Promise<void> {
  const { currentAgentDir, parseAssignments, setOutputVariables } = await import(
    "../core/agent/records/var.ts"
  );
  const vars = parseAssignments(assignments);
  await setOutputVariables(currentAgentDir(app.env, "sase var set"), vars);
  const keys = Object.keys(vars);
  console.log(`Set ${plural(keys.length, "output variable")}: ${keys.join(", ")}`);
}

/** Register `sase var`. */
export function register(program: Command, app: AppContext): void {
  const group = program
    .command("var")
    .description("Output variables of the current agent run (agent-scoped)");
  group
    .command("set")
    .description("Store KEY=VALUE output variables for the current agent (needs SASE_AGENT=1)")
    .argument("<assignments...>", "KEY=VALUE pairs; the value is everything after the first '='")
    .action((assignments) => runSet(app, assignments));
}
