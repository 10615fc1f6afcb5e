/**
 * The one way a bash or python workflow step runs: a child process in its
 * own session and process group, stdin closed, stdout captured (bounded),
 * stderr kept for the error message, and a wall-clock timeout. A timeout or
 * an abort (the run was killed) stops the whole group — SIGTERM, then
 * SIGKILL after a grace — and whatever the step left running in its group
 * is killed when it exits, so no step outlives its step. Under the sandbox
 * (see `core/sandbox/command.ts`) the command runs in the agent's jail, and
 * a failed step's error ends with what the jail denied it.
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import { signalProcessGroup } from "../agent/run/process.ts";
import type { CommandConfiner, PreparedCommand } from "../sandbox/command.ts";
import { describeViolations } from "../sandbox/violations.ts";
import { which } from "../fs/which.ts";

/** Default wall-clock limit of one step process (overridden by `SASE_WORKFLOW_STEP_TIMEOUT`). */
export const DEFAULT_STEP_TIMEOUT_MS = 60 * 60 * 1000;

/** Most stdout a step may print; the rest is cut (and said so). */
export const STDOUT_LIMIT = 16 * 1024 * 1024;

const STDERR_LIMIT = 64 * 1024;
const KILL_GRACE_MS = 1000;

/** One step process to run. */
export interface StepProcessSpec {
  kind: "bash" | "python";
  /** The rendered command (bash) or code (python). */
  source: string;
  cwd: string;
  /** The child's complete environment. */
  env: Record<string, string>;
  timeoutMs: number;
  /** Aborted when the run is stopped: the step's group is killed. */
  signal?: AbortSignal;
  /**
   * Sees stdout and stderr as they arrive, interleaved as they came (axe
   * streams a chop's output into its run log while it runs).
   */
  onOutput?: (chunk: Uint8Array) => Promise<void> | void;
  /** Called with the pid (= process group id) once the child runs, and with null when it ended. */
  onProcess?: (pid: number | null) => Promise<void> | void;
  /** The sandbox, with what it needs: without it the step runs unconfined. */
  sandbox?: {
    confine: CommandConfiner;
    /** The run's artifact directory. */
    runDir: string;
    /** Variables the workflow set (they pass the sandbox's environment filter). */
    runEnv: readonly string[];
  };
}

/** How a step process ended. */
export interface StepProcessResult {
  pid: number;
  code: number;
  signal: string | null;
  stdout: string;
  /** The last 64 KiB of stderr. */
  stderr: string;
  /** Stdout went past {@linkcode STDOUT_LIMIT} and was cut. */
  truncated: boolean;
  timedOut: boolean;
  aborted: boolean;
}

/** The program and arguments of a step. */
export function stepArgv(kind: "bash" | "python", source: string): string[] {
  return kind === "bash" ? ["bash", "-c", source] : ["python3", "-c", source];
}

async function collect(
  stream: ReadableStream<Uint8Array>,
  limit: number,
  keep: "head" | "tail",
  onOutput?: (chunk: Uint8Array) => Promise<void> | void,
): Promise<{ text: string; truncated: boolean }> {
  const decoder = new TextDecoder();
  let text = "";
  let truncated = false;
  for await (const chunk of stream) {
    await onOutput?.(chunk);
    text += decoder.decode(chunk, { stream: true });
    if (text.length > limit) {
      truncated = true;
      text = keep === "head" ? text.slice(0, limit) : text.slice(-limit);
    }
  }
  return { text: text + decoder.decode(), truncated };
}

function cannotStart(spec: StepProcessSpec, program: string, why: unknown): SaseError {
  return new SaseError("workflow.spawn", `cannot start ${spec.kind} (${program}): ${why}`, {
    hint: spec.kind === "python" ? "install python3 or put it on PATH" : undefined,
    kind: "unavailable",
  });
}

