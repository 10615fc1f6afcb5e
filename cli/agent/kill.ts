/**
 * `sase agent kill NAME`: stop a running agent and record it as killed.
 *
 * @module
 */

import { printJson } from "../output.ts";
import { processEnv } from "../../core/config/paths.ts";
import { indexLocation } from "../../core/agent/index/index_service.ts";
import { resolveAgent } from "../../core/agent/index/resolve.ts";
import { killRun } from "../../core/agent/identity/kill.ts";
import { loadConfig } from "../../core/config/load.ts";
import { repairWorkspaces } from "../../core/workspace/repair.ts";
import { createWorkspaceProviderRegistry } from "../../providers/workspace/registry.ts";

/** Run `sase agent kill`. */
export async function runKill(name: string, options: { json?: boolean }): Promise<void> {
  const env = processEnv();
  const run = await resolveAgent(indexLocation(env), name);
  const result = await killRun(run.record.dir, {
    env,
    // A runner that had to be SIGKILLed could not release its workspace claim itself.
    onKilled: async (killed) => {
      if (!killed.escalated) return;
      const { config } = await loadConfig({ env, cwd: Deno.cwd() });
      await repairWorkspaces({
        env,
        config,
        cwd: Deno.cwd(),
        providers: createWorkspaceProviderRegistry(),
      }, { project: run.record.project });
    },
  });
  if (options.json) {
    printJson({
      schema_version: 1,
      name,
      dir: result.dir,
      outcome: result.outcome,
      signalled: result.signalled,
      escalated: result.escalated,
      wrote_done: result.wroteDone,
      elapsed_ms: result.elapsedMs,
    });
    return;
  }
  const how = result.escalated ? "SIGKILL after SIGTERM" : "SIGTERM";
  const processes = result.signalled.length;
  console.log(
    `Killed agent '${name}' (${how}; ${processes} process${processes === 1 ? "" : "es"}) ` +
      `in ${result.elapsedMs} ms; outcome: ${result.outcome}`,
  );
}
