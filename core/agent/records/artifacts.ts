/**
 * Per-run artifact directories and their fixed file names. A run lives in
 * `SASE_HOME/projects/<project>/artifacts/ace-run/<YYYYMM>/<DD>/<YYYYMMDDHHMMSS>`
 * (the day-sharded `ace-run` layout). The 14-digit timestamp is the run's
 * identity (`SASE_AGENT_TIMESTAMP`); concurrent launches in the same second
 * get the next free second, claimed by an atomic `mkdir`.
 *
 * @module
 */

import { basename, dirname, join } from "../../fs/path.ts";
import type { Env } from "../../config/paths.ts";
import { projectsDir, saseHome } from "../../config/paths.ts";
import { chatFileName } from "./transcript.ts";

/** The workflow directory `sase run` launches write under. */
export const RUN_WORKFLOW = "ace-run";

/** File names inside a run's artifact directory. */
export const ARTIFACT_FILES = {
  meta: "agent_meta.json",
  rawPrompt: "raw_xprompt.md",
  prompt: `${RUN_WORKFLOW}_prompt.md`,
  liveReply: "live_reply.md",
  replyTimestamps: "live_reply_timestamps.jsonl",
  toolCalls: "tool_calls.jsonl",
  toolCallErrors: "tool_calls_writer_errors.jsonl",
  usage: "usage.json",
  log: "sase.md",
  done: "done.json",
  stderr: "stderr.log",
  errorReport: "error_report.txt",
  dirtyAtStart: "dirty_at_start.json",
  sandbox: "sandbox.json",
  /** A workflow run's running bash/python steps: their process group ids. */
  stepProcesses: "step_pgids.json",
} as const;

/**
 * Mode of run artifacts that hold prompts, replies or tool output: readable
 * by the user only.
 */
export const PRIVATE_FILE_MODE = 0o600;

/** Mode of run directories and chat transcript directories: the user's only. */
export const PRIVATE_DIR_MODE = 0o700;

/** An allocated run directory. */
export interface RunDir {
  /** 14-digit `YYYYMMDDHHMMSS`. */
  timestamp: string;
  project: string;
  dir: string;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, "0");
}

/** `YYYYMMDDHHMMSS` in local time. */
export function runTimestamp(date: Date): string {
  return `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}` +
    `${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
}

/** `YYmmdd_HHMMSS`, the chat-history form of a run timestamp. */
export function chatTimestamp(runStamp: string): string {
  return `${runStamp.slice(2, 8)}_${runStamp.slice(8, 14)}`;
}

/**
 * Where the run of `project` stamped `runStamp` leaves its chat transcript:
 * `SASE_HOME/chats/<YYYYMM>/<project>--ace-run--[<agent type>--]<YYmmdd_HHMMSS>.md`.
 * Known before the run starts, so its agent's `sase commit` can point a
 * CHAT drawer at it (`SASE_AGENT_CHAT_PATH`); the type is the workflow's
 * own unless the run failed.
 */
export function runChatPath(
  env: Env,
  project: string,
  runStamp: string,
  agentType: string = RUN_WORKFLOW,
): string {
  const name = chatFileName({
    branchOrWorkspace: project,
    workflow: RUN_WORKFLOW,
    agentType,
    timestamp: chatTimestamp(runStamp),
  });
  return join(saseHome(env), "chats", runStamp.slice(0, 6), name);
}

/** A Date from a 14-digit run timestamp (local time). */
export function timestampDate(stamp: string): Date {
  return new Date(
    Number(stamp.slice(0, 4)),
    Number(stamp.slice(4, 6)) - 1,
    Number(stamp.slice(6, 8)),
    Number(stamp.slice(8, 10)),
    Number(stamp.slice(10, 12)),
    Number(stamp.slice(12, 14)),
  );
}

/** The artifact directory of `timestamp` in `project`. */
export function runDirPath(env: Env, project: string, timestamp: string): string {
  return join(
    projectsDir(env),
    project,
    "artifacts",
    RUN_WORKFLOW,
    timestamp.slice(0, 6),
    timestamp.slice(6, 8),
    timestamp,
  );
}

/**
 * The project a workspace belongs to: the name of the enclosing git
 * repository, or `home` for runs outside any repository.
 */
export async function projectForCwd(cwd: string): Promise<string> {
  let dir = cwd;
  while (true) {
    try {
      await Deno.stat(join(dir, ".git"));
      return basename(dir) || "home";
    } catch {
      const parent = dirname(dir);
      if (parent === dir) return "home";
      dir = parent;
    }
  }
}

/** Claim a fresh run directory at or after `now`. */
export async function allocateRunDir(env: Env, project: string, now: Date): Promise<RunDir> {
  for (let offset = 0; offset < 3600; offset += 1) {
    const timestamp = runTimestamp(new Date(now.getTime() + offset * 1000));
    const dir = runDirPath(env, project, timestamp);
    await Deno.mkdir(dirname(dir), { recursive: true });
    try {
      // Prompts, replies and tool output live here: readable by the user only.
      await Deno.mkdir(dir, { mode: PRIVATE_DIR_MODE });
      return { timestamp, project, dir };
    } catch (error) {
      if (!(error instanceof Deno.errors.AlreadyExists)) throw error;
    }
  }
  throw new Error(`no free run timestamp within an hour of ${runTimestamp(now)}`);
}
