/**
 * The messages between the orchestrator and a lumberjack Worker.
 *
 * @module
 */

import type { Env } from "../config/paths.ts";
import type { AxeOverrides } from "./settings.ts";

/** Orchestrator → Worker. */
export type ToLumberjack =
  | {
    type: "start";
    name: string;
    overrides: AxeOverrides;
    env: Env;
    cwd: string;
    /** The orchestrator's pid (the process the Worker lives in). */
    hostPid: number;
    restarts: number;
  }
  | { type: "stop" };

/** Worker → orchestrator. */
export type FromLumberjack =
  | { type: "heartbeat" }
  | { type: "stopped" }
  | { type: "failed"; message: string };
