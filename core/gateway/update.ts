/**
 * The update worker of the mobile API (`POST /api/v1/update/start`,
 * `GET /api/v1/update/{job_id}`), as handbook "Chat update worker" runs it:
 * one job at a time, it
 *
 * 1. resolves the registered primary workspace of the `sase` project (its
 *    `WORKSPACE_DIR`; none is `workspace_resolution_failed`);
 * 2. stops axe when it runs (`stopAxe`, as `sase axe stop`);
 * 3. with `chat_install.sync_workspace` (default true) syncs that workspace
 *    through its VCS provider (as `sase changespec sync` does);
 * 4. runs only the configured `chat_install.command` (split into argv
 *    without a shell) from that workspace, killed after
 *    `chat_install.timeout_seconds` (exit code 124);
 * 5. starts axe again — only when it was running before: an update never
 *    starts a scheduler the user had stopped — trying up to
 *    `chat_install.restart_attempts` times, whether the update succeeded
 *    or not.
 *
 * A failed step fails the job (a failed sync skips the command) but axe is
 * restarted all the same. A job's state lives in
 * `<sase_home>/chat_install/jobs/<job_id>.json` and each step is logged in
 * `chat_install/logs/<job_id>.log`, so a status poll reads the file,
 * whichever process asks.
 *
 * @module
 */

import { join } from "../fs/path.ts";
import type { AppContext } from "../context.ts";
import { saseHome } from "../config/paths.ts";
import { definedEnv } from "../env.ts";
import { atomicWriteJson } from "../fs/atomic_write.ts";
import { readJsonFile } from "../fs/json_object.ts";
import { splitCommandLine } from "../text/argv.ts";
import { GatewayError } from "./errors.ts";
import { helperResult, projectDir } from "./helpers.ts";
import { liveOrchestratorPid } from "../axe/orchestrator_pid.ts";
import { startAxe, stopAxe } from "../axe/lifecycle.ts";
import { resolveVcsProvider } from "../vcs/resolve.ts";
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

/** The exit code a timed-out update command reports (as `timeout(1)` does). */
export const TIMEOUT_EXIT_CODE = 124;

/** A job refused before it started (no command, no workspace). */
function refused(reason: string, status: "skipped" | "failed") {
  const job: UpdateJobWire = {
    job_id: newId("job"),
    status: "failed",
    started_at: null,
    finished_at: null,
    message: reason,
    log_path_display: null,
    completion_path_display: null,
  };
  return {
    schema_version: 1 as const,
    job,
    result: { ...helperResult(), status, message: reason },
  };
}

/** Start the update worker; one job at a time. */
export async function startUpdate(app: AppContext, onDone: (job: UpdateJobWire) => void) {
  const install = (await app.config()).config.chat_install ?? {};
  const commandText = (install.command ?? "").trim();
  if (!commandText) {
    return refused("config_missing_command: set chat_install.command to enable updates", "skipped");
  }
  if (running.size > 0) {
    throw new GatewayError("update_already_running", "an update is already running", {
      kind: "conflict",
      target: [...running][0],
    });
  }
  const [program, ...args] = splitCommandLine(commandText, "chat_install.command");
  let workspace: string;
  try {
    workspace = await projectDir(app, "sase");
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    return refused(
      `workspace_resolution_failed: ${error.message} (register the sase checkout as project 'sase')`,
      "failed",
    );
  }
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
  (async () => {
    const log = await Deno.open(logPath, { write: true, create: true, truncate: true });
    let outcome: { ok: boolean; message: string };
    try {
      outcome = await runWorker(app, {
        workspace,
        program,
        args,
        sync: install.sync_workspace ?? true,
        timeoutMs: (install.timeout_seconds ?? 900) * 1000,
        restartAttempts: Math.max(1, install.restart_attempts ?? 3),
        log: (line) => log.write(new TextEncoder().encode(`${line}\n`)).then(() => {}),
        output: (bytes) => log.write(bytes).then(() => {}),
      });
    } catch (error) {
      outcome = { ok: false, message: `update worker failed: ${(error as Error).message}` };
    } finally {
      log.close();
    }
    const done: UpdateJobWire = {
      ...job,
      status: outcome.ok ? "succeeded" : "failed",
      message: outcome.message,
      finished_at: app.now().toISOString(),
    };
    await atomicWriteJson(jobPath(app, jobId), done);
    running.delete(jobId);
    onDone(done);
  })();
  return { schema_version: 1 as const, job, result: helperResult() };
}

