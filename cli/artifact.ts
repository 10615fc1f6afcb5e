/**
 * `sase artifact create -p PATH [-n LABEL] [-k KIND]`: hand a generated file
 * over to persistent SASE storage as an artifact of the current agent run.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import type { AppContext } from "../core/context.ts";
import { JSON_FLAG, JSON_HELP, printJson } from "./shared/output.ts";
import { importOnDemand } from "../core/on_demand.ts";

/** Run `sase artifact create`: move the file into storage and print where it went. */
async function runCreate(
  app: AppContext,
  options: { path: string; label?: string; kind?: string; json?: boolean },
): Promise<void> {
  const [
    { createExplicitArtifact, parseArtifactKind },
    { currentAgentDir },
    { explicitArtifactWire },
  ] = await Promise.all([
    importOnDemand<typeof import("../core/agent/records/explicit_artifacts.ts")>(
      "../core/agent/records/explicit_artifacts.ts",
      import.meta.url,
    ),
    importOnDemand<typeof import("../core/agent/records/var.ts")>(
      "../core/agent/records/var.ts",
      import.meta.url,
    ),
    importOnDemand<typeof import("../core/agent/wire.ts")>(
      "../core/agent/wire.ts",
      import.meta.url,
    ),
  ]);
  const kind = options.kind === undefined ? undefined : parseArtifactKind(options.kind);
  const artifact = await createExplicitArtifact({
    env: app.env,
    path: options.path,
    cwd: app.cwd,
    agentDir: currentAgentDir(app.env, "sase artifact create"),
    label: options.label,
    kind,
  });
  if (options.json) printJson(explicitArtifactWire(artifact));
  else console.log(artifact.path);
}

/** Register `sase artifact`. */
export function register(program: Command, app: AppContext): void {
  const group = program
    .command("artifact")
    .description("Explicit artifacts of the current agent run (agent-scoped)");
  group
    .command("create")
    .description("Move a file into ~/.sase/artifacts/ and attach it to the current agent")
    .requiredOption("-p, --path <path>", "the file to store (it is moved)")
    .option("-n, --label <label>", "label shown in ACE's artifact panel (default: file name)")
    .option(
      "-k, --kind <kind>",
      "chat, plan, image, markdown, pdf or file (default: from extension)",
    )
    .option(JSON_FLAG, JSON_HELP)
    .action((options) => runCreate(app, options));
}
