/**
 * The update worker of the mobile API (`POST /api/v1/update/start`,
 * `GET /api/v1/update/{job_id}`): it runs only the configured
 * `chat_install.command` (split into argv without a shell) from the home
 * directory, with `chat_install.timeout_seconds`, one job at a time. A
 * job's state lives in `<sase_home>/chat_install/jobs/<job_id>.json` and
 * its output in `chat_install/logs/<job_id>.log`, so a status poll reads
 * the file, whichever process asks.
 *
 * @module
 */

import { join } from "../fs/path.ts";
import type { AppContext } from "../context.ts";
import { homeDir, saseHome } from "../config/paths.ts";
import { definedEnv } from "../env.ts";
import { atomicWriteJson } from "../fs/atomic_write.ts";
import { readJsonFile } from "../fs/json_object.ts";
import { splitCommandLine } from "../text/argv.ts";
import { GatewayError } from "./errors.ts";
import { helperResult } from "./helpers.ts";
import { newId } from "./tokens.ts";

/** `MobileUpdateJobWire`. */
export interface UpdateJobWire {
  job_id: string;
  status: "queued" | "running" | "succeeded" | "failed";
  started_at: string | null;
  finished_at: string | null;
  message: string | null;
  log_path_display: string | null;
  completion_path_display: string | null;
}

function jobsDir(app: AppContext): string {
  return join(saseHome(app.env), "chat_install", "jobs");
}

function jobPath(app: AppContext, jobId: string): string {
  return join(jobsDir(app), `${jobId}.json`);
}

/** The update jobs of this process that are still running. */
const running = new Set<string>();

/** Start the update worker; one job at a time. */
export async function startUpdate(app: AppContext, onDone: (job: UpdateJobWire) => void) {
  const install = (await app.config()).config.chat_install ?? {};
  const commandText = (install.command ?? "").trim();
  if (!commandText) {
    const job: UpdateJobWire = {
      job_id: newId("job"),
      status: "failed",
      started_at: null,
      finished_at: null,
      message: "config_missing_command: set chat_install.command to enable updates",
      log_path_display: null,
      completion_path_display: null,
    };
    return {
      schema_version: 1 as const,
      job,
      result: { ...helperResult(), status: "skipped" as const, message: job.message },
    };
  }
  if (running.size > 0) {
    throw new GatewayError("update_already_running", "an update is already running", {
      kind: "conflict",
      target: [...running][0],
    });
  }
  const [program, ...args] = splitCommandLine(commandText, "chat_install.command");
  const jobId = newId("job");
  const logPath = join(saseHome(app.env), "chat_install", "logs", `${jobId}.log`);
  await Deno.mkdir(join(saseHome(app.env), "chat_install", "logs"), { recursive: true });
  const job: UpdateJobWire = {
    job_id: jobId,
    status: "running",
    started_at: app.now().toISOString(),
    finished_at: null,
    message: null,
    log_path_display: logPath,
    completion_path_display: jobPath(app, jobId),
  };
  await atomicWriteJson(jobPath(app, jobId), job);
  running.add(jobId);
  const timeoutMs = (install.timeout_seconds ?? 900) * 1000;
  const finish = async (status: "succeeded" | "failed", message: string) => {
    const done = { ...job, status, message, finished_at: app.now().toISOString() };
    await atomicWriteJson(jobPath(app, jobId), done);
    running.delete(jobId);
    onDone(done);
  };
  (async () => {
    const log = await Deno.open(logPath, { write: true, create: true, truncate: true });
    try {
      const child = new Deno.Command(program, {
        args,
        cwd: homeDir(app.env),
        env: definedEnv(app.env),
        clearEnv: true,
        stdin: "null",
        stdout: "piped",
        stderr: "piped",
        signal: AbortSignal.timeout(timeoutMs),
      }).spawn();
      const output = await child.output();
      await log.write(output.stdout);
      await log.write(output.stderr);
      await finish(
        output.success ? "succeeded" : "failed",
        output.success ? "update finished" : `update command exited with ${output.code}`,
      );
    } catch (error) {
      await finish("failed", `update command could not run: ${(error as Error).message}`);
    } finally {
      log.close();
    }
  })();
  return { schema_version: 1 as const, job, result: helperResult() };
}

/** The state of update job `jobId`. */
export async function updateStatus(app: AppContext, jobId: string) {
  if (!/^job_[A-Za-z0-9_-]{1,64}$/.test(jobId)) {
    throw new GatewayError("update_job_not_found", `no update job '${jobId}'`, {
      kind: "not-found",
      target: jobId,
    });
  }
  const job = await readJsonFile(jobPath(app, jobId), "gateway.update_job") as
    | UpdateJobWire
    | undefined;
  if (!job) {
    throw new GatewayError("update_job_not_found", `no update job '${jobId}'`, {
      kind: "not-found",
      target: jobId,
    });
  }
  return { schema_version: 1 as const, job, result: helperResult() };
}