/** What one worker run does. */
interface WorkerPlan {
  workspace: string;
  program: string;
  args: string[];
  sync: boolean;
  timeoutMs: number;
  restartAttempts: number;
  /** Write a step's line to the job's log. */
  log: (line: string) => Promise<void>;
  /** Write the command's output to the job's log. */
  output: (bytes: Uint8Array) => Promise<void>;
}

/** Steps 2-5 of the module doc; resolves to the job's outcome. */
async function runWorker(
  app: AppContext,
  plan: WorkerPlan,
): Promise<{ ok: boolean; message: string }> {
  const axeWasRunning = liveOrchestratorPid(app.env) !== null;
  if (axeWasRunning) {
    const stopped = await stopAxe(app.env, () => app.now());
    await plan.log(`stopped axe (PID ${stopped.pid})`);
  }
  let outcome: { ok: boolean; message: string };
  try {
    outcome = await syncAndRun(app, plan);
  } finally {
    if (axeWasRunning) {
      const restart = await restartAxe(app, plan);
      if (!restart.ok) outcome = { ok: false, message: restart.message };
    }
  }
  return outcome!;
}

async function syncAndRun(
  app: AppContext,
  plan: WorkerPlan,
): Promise<{ ok: boolean; message: string }> {
  if (plan.sync) {
    try {
      const { provider } = await resolveVcsProvider(app, { cwd: plan.workspace });
      await provider.syncWorkspace(plan.workspace);
      await plan.log(`synced ${plan.workspace}`);
    } catch (error) {
      const message = `workspace sync failed: ${(error as Error).message}`;
      await plan.log(message);
      return { ok: false, message };
    }
  }
  await plan.log(`running ${[plan.program, ...plan.args].join(" ")} in ${plan.workspace}`);
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command(plan.program, {
      args: plan.args,
      cwd: plan.workspace,
      env: definedEnv(app.env),
      clearEnv: true,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
  } catch (error) {
    return { ok: false, message: `update command could not run: ${(error as Error).message}` };
  }
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill("SIGKILL");
  }, plan.timeoutMs);
  try {
    const output = await child.output();
    await plan.output(output.stdout);
    await plan.output(output.stderr);
    if (timedOut) {
      return {
        ok: false,
        message: `update command timed out after ${plan.timeoutMs / 1000}s ` +
          `(exit ${TIMEOUT_EXIT_CODE})`,
      };
    }
    return output.success
      ? { ok: true, message: "update finished" }
      : { ok: false, message: `update command exited with ${output.code}` };
  } finally {
    clearTimeout(timer);
  }
}

async function restartAxe(
  app: AppContext,
  plan: WorkerPlan,
): Promise<{ ok: boolean; message: string }> {
  let last = "";
  for (let attempt = 1; attempt <= plan.restartAttempts; attempt++) {
    try {
      const started = await startAxe(app.env, app.cwd, {});
      await plan.log(`started axe (PID ${started.pid}), attempt ${attempt}`);
      return { ok: true, message: "axe restarted" };
    } catch (error) {
      last = (error as Error).message;
      await plan.log(`axe restart attempt ${attempt} failed: ${last}`);
    }
  }
  return {
    ok: false,
    message: `axe did not restart after ${plan.restartAttempts} attempt(s): ${last}`,
  };
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
