/**
 * A finished run's telemetry: recorded, then pushed to the Push Gateway
 * (a runner is a short-lived process). With telemetry off this is one
 * settings check: nothing is read, loaded or sent.
 *
 * @module
 */

import { join } from "../../fs/path.ts";
import type { SaseConfig } from "../../config/types.ts";
import { READ_LIMITS, readTextBounded } from "../../fs/bounded_read.ts";
import { ARTIFACT_FILES } from "../records/artifacts.ts";
import { processTelemetry } from "../../telemetry/telemetry.ts";
import type { RunTelemetry } from "../../telemetry/agent_run.ts";
import { importOnDemand } from "../../on_demand.ts";

/** Token counts of the run in `dir` (none when it wrote no usage). */
async function runUsage(dir: string): Promise<RunTelemetry["usage"]> {
  try {
    const usage = JSON.parse(
      await readTextBounded(join(dir, ARTIFACT_FILES.usage), READ_LIMITS.record),
    );
    const count = (value: unknown) => typeof value === "number" && value >= 0 ? value : 0;
    return {
      input: count(usage.input_tokens),
      output: count(usage.output_tokens),
      cacheRead: count(usage.cache_read_input_tokens),
    };
  } catch {
    return undefined;
  }
}

/** Record the run in `dir` and push; a failed push is a warning, never the run's failure. */
export async function reportRunTelemetry(
  config: SaseConfig,
  dir: string,
  run: Omit<RunTelemetry, "usage">,
  warn?: (message: string) => void,
): Promise<void> {
  const telemetry = await processTelemetry(config);
  if (!telemetry.enabled) return;
  const { recordAgentRun } = await importOnDemand<typeof import("../../telemetry/agent_run.ts")>(
    "../../telemetry/agent_run.ts",
    import.meta.url,
  );
  recordAgentRun(telemetry, { ...run, usage: await runUsage(dir) });
  await telemetry.push("sase_agent").catch((error) =>
    warn?.(`telemetry push failed: ${error instanceof Error ? error.message : error}`)
  );
}
