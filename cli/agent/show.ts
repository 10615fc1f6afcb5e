/**
 * `sase agent show NAME`: one agent's detail panel (or `-j` JSON). Every
 * value read from the run's files (names, prompt, reply, variables, errors)
 * is printed with its terminal control characters neutralised.
 *
 * @module
 */

import { printJson, style } from "../shared/output.ts";
import { processEnv } from "../../core/config/paths.ts";
import { indexLocation } from "../../core/agent/index/index_service.ts";
import { type AgentDetail, agentDetail } from "../../core/agent/index/detail.ts";
import { formatDuration, formatTime, styledStatus } from "../shared/agent_text.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";

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

function render(detail: AgentDetail): string {
  const agent = detail.agent;
  const waits = agent.waiting_for.length
    ? agent.waiting_for.map((name) =>
      detail.wait_blocked[name] ? `${name} (${detail.wait_blocked[name]})` : name
    ).join(", ")
    : null;
  const pids = [
    agent.pid !== null ? `runner ${agent.pid}` : null,
    agent.agent_pid !== null ? `provider ${agent.agent_pid}` : null,
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
      agent.workspace_dir &&
        agent.workspace_dir + (agent.workspace_num !== null ? ` (#${agent.workspace_num})` : ""),
    ),
    field("pids", pids),
    field("started", formatTime(agent.started_at)),
    field("spawned", detail.agent_spawned_at && formatTime(detail.agent_spawned_at)),
    field("finished", agent.finished_at && formatTime(agent.finished_at)),
    field("duration", formatDuration(agent.duration_seconds)),
    field("waiting on", waits),
    field("until", agent.wait_until),
    field("tag", agent.tag && `@${agent.tag}`),
    field("retries", detail.retry_count ? String(detail.retry_count) : null),
    field("error", agent.error),
    field("artifacts", agent.artifacts_dir),
  ];
  const variables = Object.entries(detail.output_variables);
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
  if (detail.prompt) lines.push("", style("bold", "PROMPT"), indent(detail.prompt.trimEnd()));
  lines.push("", style("bold", "AGENT REPLY"));
  lines.push(detail.reply_tail ? indent(detail.reply_tail) : style("dim", "  (no reply yet)"));
  if (agent.status === "RUNNING") lines.push(style("dim", `  live: tail -f ${detail.reply_path}`));
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
  name: string,
  options: { json?: boolean; tail?: number },
): Promise<void> {
  const detail = await agentDetail(indexLocation(processEnv()), name, { tailLines: options.tail });
  if (options.json) printJson(detail);
  else console.log(render(detail));
}
