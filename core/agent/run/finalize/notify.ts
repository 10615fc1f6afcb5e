/**
 * The completion/failure notification of a finished run, posted to the
 * notification inbox (`core/notify`) so ACE, the CLI and the gateway see it.
 *
 * @module
 */

import type { Env } from "../../../config/paths.ts";
import { notificationsPath } from "../../../config/paths.ts";
import { createNotification } from "../../../notify/create.ts";
import type { Notification } from "../../../notify/model.ts";
import type { RunOutcome } from "../run_state.ts";

/** What the notification says about a run. */
export interface RunFinished {
  name: string;
  timestamp: string;
  outcome: RunOutcome;
  provider: string;
  model: string;
  error?: string;
  chatPath?: string;
  errorReportPath?: string;
  /** Rendered Markdown PDFs, attached after the standard files. */
  markdownPdfPaths?: string[];
  /** Generated images, attached after the PDFs. */
  imagePaths?: string[];
  /** Completion-media notes (e.g. PDF rendering skipped), shown with the message. */
  mediaNotes?: string[];
}

/** Post the run's notification; resolves to the stored record. */
export function notifyRunFinished(env: Env, run: RunFinished): Promise<Notification> {
  const failed = run.outcome !== "completed";
  const notes = failed
    ? [
      `Agent ${run.name} ${run.outcome} (${run.provider}/${run.model})`,
      run.error ?? "unknown error",
    ]
    : [`Agent ${run.name} completed (${run.provider}/${run.model})`, ...(run.mediaNotes ?? [])];
  const files = [
    run.chatPath,
    run.errorReportPath,
    ...(run.markdownPdfPaths ?? []),
    ...(run.imagePaths ?? []),
  ].filter((path): path is string => Boolean(path));
  return createNotification(notificationsPath(env), {
    sender: "user-agent",
    notes,
    files: [...new Set(files)],
    action: failed && run.errorReportPath ? "ViewErrorReport" : "JumpToAgent",
    action_data: failed && run.errorReportPath
      ? { error_report_path: run.errorReportPath, raw_suffix: run.timestamp }
      : { raw_suffix: run.timestamp, agent_name: run.name },
  });
}