/**
 * The step's command as it is spawned: its program found on the step's
 * `PATH` (here, since inside the jail a missing one is only an exit
 * status), confined when the spec has a sandbox.
 */
async function prepare(spec: StepProcessSpec): Promise<PreparedCommand> {
  const [program, ...args] = stepArgv(spec.kind, spec.source);
  const found = await which(program, spec.env.PATH);
  if (!found) throw cannotStart(spec, program, "not found on PATH");
  const argv = [found, ...args];
  if (spec.sandbox) {
    return await spec.sandbox.confine({
      argv,
      cwd: spec.cwd,
      env: spec.env,
      runEnv: spec.sandbox.runEnv,
      runDir: spec.sandbox.runDir,
    });
  }
  return {
    argv,
    env: spec.env,
    violations: () => Promise.resolve([]),
    [Symbol.asyncDispose]: () => Promise.resolve(),
  };
}

/** Run one step process to its end. */
export async function runStepProcess(spec: StepProcessSpec): Promise<StepProcessResult> {
  await using prepared = await prepare(spec);
  const result = await runPrepared(spec, prepared);
  if (result.code === 0 && !result.timedOut && !result.aborted) return result;
  const denied = await prepared.violations();
  if (denied.length === 0) return result;
  const said = result.stderr.trimEnd();
  return { ...result, stderr: `${said}${said ? "\n" : ""}${describeViolations(denied)}` };
}

async function runPrepared(
  spec: StepProcessSpec,
  prepared: PreparedCommand,
): Promise<StepProcessResult> {
  const [command, ...args] = prepared.argv;
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command(command, {
      args,
      cwd: spec.cwd,
      env: prepared.env,
      clearEnv: true,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
      // Its own session and group: a timeout or kill takes the whole tree.
      detached: true,
    }).spawn();
  } catch (error) {
    throw cannotStart(spec, command, error);
  }
  const pid = child.pid;
  await spec.onProcess?.(pid);
  let timedOut = false;
  let aborted = false;
  let grace: ReturnType<typeof setTimeout> | undefined;
  const stop = () => {
    signalProcessGroup(pid, "SIGTERM");
    grace ??= setTimeout(() => signalProcessGroup(pid, "SIGKILL"), KILL_GRACE_MS);
  };
  const timer = setTimeout(() => {
    timedOut = true;
    stop();
  }, spec.timeoutMs);
  const onAbort = () => {
    aborted = true;
    stop();
  };
  if (spec.signal?.aborted) onAbort();
  else spec.signal?.addEventListener("abort", onAbort, { once: true });
  const stdout = collect(child.stdout, STDOUT_LIMIT, "head", spec.onOutput);
  const stderr = collect(child.stderr, STDERR_LIMIT, "tail", spec.onOutput);
  try {
    const status = await child.status;
    // Whatever the step left in its group would hold the pipes open: end it.
    signalProcessGroup(pid, "SIGKILL");
    const [out, err] = await Promise.all([stdout, stderr]);
    return {
      pid,
      code: status.code,
      signal: status.signal,
      stdout: out.text,
      stderr: err.text,
      truncated: out.truncated,
      timedOut,
      aborted,
    };
  } finally {
    clearTimeout(timer);
    clearTimeout(grace);
    spec.signal?.removeEventListener("abort", onAbort);
    await spec.onProcess?.(null);
  }
}

/** The step timeout for `env` (`SASE_WORKFLOW_STEP_TIMEOUT` seconds, else the default). */
export function stepTimeoutMs(env: Readonly<Record<string, string | undefined>>): number {
  const raw = env.SASE_WORKFLOW_STEP_TIMEOUT?.trim();
  if (!raw) return DEFAULT_STEP_TIMEOUT_MS;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new SaseError(
      "workflow.step_timeout",
      `SASE_WORKFLOW_STEP_TIMEOUT='${raw}' is not a positive number of seconds`,
      { kind: "invalid-input" },
    );
  }
  return Math.round(seconds * 1000);
}
