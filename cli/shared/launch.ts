/**
 * How the CLI presents a launch (`sase run`, `sase prompt run|edit`): a
 * spinner until a foreground reply streams to stdout, a line per detached
 * agent, or the launch's wire form with `-j`; a foreground run that fails
 * fails the command.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import type { StandbyRunner } from "../../core/agent/run/daemon.ts";
import { type LaunchOutcome, runsInForeground } from "../../core/agent/run/launch.ts";
import { launchPrompt } from "../../core/agent/run/launch_prompt.ts";
import { launchOutcomeWire } from "../../core/agent/wire.ts";
import { SaseError } from "../../core/errors.ts";
import { printJson, style } from "./output.ts";
import { forTerminal } from "./agent_text.ts";
import { startSpinner } from "./spinner.ts";
import type { ProgressEvent } from "../../core/workflow/engine.ts";
import type { WorkflowRunResult } from "../../core/workflow/run.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";

/** Options of {@linkcode runPrompt}. */
export interface RunPromptOptions {
  /** Run detached even when the plan has a single agent. */
  daemon?: boolean;
  /** A runner started ahead for the first detached agent. */
  standby?: StandbyRunner;
  /** Print the launch's wire form instead of text. */
  json?: boolean;
}

const encoder = new TextEncoder();

function writeOut(text: string): void {
  const bytes = encoder.encode(text);
  let written = 0;
  while (written < bytes.length) written += Deno.stdout.writeSync(bytes.subarray(written));
}

/** One line of a foreground workflow's progress, on stderr. */
function showProgress(event: ProgressEvent): void {
  const text = neutralizeControls;
  switch (event.type) {
    case "step":
      console.error(
        style("bold", `[${event.index + 1}/${event.total}] ${text(event.step)} (${event.kind})`),
      );
      break;
    case "step_end":
      if (event.status === "failed") {
        console.error(style("red", `  failed: ${text(event.error ?? "")}`));
      } else if (event.status === "skipped") console.error(style("dim", "  skipped"));
      break;
    case "iteration":
      console.error(
        style("dim", `  iteration ${event.iteration}${event.of ? `/${event.of}` : ""}`),
      );
      break;
    case "hitl":
      console.error(style("yellow", `  waiting for a decision on '${text(event.step)}':`));
      console.error(text(JSON.stringify(event.output, null, 2)).replace(/^/gm, "    "));
      console.error(`  decide with: sase agent hitl ${text(event.run)} accept|edit|reject`);
      break;
  }
}

function reportWorkflow(run: WorkflowRunResult): void {
  const line = `workflow ${run.workflow} (${run.name}) ${run.outcome}; artifacts: ${run.dir}`;
  console.error(style(run.outcome === "completed" ? "dim" : "red", neutralizeControls(line)));
  if (run.outcome !== "completed") {
    throw new SaseError(
      "run.failed",
      `workflow ${run.workflow} ${run.outcome}: ${neutralizeControls(run.error ?? "")}`,
      { hint: `see ${run.dir}/error_report.txt`, kind: "failed" },
    );
  }
}

function report(outcome: LaunchOutcome, json: boolean): void {
  const run = outcome.foreground;
  if (json) {
    printJson(launchOutcomeWire(outcome));
    if (outcome.workflow && outcome.workflow.outcome !== "completed") {
      reportWorkflow(outcome.workflow);
    }
  } else if (outcome.workflow) {
    reportWorkflow(outcome.workflow);
  } else if (run) {
    console.error(style("dim", `agent ${run.name} ${run.outcome}; artifacts: ${run.dir}`));
  } else {
    for (const agent of outcome.launched) {
      const waits = agent.waits.length ? ` (waits for ${agent.waits.join(", ")})` : "";
      console.log(`launched ${agent.name}${waits}  ${agent.dir}`);
    }
  }
  if (run && run.outcome !== "completed") {
    throw new SaseError("run.failed", `agent ${run.name} ${run.outcome}: ${run.error}`, {
      hint: `artifacts: ${run.dir}`,
      kind: "failed",
    });
  }
}

/** Launch `text` as `sase run` does: stream a foreground reply, report detached agents. */
export async function runPrompt(
  app: AppContext,
  text: string,
  options: RunPromptOptions,
): Promise<void> {
  let wrote = false;
  let spinner: ReturnType<typeof startSpinner> | undefined;
  let outcome: LaunchOutcome;
  try {
    outcome = await launchPrompt(app, {
      text,
      daemon: options.daemon,
      standby: options.standby,
      onPlan(plan) {
        if (runsInForeground(plan, options.daemon ?? false) && !options.json) {
          spinner = startSpinner("waiting for the agent");
        }
      },
      echo: options.json ? undefined : (chunk) => {
        spinner?.stop();
        wrote = true;
        writeOut(forTerminal(chunk));
      },
      warn: (message) => {
        spinner?.stop();
        app.warn(message);
      },
      progress: options.json ? undefined : (event) => {
        spinner?.stop();
        showProgress(event);
      },
    });
  } finally {
    spinner?.stop();
  }
  if (wrote) writeOut("\n");
  report(outcome, options.json ?? false);
}
