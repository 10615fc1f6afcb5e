/**
 * `sase agent list`: the table (or `-j` JSON array) of agents.
 *
 * @module
 */

import { formatTable, printJson, style } from "../shared/output.ts";
import type { AppContext } from "../../core/context.ts";
import { usageError } from "../../core/errors.ts";
import { indexLocation } from "../../core/agent/index/index_service.ts";
import { listAgents, listAgentsNotingCrashed } from "../../core/agent/index/list.ts";
import { AGENT_STATUSES, type AgentStatus, parseStatus } from "../../core/agent/index/status.ts";
import { formatDuration, formatTime, styledStatus, truncate } from "../shared/agent_text.ts";
import { reapCrashedRuns, type ReapedRun } from "../../core/agent/identity/reap.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";

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
function reportReaped(reaped: readonly ReapedRun[]): void {
  for (const run of reaped) {
    const label = run.name ? `agent '${neutralizeControls(run.name)}'` : `run ${run.dir}`;
    if (run.error) {
      console.error(`warning: ${label} crashed but could not be stopped: ${run.error}`);
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
  const env = app.env;
  const statuses = parseStatuses(options.status);
  // Loaded only for -p: it reads the ProjectSpec store, which a plain listing never needs.
  const project = options.project === undefined
    ? undefined
    : await (await import("../../core/agent/identity/agent_project.ts")).resolveAgentProject(
      env,
      options.project,
    );
  const location = indexLocation(env);
  const filter = {
    all: options.all,
    statuses,
    project,
    limit: options.limit,
    perProject: options.perProject,
    hidden: options.hidden,
    dismissed: options.dismissed,
  };
  let { rows, crashed } = await listAgentsNotingCrashed(location, filter);
  if (crashed.length > 0) {
    // A crashed run is reaped (provider stopped, recorded failed), then listed as it now is.
    reportReaped(await reapCrashedRuns(app, crashed));
    rows = await listAgents(location, filter);
  }
  if (options.json) {
    printJson(rows);
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
      truncate(row.provider, NAME_WIDTH),
      formatTime(row.started_at),
      formatDuration(row.duration_seconds),
      truncate(row.prompt_snippet, 60),
    ]),
  ));
}
