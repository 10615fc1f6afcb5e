/**
 * `sase xprompt graph <workflow>` (handbook 7.2.4): the step graph as
 * Mermaid (the default: nodes with type indicators and control-flow
 * annotations, parallel blocks as subgraphs, `finally` steps on dashed
 * edges) or as plain text. Pure.
 *
 * @module
 */

import { stepAnnotations } from "./explain.ts";
import type { Workflow, WorkflowStep } from "./model.ts";

/** The output formats. */
export const GRAPH_FORMATS = ["mermaid", "text"] as const;

/** One output format. */
export type GraphFormat = typeof GRAPH_FORMATS[number];

const ICONS: Record<string, string> = {
  agent: "🤖 agent",
  bash: "$ bash",
  python: "🐍 python",
  prompt_part: "📝 prompt_part",
  parallel: "⇉ parallel",
};

/** A Mermaid node id for a step path (letters, digits and `_` only). */
function nodeId(...names: string[]): string {
  return "s_" + names.map((name) => name.replace(/[^A-Za-z0-9_]/g, "_")).join("__");
}

/** Text safe inside a quoted Mermaid label. */
function label(text: string): string {
  return text.replace(/"/g, "#quot;").replace(/[<>]/g, (ch) => ch === "<" ? "#lt;" : "#gt;");
}

function nodeLabel(step: WorkflowStep): string {
  const notes = stepAnnotations(step).filter((note) => !note.startsWith("join"));
  return [step.name, ICONS[step.kind] ?? step.kind, ...notes].map(label).join("<br/>");
}

/** The Mermaid flowchart of `workflow`. */
export function mermaidGraph(workflow: Workflow): string {
  const lines = ["flowchart TD", `  start(["${label(workflow.name)}"])`];
  let previous = ["start"];
  for (const step of workflow.steps) {
    const arrow = step.isFinally ? "-.->" : "-->";
    if (step.kind === "parallel") {
      const block = nodeId(step.name);
      lines.push(`  subgraph ${block} ["${nodeLabel(step)}"]`);
      const subs = step.parallel!.map((sub) => nodeId(step.name, sub.name));
      step.parallel!.forEach((sub, index) => lines.push(`    ${subs[index]}["${nodeLabel(sub)}"]`));
      lines.push("  end");
      for (const from of previous) for (const to of subs) lines.push(`  ${from} ${arrow} ${to}`);
      previous = subs;
      continue;
    }
    const id = nodeId(step.name);
    lines.push(`  ${id}["${nodeLabel(step)}"]`);
    for (const from of previous) lines.push(`  ${from} ${arrow} ${id}`);
    previous = [id];
  }
  lines.push(`  finish(["end"])`);
  for (const from of previous) lines.push(`  ${from} --> finish`);
  return lines.join("\n");
}

/** The plain-text summary of `workflow`. */
export function textGraph(workflow: Workflow): string {
  const lines = [`${workflow.name} (${workflow.steps.length} steps, ${workflow.sourcePath})`];
  const describe = (step: WorkflowStep, prefix: string) => {
    const notes = stepAnnotations(step);
    return `${prefix}${step.name} [${step.kind}]${notes.length ? `  ${notes.join("; ")}` : ""}`;
  };
  workflow.steps.forEach((step, index) => {
    lines.push(describe(step, `${index + 1}. `));
    for (const sub of step.parallel ?? []) lines.push(describe(sub, "   ├─ "));
  });
  return lines.join("\n");
}

/** The graph of `workflow` in `format`. */
export function workflowGraph(workflow: Workflow, format: GraphFormat): string {
  return format === "text" ? textGraph(workflow) : mermaidGraph(workflow);
}
