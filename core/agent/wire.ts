/**
 * The wire format of agent launches: what `sase run -j` prints and what
 * ACE, the gateway and library users receive for a launch (snake_case keys).
 *
 * @module
 */

import type { LaunchedAgent, LaunchOutcome } from "./run/launch.ts";
import type { RunResult } from "./run/launch_request.ts";
import type { KillResult } from "./identity/kill.ts";

/** A finished foreground run on the wire. */
export interface RunResultWire {
  name: string;
  timestamp: string;
  project: string;
  dir: string;
  outcome: string;
  error?: string;
  reply: string;
  provider: string;
  model: string;
  session_id: string | null;
  chat_path: string;
  retry_count: number;
  used_fallback: boolean;
  retried_as?: string;
}

/** A run started detached, on the wire. */
export interface LaunchedAgentWire {
  name: string;
  timestamp: string;
  dir: string;
  pid: number;
  waits: string[];
}

/** A launch on the wire: one foreground run, or the detached runs started. */
export type LaunchOutcomeWire =
  | { mode: "foreground"; agents: [RunResultWire] }
  | { mode: "daemon"; agents: LaunchedAgentWire[] };

/** `run` in wire form. */
export function runResultWire(run: RunResult): RunResultWire {
  return {
    name: run.name,
    timestamp: run.timestamp,
    project: run.project,
    dir: run.dir,
    outcome: run.outcome,
    ...(run.error !== undefined ? { error: run.error } : {}),
    reply: run.reply,
    provider: run.provider,
    model: run.model,
    session_id: run.sessionId ?? null,
    chat_path: run.chatPath,
    retry_count: run.retryCount,
    used_fallback: run.usedFallback,
    ...(run.retriedAs ? { retried_as: run.retriedAs } : {}),
  };
}

/** `agent` in wire form. */
export function launchedAgentWire(agent: LaunchedAgent): LaunchedAgentWire {
  return {
    name: agent.name,
    timestamp: agent.timestamp,
    dir: agent.dir,
    pid: agent.pid,
    waits: agent.waits,
  };
}

/** `outcome` in wire form. */
export function launchOutcomeWire(outcome: LaunchOutcome): LaunchOutcomeWire {
  return outcome.foreground
    ? { mode: "foreground", agents: [runResultWire(outcome.foreground)] }
    : { mode: "daemon", agents: outcome.launched.map(launchedAgentWire) };
}

/** A stopped agent on the wire (`sase agent kill -j`). */
export interface KillResultWire {
  schema_version: 1;
  name: string;
  dir: string;
  outcome: string;
  signalled: number[];
  escalated: boolean;
  wrote_done: boolean;
  elapsed_ms: number;
}

/** The stop of the agent called `name` in wire form. */
export function killResultWire(name: string, result: KillResult): KillResultWire {
  return {
    schema_version: 1,
    name,
    dir: result.dir,
    outcome: result.outcome,
    signalled: result.signalled,
    escalated: result.escalated,
    wrote_done: result.wroteDone,
    elapsed_ms: result.elapsedMs,
  };
}
