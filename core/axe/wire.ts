/**
 * The `-j` shapes of `sase axe` commands (snake_case).
 *
 * @module
 */

import type { AxeView, ChopView, LumberjackView } from "./status.ts";
import type { ChopRunEntry } from "./history.ts";
import type { MaintenanceMarker, MaintenanceState } from "./maintenance.ts";
import type { StartResult, StopResult } from "./lifecycle.ts";
import type { MentorMatchTrace } from "./mentors/trace.ts";
import type { CommentPreview } from "./mentors/preview.ts";

/** A chop in `chop list -j`. */
export interface ChopWire {
  lumberjack: string;
  name: string;
  description: string;
  kind: "script" | "agent";
  agent: string | null;
  run_every_seconds: number | null;
  timeout_seconds: number | null;
  last_run: ChopRunEntry | null;
}

/** A lumberjack in `lumberjack list|status -j`. */
export interface LumberjackWire {
  name: string;
  interval_seconds: number;
  chops: string[];
  alive: boolean;
  state: string | null;
  /** Cycles since the lumberjack last started (status.json, every 5 s). */
  cycles: number;
  /** Cumulative cycles (metrics.json, every 30 s). */
  cycles_total: number;
  errors_total: number;
  restarts_total: number;
  last_cycle_finished_at: string | null;
}

/** `maintenance status -j`. */
export interface MaintenanceWire {
  active: boolean;
  reason: string | null;
  pid: number | null;
  started_at: string | null;
}

/** `sase axe status -j`. */
export interface AxeStatusWire {
  running: boolean;
  pid: number | null;
  maintenance: MaintenanceWire;
  lumberjacks: LumberjackWire[];
}

/** `start -j` / `stop -j`. */
export interface LifecycleWire {
  pid: number | null;
  started?: boolean;
  killed?: boolean;
  orphaned_chops?: number;
}

/** A chop's wire form. */
export function chopWire(view: ChopView): ChopWire {
  return {
    lumberjack: view.lumberjack,
    name: view.chop.name,
    description: view.chop.description,
    kind: view.chop.agent ? "agent" : "script",
    agent: view.chop.agent,
    run_every_seconds: view.chop.runEverySeconds,
    timeout_seconds: view.chop.timeoutSeconds,
    last_run: view.lastRun,
  };
}

/** A lumberjack's wire form. */
export function lumberjackWire(view: LumberjackView): LumberjackWire {
  return {
    name: view.spec.name,
    interval_seconds: view.spec.intervalSeconds,
    chops: view.spec.chops.map((chop) => chop.name),
    alive: view.alive,
    state: view.status?.state ?? null,
    cycles: view.status?.cycles ?? 0,
    cycles_total: view.metrics?.cycles_total ?? 0,
    errors_total: view.metrics?.errors_total ?? 0,
    restarts_total: view.metrics?.restarts_total ?? 0,
    last_cycle_finished_at: view.status?.last_cycle_finished_at ?? null,
  };
}

/** The maintenance marker's wire form. */
export function maintenanceWire(state: MaintenanceState | MaintenanceMarker): MaintenanceWire {
  const marker = "kind" in state ? (state.kind === "active" ? state.marker : null) : state;
  return {
    active: marker !== null,
    reason: marker?.reason ?? null,
    pid: marker?.pid ?? null,
    started_at: marker?.startedAt ?? null,
  };
}

/** `sase axe status -j`. */
export function axeStatusWire(view: AxeView): AxeStatusWire {
  return {
    running: view.orchestratorPid !== null,
    pid: view.orchestratorPid,
    maintenance: maintenanceWire(view.maintenance),
    lumberjacks: view.lumberjacks.map(lumberjackWire),
  };
}

/** `start -j`. */
export function startWire(result: StartResult): LifecycleWire {
  return { pid: result.pid, started: result.started };
}

/** `stop -j`. */
export function stopWire(result: StopResult): LifecycleWire {
  return { pid: result.pid, killed: result.killed, orphaned_chops: result.orphanedChops };
}

/** `sase config mentor-match -j`. */
export interface MentorMatchWire {
  changespec: string;
  project: string;
  status: string;
  entries: string[];
  paths: string[];
  profiles: {
    profile_name: string;
    matched: boolean;
    criteria: { criterion: string; matched: boolean; detail: string }[];
  }[];
}

/** The trace's wire form. */
export function mentorMatchWire(trace: MentorMatchTrace): MentorMatchWire {
  return {
    changespec: trace.changespec,
    project: trace.project,
    status: trace.status,
    entries: trace.entries,
    paths: trace.paths,
    profiles: trace.matches.map((match) => ({
      profile_name: match.profile.profile_name,
      matched: match.matched,
      criteria: match.criteria,
    })),
  };
}

/** One comment of `sase comments -j`. */
export interface CommentPreviewWire {
  focus_name: string;
  file_path: string;
  line_number: number;
  description: string;
  severity: string;
  source: "snapshot" | "file" | null;
  snippet: { start_line: number; lines: string[] } | null;
}

/** A preview's wire form. */
export function commentPreviewWire(preview: CommentPreview): CommentPreviewWire {
  return {
    ...preview.comment,
    source: preview.source,
    snippet: preview.snippet
      ? { start_line: preview.snippet.start, lines: preview.snippet.lines }
      : null,
  };
}
