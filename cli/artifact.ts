/**
 * `sase artifact create -p PATH [-n LABEL] [-k KIND]`: hand a generated file
 * over to persistent SASE storage as an artifact of the current agent run.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import { JSON_FLAG, JSON_HELP, printJson } from "./shared/output.ts";
import { processEnv } from "../core/config/paths.ts";

/** Register `sase artifact`. */
export function register(program: Command): void {
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
    .action(async (options) => {
      const { createExplicitArtifact, parseArtifactKind } = await import(
        "../core/agent/records/explicit_artifacts.ts"
      );
      const { currentAgentDir } = await import("../core/agent/records/var.ts");
      const kind = options.kind === undefined ? undefined : parseArtifactKind(options.kind);
      const env = processEnv();
      const artifact = await createExplicitArtifact({
        env,
        path: options.path,
        cwd: Deno.cwd(),
        agentDir: currentAgentDir(env, "sase artifact create"),
        label: options.label,
        kind,
      });
      if (options.json) printJson({ schema_version: 1, artifact });
      else console.log(artifact.path);
    });
}
