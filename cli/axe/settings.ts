/**
 * What every `sase axe` handler needs first: the effective settings and
 * the environment axe's processes get (`-v` sets `SASE_VCS_PROVIDER`).
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { type AxeOverrides, type AxeSettings, axeSettings } from "../../core/axe/settings.ts";
import type { Env } from "../../core/config/paths.ts";
import { parseQuery } from "../../core/query/parser.ts";
import type { LumberjackWire } from "../../core/axe/wire.ts";

/** The override flags as commander parsed them. */
export interface OverrideOptions {
  query?: string;
  maxHookRunners?: number;
  maxAgentRunners?: number;
  zombieTimeout?: number;
}

/** The flags as {@linkcode AxeOverrides}. */
export function overridesOf(options: OverrideOptions): AxeOverrides {
  return {
    query: options.query,
    maxHookRunners: options.maxHookRunners,
    maxAgentRunners: options.maxAgentRunners,
    zombieTimeoutSeconds: options.zombieTimeout,
  };
}

/** The effective settings (a bad query or duration fails here, before anything starts). */
export async function loadSettings(
  app: AppContext,
  overrides: AxeOverrides = {},
): Promise<AxeSettings> {
  const settings = axeSettings((await app.config()).config.axe, overrides, app.env);
  if (settings.query.trim() !== "") parseQuery(settings.query);
  return settings;
}

/** The environment of axe's processes. */
export function axeEnv(app: AppContext, vcsProvider: string | undefined): Env {
  return vcsProvider ? { ...app.env, SASE_VCS_PROVIDER: vcsProvider } : app.env;
}

/** The columns every lumberjack table starts with. */
export const LUMBERJACK_COLUMNS = [
  "LUMBERJACK",
  "INTERVAL",
  "STATE",
  "CYCLES",
  "ERRORS",
  "RESTARTS",
];

/** A lumberjack's cells under {@linkcode LUMBERJACK_COLUMNS}. */
export function lumberjackCells(lj: LumberjackWire): string[] {
  return [
    lj.name,
    `${lj.interval_seconds}s`,
    lj.alive ? lj.state ?? "-" : "stopped",
    String(Math.max(lj.cycles, lj.cycles_total)),
    String(lj.errors_total),
    String(lj.restarts_total),
  ];
}
