/**
 * `sase agent show NAME`: one agent's detail panel (or `-j` JSON). Every
 * value read from the run's files (names, prompt, reply, variables, errors)
 * is printed with its terminal control characters neutralised.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { showAgent } from "../../core/agent/index/agents.ts";
import type { AgentDetail } from "../../core/agent/index/detail.ts";
import type { RunSandbox } from "../../core/agent/records/sandbox_record.ts";
import type { WorkflowSummary } from "../../core/workflow/summary.ts";
import { agentDetailWire } from "../../core/agent/wire.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";
import { formatDuration, formatTime, styledStatus } from "../shared/agent_text.ts";
import { printJson, style } from "../shared/output.ts";

/** Agent-written text, indented; its control characters are made visible first. */
function indent(text: string, prefix = "  "): string {
  return neutralizeControls(text).split("\n").map((line) => prefix + line).join("\n");
}

/**
 * One labelled line. Values come from run files, so their control
 * characters are neutralised; a value we styled ourselves says so.
 */
function field(
  label: string,
  value: string | null | undefined,
  styled = false,
): string | undefined {
  if (!value) return undefined;
  return `  ${style("bold", label.padEnd(11))} ${styled ? value : plain(value)}`;
}

/** Text others wrote, on one line: line breaks become spaces, other controls visible. */
function plain(text: string): string {
  return neutralizeControls(text.replace(/\r?\n|\t/g, " "), { keepLayout: false });
}

/** A policy list: each entry on its own line, or what a null list means. */
function listField(label: string, values: string[] | null, unrestricted: string): string[] {
  if (values === null) return [field(label, unrestricted)!];
  if (values.length === 0) return [field(label, "none")!];
  return values.map((value, index) =>
    index === 0 ? field(label, value)! : `  ${" ".repeat(12)}${plain(value)}`
  );
}

/** The SANDBOX section: what the run could write, read, reach and see, and what was denied. */
function sandboxLines(sandbox: RunSandbox): string[] {
  return [
    style("bold", "SANDBOX"),
    ...listField("writable", sandbox.write, "anywhere you can write"),
    ...listField("hidden", sandbox.denyRead, "nothing"),
    ...listField("hosts", sandbox.hosts, "any"),
    ...listField(
      "env",
      sandbox.env && [sandbox.env.join(", ") + " (and LC_*, SASE_*)"],
      "the whole environment",
    ),
    ...(sandbox.violations.length ? listField("denied", sandbox.violations, "") : []),
  ];
}

const STEP_MARKS: Record<string, string> = {
  completed: "✓",
  failed: "✗",
  skipped: "-",
  cancelled: "-",
  in_progress: "▸",
  waiting_hitl: "?",
  pending: " ",
};

/** The WORKFLOW section: each step, and where the run is or stopped. */
function workflowLines(workflow: WorkflowSummary): string[] {
  const lines = [style("bold", `WORKFLOW ${plain(workflow.workflow)} (${plain(workflow.status)})`)];
  if (workflow.stoppedAt) {
    lines.push(style("red", `  stopped in step '${plain(workflow.stoppedAt)}' (it was running)`));
  } else if (workflow.waitingAt) {
    lines.push(style("yellow", `  waiting for a decision at step '${plain(workflow.waitingAt)}'`));
  } else if (workflow.currentStep) {
    lines.push(`  at step '${plain(workflow.currentStep)}'`);
  }
  const step = (entry: WorkflowSummary["steps"][number], prefix: string): string[] => {
    const mark = STEP_MARKS[entry.status] ?? "?";
    const iteration = entry.iteration ? ` #${entry.iteration}` : "";
    const agents = entry.agents.length
      ? style("dim", `  agents: ${entry.agents.map(plain).join(", ")}`)
      : "";
    const out = [
      `${prefix}[${mark}] ${
        plain(entry.name)
      } (${entry.type}) ${entry.status}${iteration}${agents}`,
    ];
    if (entry.error) out.push(`${prefix}    ${style("red", plain(entry.error))}`);
    for (const sub of entry.parallel) out.push(...step(sub, `${prefix}    `));
    return out;
  };
  for (const entry of workflow.steps) lines.push(...step(entry, "  "));
  for (const [key, value] of Object.entries(workflow.meta)) {
    lines.push(`  ${plain(key)}: ${plain(value)}`);
  }
  return lines;
}

