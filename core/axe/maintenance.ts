/**
 * Maintenance mode (handbook 5.8): `maintenance.json` pauses every
 * lumberjack's chops until it is removed. A marker records who entered it:
 * `sase axe maintenance enter` is a short-lived command, so the marker
 * names the process that ran it (the shell or script doing the
 * maintenance); once that process is gone, or the marker is older than
 * 24 hours or unreadable, the next tick clears it.
 *
 * @module
 */

import { atomicWriteJson } from "../fs/atomic_write.ts";
import { READ_LIMITS, readTextBoundedSync } from "../fs/bounded_read.ts";
import { isProcessAlive } from "../process_liveness.ts";
import type { Env } from "../config/paths.ts";
import { orchestratorPaths } from "./paths.ts";
import { SaseError } from "../errors.ts";

/** Markers older than this are stale. */
export const MAINTENANCE_STALE_SECONDS = 24 * 60 * 60;

/** A well-formed maintenance marker. */
export interface MaintenanceMarker {
  reason: string;
  pid: number;
  /** ISO-8601 start time. */
  startedAt: string;
}

/** What the marker file holds right now. */
export type MaintenanceState =
  | { kind: "inactive" }
  | { kind: "active"; marker: MaintenanceMarker }
  | { kind: "malformed" };

/** Read the marker (synchronously: every tick starts with it). */
export function readMaintenance(env: Env): MaintenanceState {
  let text: string;
  try {
    text = readTextBoundedSync(orchestratorPaths(env).maintenance, READ_LIMITS.record);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return { kind: "inactive" };
    return { kind: "malformed" };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: "malformed" };
  }
  if (typeof value !== "object" || value === null) return { kind: "malformed" };
  const { reason, pid, started_at } = value as Record<string, unknown>;
  if (
    typeof reason !== "string" || reason === "" || !Number.isInteger(pid) ||
    typeof started_at !== "string" || Number.isNaN(Date.parse(started_at))
  ) {
    return { kind: "malformed" };
  }
  return { kind: "active", marker: { reason, pid: pid as number, startedAt: started_at } };
}

/** Write the marker; `pid` is the process whose life the pause is tied to. */
export async function enterMaintenance(
  env: Env,
  reason: string,
  pid: number,
  now: Date,
): Promise<MaintenanceMarker> {
  if (reason.trim() === "") {
    throw new SaseError("axe.maintenance_reason", "maintenance needs a non-empty --reason", {
      hint: 'e.g. sase axe maintenance enter -r "install plugin update"',
      kind: "usage",
    });
  }
  const marker = { reason, pid, startedAt: now.toISOString() };
  await atomicWriteJson(orchestratorPaths(env).maintenance, {
    reason,
    pid,
    started_at: marker.startedAt,
  });
  return marker;
}

/** Remove the marker; whether there was one. */
export async function exitMaintenance(env: Env): Promise<boolean> {
  try {
    await Deno.remove(orchestratorPaths(env).maintenance);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

/** Why a marker is stale, or null when it is live (or absent). */
export function staleReason(state: MaintenanceState, now: Date): string | null {
  if (state.kind === "malformed") return "malformed marker";
  if (state.kind === "inactive") return null;
  const age = (now.getTime() - Date.parse(state.marker.startedAt)) / 1000;
  if (age > MAINTENANCE_STALE_SECONDS) return "older than 24 hours";
  if (!isProcessAlive(state.marker.pid)) return `owner pid ${state.marker.pid} is gone`;
  return null;
}

/**
 * The tick's check: clears a stale marker (saying why) and tells whether
 * maintenance is active.
 */
export function checkMaintenance(
  env: Env,
  now: Date,
): { active: MaintenanceMarker | null; cleared: string | null } {
  const state = readMaintenance(env);
  const stale = staleReason(state, now);
  if (stale !== null) {
    try {
      Deno.removeSync(orchestratorPaths(env).maintenance);
    } catch { /* another tick cleared it first */ }
    return { active: null, cleared: stale };
  }
  return { active: state.kind === "active" ? state.marker : null, cleared: null };
}
