/**
 * `sase agent kill NAME`: stop a running agent and record it as killed.
 *
 * @module
 */

import { printJson } from "../output.ts";
import { processEnv } from "../../core/config/paths.ts";
import { indexLocation } from "../../core/agent/index/index_service.ts";
import { resolveAgent } from "../../core/agent/index/resolve.ts";
import { killRun } from "../../core/agent/kill.ts";

/** Run `sase agent kill`. */
export async function runKill(name: string, options: { json?: boolean }): Promise<void> {
  const env = processEnv();
  const run = await resolveAgent(indexLocation(env), name);
  const result = await killRun(run.record.dir, { env });
  if (options.json) {
    printJson({ schema_version: 1, ...result, name });
    return;
  }
  const how = result.escalated ? "SIGKILL after SIGTERM" : "SIGTERM";
  const processes = result.signalled.length;
  console.log(
    `Killed agent '${name}' (${how}; ${processes} process${processes === 1 ? "" : "es"}) ` +
      `in ${result.elapsedMs} ms; outcome: ${result.outcome}`,
  );
}
