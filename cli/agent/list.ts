/**
 * `sase agent list`: the table (or `-j` JSON array) of agents.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { usageError } from "../../core/errors.ts";
import { listAgentRows } from "../../core/agent/index/agents.ts";
import { AGENT_STATUSES, type AgentStatus, parseStatus } from "../../core/agent/index/status.ts";
import type { ReapedRun } from "../../core/agent/identity/reap.ts";
import { agentRowWire } from "../../core/agent/wire.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";
import { formatDuration, formatTime, styledStatus, truncate } from "../shared/agent_text.ts";
import { formatTable, printJson, style } from "../shared/output.ts";

/** Options of `sase agent list`. */
export interface ListCliOptions {
  all?: boolean;
  json?: boolean;
  project?: string;
  status: string[];
  limit?: number;
  perProject?: number;
  hidden?: boolean;
  dismissed?: boolean;
}

function parseStatuses(values: readonly string[]): AgentStatus[] {
  return values.map((value) => {
    const status = parseStatus(value);
    if (!status) {
      throw usageError(`unknown status '${value}'`, `use one of: ${AGENT_STATUSES.join(", ")}`);
    }
    return status;
  });
}

/** Widest name, project, model or provider cell before it is cut. */
const NAME_WIDTH = 40;

/** Tell the user about crashed runs that were just reaped (on stderr: `-j` stays clean). */
function reportReaped(app: AppContext, reaped: readonly ReapedRun[]): void {
  for (const run of reaped) {
    const label = run.name ? `agent '${neutralizeControls(run.name)}'` : `run ${run.dir}`;
    if (run.error) {
      app.warn(`${label} crashed but could not be stopped: ${run.error}`);
      continue;
    }
    const stopped = run.stopped.length > 0
      ? `; stopped its provider processes still running (pids ${run.stopped.join(", ")})`
      : "";
    console.error(`note: ${label} crashed (its runner died); recorded it as FAILED${stopped}`);
  }
}

/** Run `sase agent list`. */
export async function runList(app: AppContext, options: ListCliOptions): Promise<void> {
  const { rows, reaped } = await listAgentRows(app, {
    all: options.all,
    statuses: parseStatuses(options.status),
    project: options.project,
    limit: options.limit,
    perProject: options.perProject,
    hidden: options.hidden,
    dismissed: options.dismissed,
  });
  reportReaped(app, reaped);
  if (options.json) {
    printJson(rows.map(agentRowWire));
    return;
  }
  const finished = options.all || options.status.length > 0;
  console.log(
    style("bold", `${finished ? "Agents" : "Active and Recent Agents"} (${rows.length})`),
  );
  if (rows.length === 0) {
    console.log(finished ? "No agents found." : "No active or recent agents.");
    console.log(style("dim", "Start one with `sase run <prompt>`; -a shows finished agents."));
    return;
  }
  console.log(formatTable(
    ["NAME", "PROJECT", "STATUS", "MODEL", "PROVIDER", "STARTED", "DURATION", "PROMPT"],
    rows.map((row) => [
      style("bold", truncate(row.name, NAME_WIDTH)),
      truncate(row.project, NAME_WIDTH),
      styledStatus(row.status, row.crashed),
      truncate(row.model, NAME_WIDTH),
      truncate(row.isWorkflow ? `workflow ${row.workflowName}` : row.provider, NAME_WIDTH),
      formatTime(row.startedAt),
      formatDuration(row.durationSeconds),
      truncate(row.promptSnippet, 60),
    ]),
  ));
}
