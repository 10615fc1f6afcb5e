/**
 * Bare `sase init`: the grouped drift summary, then (with `-y`, or a yes at
 * the prompt on a terminal) each needed initializer in order.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import {
  type InitializerPlan,
  type InitializerRun,
  planInit,
  runInitializer,
} from "../../core/init/coordinator.ts";
import { initWire } from "../../core/init/wire.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";
import { plural } from "../../core/text/plural.ts";
import { printJson, style } from "../shared/output.ts";

/** How many planned changes of one initializer the summary shows. */
const SHOWN_CHANGES = 8;

const inert = (text: string) => neutralizeControls(text, { keepLayout: false });

/** The grouped summary of the plans. */
export function renderPlans(plans: readonly InitializerPlan[]): string[] {
  const lines: string[] = [];
  for (const plan of plans) {
    if (plan.blocked) {
      lines.push(`${style("red", plan.name)}: blocked: ${inert(plan.blocked)}`);
    } else if (!plan.needed) {
      lines.push(`${style("green", plan.name)}: current`);
    } else {
      lines.push(
        `${style("yellow", plan.name)}: needs attention (${plural(plan.changes.length, "change")})`,
      );
      for (const change of plan.changes.slice(0, SHOWN_CHANGES)) lines.push(`  ${inert(change)}`);
      if (plan.changes.length > SHOWN_CHANGES) {
        lines.push(`  ... and ${plan.changes.length - SHOWN_CHANGES} more`);
      }
    }
  }
  return lines;
}

/** Run bare `sase init`. */
export async function runInit(
  app: AppContext,
  options: { check?: boolean; yes?: boolean; json?: boolean },
): Promise<void> {
  const plans = await planInit(app);
  const needed = plans.filter((p) => p.needed);
  const runs: InitializerRun[] = [];
  const interactive = Deno.stdin.isTerminal() && !options.json;
  const applying = !options.check && needed.length > 0 && (options.yes || interactive);
  if (!options.json) {
    for (const line of renderPlans(plans)) console.log(line);
    if (needed.length === 0) {
      console.log("SASE is initialized: amd, memory, sdd and skills are current.");
    }
  }
  if (applying) {
    for (const plan of needed) {
      if (plan.blocked) continue;
      if (!options.yes && !confirm(`Run the ${plan.name} initializer?`)) continue;
      const run = await runInitializer(app, plan.name);
      runs.push(run);
      if (!options.json) {
        console.log(`${style("cyan", plan.name)}: done`);
        for (const line of run.lines) console.log(`  ${inert(line)}`);
      }
    }
  }
  const blocked = needed.filter((p) => p.blocked);
  const left = applying ? blocked : needed;
  if (left.length > 0) Deno.exitCode = 1;
  if (options.json) return printJson(initWire(plans, runs));
  if (needed.length > 0 && !applying) {
    console.log(
      options.check
        ? `${
          plural(needed.length, "initializer")
        } need attention: run \`sase init\` (or \`sase init --yes\`)`
        : `${
          plural(needed.length, "initializer")
        } need attention; not a terminal, so nothing was run: ` +
          "pass --yes to run them",
    );
  } else if (blocked.length > 0) {
    console.log(`not run (blocked): ${blocked.map((p) => p.name).join(", ")}`);
  }
}