function render(detail: AgentDetail): string {
  const agent = detail.agent;
  const waits = agent.waitingFor.length
    ? agent.waitingFor.map((name) =>
      detail.waitBlocked[name] ? `${name} (${detail.waitBlocked[name]})` : name
    ).join(", ")
    : null;
  const pids = [
    agent.pid !== null ? `runner ${agent.pid}` : null,
    agent.agentPid !== null ? `provider ${agent.agentPid}` : null,
  ].filter(Boolean).join(", ");
  const lines: (string | undefined)[] = [
    style("bold", `Agent: ${plain(agent.name ?? "-")}`),
    field("status", styledStatus(agent.status, agent.crashed), true),
    field("project", agent.project),
    field(
      "model",
      [agent.provider, agent.model].filter(Boolean).join("/") +
        (detail.tier ? ` (${detail.tier})` : ""),
    ),
    field(
      "workspace",
      agent.workspaceDir &&
        agent.workspaceDir + (agent.workspaceNum !== null ? ` (#${agent.workspaceNum})` : ""),
    ),
    field("pids", pids),
    field("started", formatTime(agent.startedAt)),
    field("spawned", detail.agentSpawnedAt && formatTime(detail.agentSpawnedAt)),
    field("finished", agent.finishedAt && formatTime(agent.finishedAt)),
    field("duration", formatDuration(agent.durationSeconds)),
    field("waiting on", waits),
    field("until", agent.waitUntil),
    field("tag", agent.tag && `@${agent.tag}`),
    field("retries", detail.retryCount ? String(detail.retryCount) : null),
    field("error", agent.error),
    field("artifacts", agent.artifactsDir),
    field("sandbox", detail.sandbox && `${detail.sandbox.mode} (${detail.sandbox.reason})`),
  ];
  const variables = Object.entries(detail.outputVariables);
  if (variables.length) {
    lines.push("", style("bold", "OUTPUT VARIABLES"));
    for (const [key, value] of variables) {
      lines.push(
        value.includes("\n")
          ? `  ${plain(key)}:\n${indent(value, "    ")}`
          : `  ${plain(key)}: ${plain(value)}`,
      );
    }
  }
  if (detail.sandbox) lines.push("", ...sandboxLines(detail.sandbox));
  if (detail.workflow) lines.push("", ...workflowLines(detail.workflow));
  if (detail.prompt) lines.push("", style("bold", "PROMPT"), indent(detail.prompt.trimEnd()));
  if (!detail.workflow) {
    lines.push("", style("bold", "AGENT REPLY"));
    lines.push(detail.replyTail ? indent(detail.replyTail) : style("dim", "  (no reply yet)"));
    if (agent.status === "RUNNING") lines.push(style("dim", `  live: tail -f ${detail.replyPath}`));
  }
  if (detail.artifacts.length) {
    lines.push("", style("bold", "ARTIFACTS"));
    for (const artifact of detail.artifacts) {
      const missing = artifact.exists ? "" : style("red", " (missing)");
      lines.push(
        `  [${plain(artifact.kind)}] ${plain(artifact.label)}  ` +
          `${style("dim", plain(artifact.path))}${missing}`,
      );
    }
  }
  return lines.filter((line) => line !== undefined).join("\n");
}

/** Run `sase agent show`. */
export async function runShow(
  app: AppContext,
  name: string,
  options: { json?: boolean; tail?: number },
): Promise<void> {
  const detail = await showAgent(app.env, name, { tailLines: options.tail });
  if (options.json) printJson(agentDetailWire(detail));
  else console.log(render(detail));
}
