/**
 * The durable end of a run: `done.json`, the `sase.md` entry, the chat
 * transcript under `SASE_HOME/chats/<YYYYMM>/`, an error report on failure,
 * the final `agent_meta.json` fields (its `status` the final row status),
 * the run's agent index row, and the notification (with the completion
 * media of a successful run attached).
 *
 * @module
 */

import { dirname, join } from "../../../fs/path.ts";
import type { Env } from "../../../config/paths.ts";
import { atomicWriteJson, atomicWriteTextFile } from "../../../fs/atomic_write.ts";
import type { CompletionMedia } from "./completion_media.ts";
import {
  ARTIFACT_FILES,
  chatTimestamp,
  PRIVATE_DIR_MODE,
  PRIVATE_FILE_MODE,
  RUN_WORKFLOW,
  runChatPath,
  timestampDate,
} from "../../records/artifacts.ts";
import { updateAgentMeta } from "../../records/meta.ts";
import { indexRunQuietly } from "../../index/index_service.ts";

import { finalMetaStatus, type RunOutcome } from "../run_state.ts";
import { notifyRunFinished } from "./notify.ts";
import { chatBody, displayTimestamp, logEntry } from "../../records/transcript.ts";

/** Everything finalization records. */
export interface FinalizeInput {
  env: Env;
  dir: string;
  name: string;
  timestamp: string;
  project: string;
  provider: string;
  model: string;
  prompt: string;
  /** The `## Previous Conversation` of a forked run. */
  previousConversation?: string;
  reply: string;
  outcome: RunOutcome;
  error?: string;
  exitCode: number;
  sessionId?: string;
  startedAt: string;
  retryCount: number;
  retryErrors: string[];
  usedFallback: boolean;
  fallbackModel?: string;
  notify: boolean;
  /** Spawn-on-retry linkage, written to both `done.json` and `agent_meta.json`. */
  retryLinks?: RetryLinkFields;
  /** A `%repeat` slot skipped because this predecessor set `STOP`. */
  repeatStoppedBy?: string;
  /** Generated images and Markdown PDFs of a successful run. */
  media?: CompletionMedia;
  /** Receives problems that must not fail the run (an index that cannot be updated). */
  warn?: (message: string) => void;
  /**
   * More `done.json` fields: the handbook's workspace and VCS fields
   * (`workspace_num`, `vcs_provider`, ...) and a workflow step's linkage.
   */
  doneFields?: Record<string, unknown>;
}

/** The spawn-on-retry linkage fields (handbook 21.18.8). */
export interface RetryLinkFields {
  retry_of_timestamp?: string;
  retried_as_timestamp?: string;
  retry_chain_root_timestamp?: string;
  retry_attempt?: number;
}

/** Write the end-of-run records; resolves to the chat transcript path. */
export async function finalizeRun(input: FinalizeInput): Promise<string> {
  const failed = input.outcome !== "completed";
  const agentType = failed ? `${RUN_WORKFLOW}_ERROR` : RUN_WORKFLOW;
  const response = failed ? (input.error ?? "unknown error") : input.reply;
  const display = displayTimestamp(timestampDate(input.timestamp));
  const finishedAt = new Date().toISOString();
  const media = failed ? undefined : input.media;

  const mode = PRIVATE_FILE_MODE;
  await Deno.writeTextFile(
    join(input.dir, ARTIFACT_FILES.log),
    logEntry({ displayTimestamp: display, agentType, prompt: input.prompt, response }),
    { append: true, mode },
  );

  const chat = {
    branchOrWorkspace: input.project,
    workflow: RUN_WORKFLOW,
    agentType,
    timestamp: chatTimestamp(input.timestamp),
    displayTimestamp: display,
    provider: input.provider,
    model: input.model,
    agentName: input.name,
    previousConversation: input.previousConversation,
    prompt: input.prompt,
    response: failed && input.reply ? `${input.reply}\n\n${response}` : response,
  };
  const chatPath = runChatPath(input.env, input.project, input.timestamp, agentType);
  await Deno.mkdir(dirname(chatPath), { recursive: true, mode: PRIVATE_DIR_MODE });
  await atomicWriteTextFile(chatPath, chatBody(chat), { mode });

  let errorReportPath: string | undefined;
  if (failed) {
    errorReportPath = join(input.dir, ARTIFACT_FILES.errorReport);
    await atomicWriteTextFile(
      errorReportPath,
      `Agent ${input.name} (${input.provider}/${input.model}) failed\n\n${response}\n`,
      { mode },
    );
  }

  const retry = input.retryCount > 0 || input.usedFallback
    ? {
      retry_count: input.retryCount,
      retry_errors: input.retryErrors,
      used_fallback: input.usedFallback,
      ...(input.usedFallback ? { fallback_model: input.fallbackModel } : {}),
    }
    : {};
  await atomicWriteJson(join(input.dir, ARTIFACT_FILES.done), {
    outcome: input.outcome,
    ...(failed ? { error: response } : {}),
    name: input.name,
    timestamp: input.timestamp,
    provider: input.provider,
    model: input.model,
    llm_provider: input.provider,
    exit_code: input.exitCode,
    session_id: input.sessionId ?? null,
    started_at: input.startedAt,
    finished_at: finishedAt,
    response_path: chatPath,
    ...(errorReportPath ? { error_report_path: errorReportPath } : {}),
    image_paths: media?.image_paths ?? [],
    markdown_pdf_paths: media?.markdown_pdf_paths ?? [],
    ...retry,
    ...input.retryLinks,
    ...(input.repeatStoppedBy ? { repeat_stopped: true, stopped_by: input.repeatStoppedBy } : {}),
    ...input.doneFields,
  }, { mode });
  await updateAgentMeta(input.dir, {
    status: finalMetaStatus(input.outcome),
    finished_at: finishedAt,
    outcome: input.outcome,
    ...retry,
    ...input.retryLinks,
  });

  await indexRunQuietly(input.env, input.dir, input.warn);
  if (input.notify) {
    await notifyRunFinished(input.env, {
      name: input.name,
      timestamp: input.timestamp,
      outcome: input.outcome,
      provider: input.provider,
      model: input.model,
      error: input.error,
      chatPath,
      errorReportPath,
      markdownPdfPaths: media?.markdown_pdf_paths,
      imagePaths: media?.image_paths,
      mediaNotes: media?.notes,
    });
  }
  return chatPath;
}
