/**
 * Printing a launch plan (`sase prompt run --dry-run`).
 *
 * @module
 */

import { loadXPromptEnvironment } from "../../core/xprompt/context.ts";
import { type LaunchPlan, planLaunch } from "../../core/xprompt/launch_plan.ts";
import { formatTable, printJson } from "../shared/output.ts";

/** Plan `text` with the current directory's catalog. */
export async function planFor(text: string): Promise<LaunchPlan> {
  const environment = await loadXPromptEnvironment();
  return await planLaunch(text, { ...environment, cwd: environment.cwd });
}

function describeTime(plan: LaunchPlan["entries"][number]): string {
  if (!plan.time) return "";
  return plan.time.kind === "duration" ? `+${plan.time.seconds}s` : plan.time.at.toISOString();
}

type Entry = LaunchPlan["entries"][number];

/** One planned agent with the snake_case keys of `-j` output. */
function entryJson(entry: Entry): Record<string, unknown> {
  return {
    name: entry.name ?? null,
    name_template: entry.nameTemplate ?? null,
    force_reuse_name: entry.forceReuseName,
    prompt: entry.prompt,
    model: entry.model ?? null,
    provider: entry.provider ?? null,
    waits: entry.waits,
    time: entry.time === undefined
      ? null
      : entry.time.kind === "duration"
      ? { kind: "duration", seconds: entry.time.seconds }
      : { kind: "absolute", at: entry.time.at.toISOString() },
    hide: entry.hide,
    approve: entry.approve,
    epic: entry.epic,
    edit: entry.edit,
    group: entry.group ?? null,
    repeat: entry.repeat ?? null,
    workspace: {
      kind: entry.workspace.kind,
      ref: entry.workspace.ref,
      raw: entry.workspace.raw,
      agent: entry.workspace.agent ?? null,
      implicit: entry.workspace.implicit,
    },
    // `named` keeps the argument names the prompt wrote.
    workflow: entry.workflow ?? null,
    segment: entry.segment,
  };
}

/** The plan as `-j` prints it (snake_case keys, stable shape). */
export function planJson(plan: LaunchPlan): Record<string, unknown> {
  return {
    schema_version: plan.schema_version,
    entries: plan.entries.map(entryJson),
    trace: plan.trace.map((step) => ({
      name: step.name,
      reference: step.reference,
      source_path: step.sourcePath,
      source_label: step.sourceLabel,
      iteration: step.iteration,
      positional: step.positional,
      named: step.named,
      output: step.output,
    })),
  };
}

/** Print the plan as a table (or JSON). */
export function printPlan(plan: LaunchPlan, json: boolean): void {
  if (json) {
    printJson(planJson(plan));
    return;
  }
  const rows = plan.entries.map((entry, index) => [
    String(index + 1),
    entry.name ?? "(auto)",
    entry.model ? `${entry.provider ? `${entry.provider}/` : ""}${entry.model}` : "(default)",
    entry.waits.join(",") || "-",
    describeTime(entry) || "-",
    entry.workspace.raw + (entry.workspace.implicit ? " (default)" : ""),
    [
      entry.approve && "approve",
      entry.hide && "hide",
      entry.epic && "epic",
      entry.group && `group:${entry.group}`,
    ]
      .filter(Boolean).join(" ") || "-",
  ]);
  console.log(formatTable(["#", "NAME", "MODEL", "WAITS", "TIME", "WORKSPACE", "FLAGS"], rows));
  for (const [index, entry] of plan.entries.entries()) {
    console.log(
      `\n--- agent ${index + 1}${entry.name ? ` (${entry.name})` : ""} ---\n${entry.prompt}`,
    );
  }
}
