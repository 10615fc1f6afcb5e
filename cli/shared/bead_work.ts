/**
 * The human report of a bead work launch, shared by `sase bead work` and
 * the epic and legend follow-ups of `sase plan approve`.
 *
 * @module
 */

import type { BeadWorkLaunch } from "../../core/bead/work_launch.ts";
import { plural } from "../../core/text/plural.ts";

/** The lines reporting `launch`. */
export function beadWorkReport({ result, launched }: BeadWorkLaunch): string[] {
  const lines = [
    `Launched ${plural(launched.length, "agent")} for ${result.plan.kind} ${result.plan.id}${
      result.plan.retry ? " (retry)" : ""
    }:`,
    ...launched.map((agent) =>
      `  ${agent.name}${
        agent.waits.length ? ` (waits for ${agent.waits.join(", ")})` : ""
      }  ${agent.dir}`
    ),
  ];
  if (result.committed) lines.push(`Committed: ${result.plan.commitMessage}`);
  if (result.push === "pushed") lines.push("Pushed the launch commit.");
  if (result.push === "background") {
    lines.push(`Pushing in the background; log: ${result.pushLog}`);
  }
  return lines;
}
