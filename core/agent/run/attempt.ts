/**
 * One attempt of a run: spawn the provider's command line under the
 * watchdog, feed its output through the provider's parser into the
 * recorder, and judge the outcome. A run fails when the process exits
 * non-zero, stalls, reports an error result or a fatal stream error, or
 * ends without the closing event its protocol promises.
 *
 * @module
 */

import { join } from "../../fs/path.ts";
import type { Invocation, LlmProvider } from "../../provider.ts";
import type { Usage } from "../../provider_events.ts";
import { ARTIFACT_FILES, PRIVATE_FILE_MODE } from "../records/artifacts.ts";
import { runProcess } from "./process.ts";
import { RunRecorder } from "../records/recorder.ts";

/** Inputs of one attempt. */
export interface AttemptSpec {
  provider: LlmProvider;
  invocation: Invocation;
  /** Resolved executable for `invocation.argv[0]`. */
  executable: string;
  dir: string;
  cwd: string;
  env: Record<string, string>;
  /**
   * Names of the variables in `env` that sase set for this run (the
   * provider's preparation, the invocation's own): a sandbox's environment
   * filter passes them.
   */
  runEnv?: readonly string[];
  stallTimeoutMs: number;
  fullToolLog?: boolean;
  echo?: (text: string) => void;
  onSpawn?: (pid: number) => Promise<void>;
  onSession?: (sessionId: string) => Promise<void>;
  /** Signals the provider's process group (see `SpawnSpec.signalGroup`). */
  signalGroup?: (pid: number, signal: Deno.Signal) => Promise<void> | void;
}

/** How an attempt ended. */
export interface AttemptOutcome {
  ok: boolean;
  /** Why it failed (the provider's own error text where there is one). */
  error?: string;
  /** Everything the provider said that could explain a failure (for retry matching). */
  errorText: string;
  reply: string;
  exitCode: number;
  stalled: boolean;
  pid: number;
  sessionId?: string;
  usage?: Usage;
  startedAt: string;
  finishedAt: string;
}

/** The outcome of an attempt that failed before (or without) its provider running. */
export function failedOutcome(error: string): AttemptOutcome {
  const now = new Date().toISOString();
  return {
    ok: false,
    error,
    errorText: error,
    reply: "",
    exitCode: -1,
    stalled: false,
    pid: 0,
    startedAt: now,
    finishedAt: now,
  };
}

function tail(text: string, lines = 20): string {
  return text.trim().split("\n").slice(-lines).join("\n");
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10}s` : `${ms}ms`;
}

/** Run one attempt to its outcome. */
export async function runAttempt(spec: AttemptSpec): Promise<AttemptOutcome> {
  const startedAt = new Date().toISOString();
  const name = spec.provider.info.name;
  const parser = spec.provider.createStreamParser();
  const recorder = new RunRecorder({
    dir: spec.dir,
    runtime: name,
    cwd: spec.cwd,
    fullToolLog: spec.fullToolLog,
    echo: spec.echo,
    onSession: spec.onSession,
  });
  const exit = await runProcess({
    argv: [spec.executable, ...spec.invocation.argv.slice(1)],
    cwd: spec.cwd,
    env: spec.env,
    stdin: spec.invocation.stdin,
    stallTimeoutMs: spec.stallTimeoutMs,
    onSpawn: spec.onSpawn,
    signalGroup: spec.signalGroup,
    async onLine(line) {
      for (const event of parser.push(line)) await recorder.handle(event);
    },
  });
  for (const event of parser.end()) await recorder.handle(event);
  if (exit.stderr !== "") {
    await Deno.writeTextFile(join(spec.dir, ARTIFACT_FILES.stderr), exit.stderr, {
      append: true,
      mode: PRIVATE_FILE_MODE,
    });
  }

  const result = recorder.result;
  const fatal = recorder.errors.filter((error) => error.fatal).map((error) => error.message);
  const reported = [
    result && !result.ok ? result.error ?? "" : "",
    ...fatal,
    ...recorder.errors.filter((error) => !error.fatal).map((error) => error.message),
  ].filter((text) => text !== "");
  const stderr = tail(exit.stderr);
  const explanation = reported[0] ?? stderr;

  let error: string | undefined;
  if (exit.stalled) {
    error = `no output for ${seconds(spec.stallTimeoutMs)} (stall timeout, ` +
      `llm_provider.stall_timeout): the watchdog killed the ${name} process group`;
  } else if (exit.code !== 0) {
    const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
    error = `${name} ${how}${explanation ? `: ${explanation}` : ""}`;
  } else if (result && !result.ok) {
    error = result.error ?? `${name} reported an error`;
  } else if (fatal.length > 0) {
    error = fatal.join("\n");
  } else if (parser.expectsResult && !result) {
    error = `the ${name} stream ended without a result event (exit code 0)` +
      (stderr ? `: ${stderr}` : "");
  }
  return {
    ok: error === undefined,
    error,
    errorText: [error ?? "", ...reported, exit.stderr].join("\n"),
    reply: recorder.reply,
    exitCode: exit.code,
    stalled: exit.stalled,
    pid: exit.pid,
    sessionId: recorder.sessionId,
    usage: recorder.usage,
    startedAt,
    finishedAt: new Date().toISOString(),
  };
}
