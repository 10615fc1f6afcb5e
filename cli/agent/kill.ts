/**
 * `sase agent kill NAME`: stop a running agent and record it as killed.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { killAgent } from "../../core/agent/identity/kill.ts";
import { killResultWire } from "../../core/agent/wire.ts";
import { plural } from "../../core/text/plural.ts";
import { printJson } from "../shared/output.ts";

/** Run `sase agent kill`. */
export async function runKill(
  app: AppContext,
  name: string,
  options: { json?: boolean },
): Promise<void> {
  const result = await killAgent(app, name);
  if (options.json) return printJson(killResultWire(name, result));
  const how = result.escalated ? "SIGKILL after SIGTERM" : "SIGTERM";
  const processes = plural(result.signalled.length, "process", "processes");
  console.log(
    `Killed agent '${name}' (${how}; ${processes}) in ${result.elapsedMs} ms; ` +
      `outcome: ${result.outcome}`,
  );
}
