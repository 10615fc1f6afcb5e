/**
 * The AMD initializer command, registered both as `sase amd init` and as
 * `sase init amd`.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import type { AppContext } from "../../core/context.ts";
import type { AmdPlan } from "../../core/amd/init.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";
import { plural } from "../../core/text/plural.ts";
import { importOnDemand } from "../../core/on_demand.ts";
import { JSON_FLAG, JSON_HELP, printJson, style } from "./output.ts";

/** Text lines of an AMD plan (drift) or of what applying it wrote. */
export function renderAmdInit(plan: AmdPlan, applied: boolean): string[] {
  const inert = (text: string) => neutralizeControls(text, { keepLayout: false });
  const lines = plan.writes.map((w) =>
    `${applied ? style("green", "wrote") : style("yellow", w.action)} ${
      inert(w.path)
    } (${w.detail})`
  );
  if (plan.writes.length === 0) lines.push("AMD init is current");
  else if (!applied) {
    lines.push(
      `AMD init drift: ${plural(plan.writes.length, "file")} ${
        plan.writes.length === 1 ? "needs" : "need"
      } \`sase amd init\``,
    );
  }
  return lines;
}

async function runAmdInit(app: AppContext, options: { check?: boolean; json?: boolean }) {
  const { applyAmdInit, planAmdInit } = await importOnDemand<
    typeof import("../../core/amd/init.ts")
  >("../../core/amd/init.ts", import.meta.url);
  const plan = await planAmdInit(app);
  const check = options.check ?? false;
  if (check) {
    if (plan.writes.length > 0) Deno.exitCode = 1;
  } else await applyAmdInit(plan);
  if (options.json) {
    const { amdInitWire } = await importOnDemand<typeof import("../../core/amd/wire.ts")>(
      "../../core/amd/wire.ts",
      import.meta.url,
    );
    return printJson(amdInitWire(plan, check));
  }
  for (const line of renderAmdInit(plan, !check)) console.log(line);
}

/** Register the AMD initializer on `parent` as `name`. */
export function addAmdInitCommand(
  parent: Command,
  app: AppContext,
  name: string,
  description: string,
): void {
  parent
    .command(name)
    .description(description)
    .option("-c, --check", "report drift without writing; exit 1 when files need writing")
    .option(JSON_FLAG, JSON_HELP)
    .addHelpText(
      "after",
      "\nWithout amd_h1_title and without AGENTS.md, exactly one custom provider file" +
        "\n(CLAUDE.md, GEMINI.md, QWEN.md, OPENCODE.md) is migrated into AGENTS.md;" +
        "\nseveral block. With use_chezmoi: true the chezmoi home source is initialized too.",
    )
    .action((options) => runAmdInit(app, options));
}
