/**
 * The completion/failure notification of a finished run, posted to the
 * notification inbox (`core/notify`) so ACE, the CLI and the gateway see it.
 *
 * @module
 */

import type { Env } from "../config/paths.ts";
import { notificationsPath } from "../config/paths.ts";
import { createNotification } from "../notify/create.ts";
import type { Notification } from "../notify/model.ts";

/** What the notification says about a run. */
export interface RunFinished {
  name: string;
  timestamp: string;
  outcome: "completed" | "failed";
  provider: string;
  model: string;
  error?: string;
  chatPath?: string;
  errorReportPath?: string;
}

/** Post the run's notification; resolves to the stored record. */
export function notifyRunFinished(env: Env, run: RunFinished): Promise<Notification> {
  const failed = run.outcome === "failed";
  const notes = failed
    ? [`Agent ${run.name} failed (${run.provider}/${run.model})`, run.error ?? "unknown error"]
    : [`Agent ${run.name} completed (${run.provider}/${run.model})`];
  return createNotification(notificationsPath(env), {
    sender: "user-agent",
    notes,
    files: [run.chatPath, run.errorReportPath].filter((path): path is string => Boolean(path)),
    action: failed && run.errorReportPath ? "ViewErrorReport" : "JumpToAgent",
    action_data: failed && run.errorReportPath
      ? { error_report_path: run.errorReportPath, raw_suffix: run.timestamp }
      : { raw_suffix: run.timestamp, agent_name: run.name },
  });
}
