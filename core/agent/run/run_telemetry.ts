/**
 * A finished run's telemetry: recorded, then pushed to the Push Gateway
 * (a runner is a short-lived process). With telemetry off nothing is read,
 * loaded or sent.
 *
 * @module
 */

import { join } from "../../fs/path.ts";
import type { SaseConfig } from "../../config/types.ts";
import { READ_LIMITS, readTextBounded } from "../../fs/bounded_read.ts";
import { ARTIFACT_FILES } from "../records/artifacts.ts";
import { recordAndPush } from "../../telemetry/report.ts";
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

/** Record the run in `dir` and push (see `recordAndPush`). */
export async function reportRunTelemetry(
  config: SaseConfig,
  dir: string,
  run: Omit<RunTelemetry, "usage">,
  warn?: (message: string) => void,
): Promise<void> {
  await recordAndPush(config, async (telemetry) => {
    const { recordAgentRun } = await importOnDemand<typeof import("../../telemetry/agent_run.ts")>(
      "../../telemetry/agent_run.ts",
      import.meta.url,
    );
    recordAgentRun(telemetry, { ...run, usage: await runUsage(dir) });
  }, warn);
}
