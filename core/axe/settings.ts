/**
 * The effective axe settings of one process: the merged `axe:` config
 * (handbook 24.4.7, defaults from `default_config.yml`) with the command
 * line's overrides on top (`-q`, `-H`, `-A`, `-z`: flag > `axe:` >
 * defaults, handbook 5.5.1). Parsed once into typed values, so a bad
 * duration is reported with the key that holds it before anything runs.
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import type { AxeConfig, ChopConfig } from "../config/types.ts";
import { type Env, homeDir } from "../config/paths.ts";
import { join } from "../fs/path.ts";

/** One chop as a lumberjack runs it. */
export interface ChopSpec {
  name: string;
  description: string;
  /** An xprompt reference: the chop launches a background agent. */
  agent: string | null;
  /** Run at most once per this many seconds (`run_every`). */
  runEverySeconds: number | null;
  /** Kill the chop after this many seconds (`timeout`, else the lumberjack's `chop_timeout`). */
  timeoutSeconds: number | null;
  env: Record<string, string>;
}

/** One lumberjack: a named tick loop over its chops. */
export interface LumberjackSpec {
  name: string;
  intervalSeconds: number;
  chops: ChopSpec[];
}

/** The command-line overrides of `sase axe start` / `sase axe lumberjack run`. */
export interface AxeOverrides {
  query?: string;
  maxHookRunners?: number;
  maxAgentRunners?: number;
  zombieTimeoutSeconds?: number;
}

/** Everything a lumberjack needs to know about axe's configuration. */
export interface AxeSettings {
  maxHookRunners: number;
  maxAgentRunners: number;
  zombieTimeoutSeconds: number;
  query: string;
  chopScriptDirs: string[];
  logMaxBytes: number;
  verboseDiagnostics: boolean;
  lumberjacks: LumberjackSpec[];
}

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/**
 * Seconds of a duration such as `90s`, `5m`, `2h`, `1h30m` or a bare
 * number of seconds; `where` names the config key in the error.
 */
export function parseAxeDuration(value: string | number, where: string): number {
  if (typeof value === "number" && Number.isFinite(value) && value > 0) return value;
  const text = String(value).trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(text) && Number(text) > 0) return Number(text);
  const parts = [...text.matchAll(/(\d+)([smhd])/g)];
  const total = parts.reduce((sum, [, n, unit]) => sum + Number(n) * UNITS[unit], 0);
  if (parts.length === 0 || parts.map((part) => part[0]).join("") !== text || total <= 0) {
    throw new SaseError("axe.duration", `${where}: invalid duration '${value}'`, {
      hint: "use a positive duration such as 30s, 5m, 2h or 1h30m",
      kind: "invalid-input",
    });
  }
  return total;
}

function chopSpec(
  entry: ChopConfig,
  lumberjack: string,
  chopTimeout: number | null,
): ChopSpec {
  if (typeof entry === "string") {
    return {
      name: entry,
      description: "",
      agent: null,
      runEverySeconds: null,
      timeoutSeconds: chopTimeout,
      env: {},
    };
  }
  const where = `axe.lumberjacks.${lumberjack}.chops.${entry.name}`;
  return {
    name: entry.name,
    description: entry.description ?? "",
    // `xprompt` is the legacy spelling of `agent`.
    agent: entry.agent ?? entry.xprompt ?? null,
    runEverySeconds: entry.run_every
      ? parseAxeDuration(entry.run_every, `${where}.run_every`)
      : null,
    timeoutSeconds: entry.timeout
      ? parseAxeDuration(entry.timeout, `${where}.timeout`)
      : chopTimeout,
    env: Object.fromEntries(Object.entries(entry.env ?? {}).map(([k, v]) => [k, String(v)])),
  };
}

function expandHome(dir: string, env: Env): string {
  return dir === "~" || dir.startsWith("~/") ? join(homeDir(env), dir.slice(1)) : dir;
}

/** The effective settings: `overrides` over `config` (already merged over the defaults). */
export function axeSettings(
  config: AxeConfig | undefined,
  overrides: AxeOverrides,
  env: Env,
): AxeSettings {
  const axe = config ?? {};
  const lumberjacks = Object.entries(axe.lumberjacks ?? {}).map(([name, lj]) => {
    const chopTimeout = lj.chop_timeout
      ? parseAxeDuration(lj.chop_timeout, `axe.lumberjacks.${name}.chop_timeout`)
      : null;
    return {
      name,
      intervalSeconds: lj.interval ?? 1,
      chops: (lj.chops ?? []).map((chop) => chopSpec(chop, name, chopTimeout)),
    };
  });
  return {
    maxHookRunners: overrides.maxHookRunners ?? axe.max_hook_runners ?? 3,
    maxAgentRunners: overrides.maxAgentRunners ?? axe.max_agent_runners ?? 3,
    zombieTimeoutSeconds: overrides.zombieTimeoutSeconds ?? axe.zombie_timeout_seconds ?? 7200,
    query: overrides.query ?? axe.query ?? "",
    chopScriptDirs: (axe.chop_script_dirs ?? []).map((dir) => expandHome(dir, env)),
    logMaxBytes: axe.lumberjack_log_max_bytes ?? 52428800,
    verboseDiagnostics: axe.verbose_lumberjack_diagnostics ?? false,
    lumberjacks,
  };
}

/** The lumberjack called `name`, or a not-found error listing the configured ones. */
export function lumberjackNamed(settings: AxeSettings, name: string): LumberjackSpec {
  const found = settings.lumberjacks.find((lj) => lj.name === name);
  if (found) return found;
  throw new SaseError("axe.no_lumberjack", `no lumberjack named '${name}'`, {
    hint: `configured lumberjacks: ${settings.lumberjacks.map((lj) => lj.name).join(", ")}`,
    kind: "not-found",
  });
}

/**
 * The `(lumberjack, chop)` a manual `sase axe chop run NAME [-L LJ]` means.
 * A name under several lumberjacks needs `-L`; the error lists them.
 */
export function resolveChop(
  settings: AxeSettings,
  name: string,
  lumberjack?: string,
): { lumberjack: LumberjackSpec; chop: ChopSpec } {
  if (lumberjack !== undefined) {
    const lj = lumberjackNamed(settings, lumberjack);
    const chop = lj.chops.find((candidate) => candidate.name === name);
    if (chop) return { lumberjack: lj, chop };
    throw new SaseError("axe.no_chop", `lumberjack '${lumberjack}' has no chop named '${name}'`, {
      hint: `its chops: ${lj.chops.map((chop) => chop.name).join(", ") || "(none)"}`,
      kind: "not-found",
    });
  }
  const found = settings.lumberjacks.flatMap((lj) =>
    lj.chops.filter((chop) => chop.name === name).map((chop) => ({ lumberjack: lj, chop }))
  );
  if (found.length === 1) return found[0];
  if (found.length === 0) {
    throw new SaseError("axe.no_chop", `no chop named '${name}'`, {
      hint: "run `sase axe chop list` to see the configured chops",
      kind: "not-found",
    });
  }
  const names = found.map((entry) => entry.lumberjack.name);
  throw new SaseError(
    "axe.ambiguous_chop",
    `chop '${name}' is configured in several lumberjacks: ${names.join(", ")}`,
    { hint: `pick one with -L/--lumberjack, e.g. -L ${names[0]}`, kind: "usage" },
  );
}
