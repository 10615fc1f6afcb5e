/**
 * `sase agent hitl NAME [accept|edit|reject]`: answer a workflow run paused
 * at a human checkpoint. Without an action it shows the pending step and its
 * output. `edit` takes the new output from `--output JSON`,
 * `--output-file PATH` or, on a terminal, `$EDITOR`. Output written by the
 * workflow's steps is printed with control characters neutralised.
 *
 * @module
 */

import { resolve } from "../../core/fs/path.ts";
import type { AppContext } from "../../core/context.ts";
import { SaseError, usageError } from "../../core/errors.ts";
import { READ_LIMITS, readTextBounded } from "../../core/fs/bounded_read.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";
import type { HitlDecision } from "../../core/workflow/engine.ts";
import { HITL_ACTIONS } from "../../core/workflow/hitl.ts";
import {
  decideHitl,
  type PendingCheckpoint,
  pendingCheckpoint,
} from "../../core/workflow/hitl_service.ts";
import { hitlCheckpointWire, hitlDecisionWire } from "../../core/workflow/wire.ts";
import { printJson, style } from "../shared/output.ts";
import { importOnDemand } from "../../core/on_demand.ts";

/** Options of `sase agent hitl`. */
export interface HitlCliOptions {
  output?: string;
  outputFile?: string;
  feedback?: string;
  json?: boolean;
}

function describe(checkpoint: PendingCheckpoint): string {
  const request = checkpoint.request;
  const iteration = request.iteration ? ` (iteration ${request.iteration})` : "";
  return [
    style(
      "bold",
      `${neutralizeControls(checkpoint.name)} waits at step ` +
        `'${neutralizeControls(request.step_name)}' (${request.step_type})${iteration}`,
    ),
    neutralizeControls(JSON.stringify(request.output, null, 2)).replace(/^/gm, "  "),
    style("dim", `decide with: sase agent hitl ${checkpoint.name} accept|edit|reject`),
  ].join("\n");
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw usageError(`${where} is not JSON: ${(error as Error).message}`);
  }
}

async function editedOutput(
  app: AppContext,
  name: string,
  options: HitlCliOptions,
): Promise<unknown> {
  if (options.output !== undefined && options.outputFile !== undefined) {
    throw usageError("give the new output once: --output or --output-file");
  }
  if (options.output !== undefined) return parseJson(options.output, "--output");
  if (options.outputFile !== undefined) {
    const path = resolve(app.cwd, options.outputFile);
    return parseJson(await readTextBounded(path, READ_LIMITS.input), path);
  }
  if (!Deno.stdin.isTerminal()) {
    throw usageError("edit needs the new output: --output JSON or --output-file PATH");
  }
  const { editText } = await importOnDemand<typeof import("../../core/editor.ts")>(
    "../../core/editor.ts",
    import.meta.url,
  );
  const current = (await pendingCheckpoint(app, name)).request.output;
  try {
    return parseJson(
      await editText(JSON.stringify(current, null, 2), app.env),
      "the edited output",
    );
  } catch (error) {
    if (error instanceof SaseError && error.code === "prompt.empty") {
      throw usageError("the edit was empty; no decision written");
    }
    throw error;
  }
}

/** Run `sase agent hitl`. */
export async function runHitl(
  app: AppContext,
  name: string,
  action: string | undefined,
  options: HitlCliOptions,
): Promise<void> {
  if (action === undefined) {
    const checkpoint = await pendingCheckpoint(app, name);
    if (options.json) printJson(hitlCheckpointWire(checkpoint));
    else console.log(describe(checkpoint));
    return;
  }
  if (!(HITL_ACTIONS as readonly string[]).includes(action)) {
    throw usageError(`unknown decision '${action}'`, `use one of: ${HITL_ACTIONS.join(", ")}`);
  }
  if (action !== "edit" && (options.output !== undefined || options.outputFile !== undefined)) {
    throw usageError("--output and --output-file go with 'edit'");
  }
  const decision: HitlDecision = action === "edit"
    ? { action: "edit", output: await editedOutput(app, name, options) }
    : action === "reject"
    ? { action: "reject", ...(options.feedback ? { feedback: options.feedback } : {}) }
    : { action: "accept" };
  const result = await decideHitl(app, name, decision);
  if (options.json) return printJson(hitlDecisionWire(result));
  const step = neutralizeControls(result.request.step_name);
  const runner = result.resumed
    ? `its runner had stopped; resumed the workflow (runner pid ${result.runnerPid})`
    : "the workflow continues";
  const taken = result.action === action
    ? `${action} recorded`
    : `a decision was already waiting (${result.action}); it was taken instead of ${action}`;
  console.log(`${taken} for step '${step}' of ${neutralizeControls(result.name)}; ${runner}`);
}
