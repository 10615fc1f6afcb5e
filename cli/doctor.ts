/**
 * `sase doctor`: read-only support diagnostics. The command's body is in
 * `doctor/run.ts` and loads when it runs.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import type { AppContext } from "../core/context.ts";
import { JSON_FLAG } from "./shared/output.ts";
import { collect } from "./shared/options.ts";
import { importOnDemand } from "../core/on_demand.ts";

/** Register `sase doctor`. */
export function register(program: Command, app: AppContext): void {
  program
    .command("doctor")
    .description("Run read-only install, config, provider, project and state diagnostics")
    .option(JSON_FLAG, "emit the schema_version 1 JSON support report")
    .option("-v, --verbose", "show every check plus bounded details")
    .option("-D, --deep", "include slower read-only deep checks")
    .option("-s, --strict", "exit non-zero for warnings as well as errors")
    .option("-L, --list-checks", "list check ids without running them")
    .option("-C, --check <id|group>", "run only this check id or group (repeatable)", collect, [])
    .option("-p, --project <name>", "inspect a named project")
    .action(async (options) =>
      (await importOnDemand<typeof import("./doctor/run.ts")>("./doctor/run.ts", import.meta.url))
        .runDoctorCommand(app, options)
    );
}
