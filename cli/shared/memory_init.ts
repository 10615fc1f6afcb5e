/**
 * The memory initializer command, registered both as `sase memory init`
 * and as `sase init memory`.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import type { AppContext } from "../../core/context.ts";
import type { MemoryInitApplied } from "../../core/memory/init_apply.ts";
import type { MemoryInitPlan } from "../../core/memory/init_plan.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";
import { plural } from "../../core/text/plural.ts";
import { importOnDemand } from "../../core/on_demand.ts";
import { JSON_FLAG, JSON_HELP, printJson, style } from "./output.ts";

const inert = (text: string) => neutralizeControls(text, { keepLayout: false });

/** Text lines of a memory init plan (drift) or of what applying it did. */
export function renderMemoryInit(
  plan: MemoryInitPlan,
  applied: MemoryInitApplied | null,
): string[] {
  const lines: string[] = [];
  for (const write of plan.writes) {
    const label = applied ? style("green", "wrote") : style("yellow", write.action);
    lines.push(`${label} ${write.scope}: ${inert(write.path)}`);
  }
  for (const path of plan.customShims) {
    lines.push(
      `${style("dim", "kept")} custom provider file ${inert(path)} (see \`sase amd init\`)`,
    );
  }
  for (const step of applied?.deploy ?? []) lines.push(`${style("cyan", "deploy")} ${inert(step)}`);
  if (!applied) {
    lines.push(
      plan.writes.length > 0
        ? `memory init drift: ${plural(plan.writes.length, "file")} ${
          plan.writes.length === 1 ? "needs" : "need"
        } \`sase memory init\``
        : "memory init is current",
    );
  } else if (plan.writes.length === 0) lines.push("memory init: everything is current");
  return lines;
}

/** Run the initializer (or with `--check`, the drift check: exit 1 on drift). */
async function runMemoryInit(
  app: AppContext,
  options: { check?: boolean; commit?: boolean; json?: boolean },
): Promise<void> {
  const { planMemoryInit } = await importOnDemand<typeof import("../../core/memory/init_plan.ts")>(
    "../../core/memory/init_plan.ts",
    import.meta.url,
  );
  const plan = await planMemoryInit(app);
  let applied: MemoryInitApplied | null = null;
  if (options.check) {
    if (plan.writes.length > 0) Deno.exitCode = 1;
  } else {
    const { applyMemoryInit } = await importOnDemand<
      typeof import("../../core/memory/init_apply.ts")
    >("../../core/memory/init_apply.ts", import.meta.url);
    applied = await applyMemoryInit(app, plan, { commit: options.commit !== false });
  }
  if (options.json) {
    const { memoryInitWire } = await importOnDemand<typeof import("../../core/memory/wire.ts")>(
      "../../core/memory/wire.ts",
      import.meta.url,
    );
    return printJson(memoryInitWire(plan, applied));
  }
  for (const line of renderMemoryInit(plan, applied)) console.log(line);
}

/** Register the memory initializer on `parent` as `name`. */
export function addMemoryInitCommand(
  parent: Command,
  app: AppContext,
  name: string,
  description: string,
): void {
  parent
    .command(name)
    .description(description)
    .option("-c, --check", "report drift without writing; exit 1 when files need writing")
    .option(
      "-C, --no-commit",
      "skip the project precommit/commit/pull/push (not a dry run; chezmoi home deploy still runs)",
    )
    .option(JSON_FLAG, JSON_HELP)
    .action((options) => runMemoryInit(app, options));
}
