/**
 * The temporary default override (handbook 21.15): `SASE_HOME/llm_override.json`
 * for the primary lane and `llm_worker_override.json` for the worker lane.
 * Writes are atomic; reads clean up after themselves: an expired or
 * unparseable file is deleted, so a forgotten override never lingers.
 *
 * @module
 */

import { join } from "../../fs/path.ts";
import type { Env } from "../../config/paths.ts";
import { saseHome } from "../../config/paths.ts";
import { atomicWriteJson } from "../../fs/atomic_write.ts";
import { SaseError } from "../../errors.ts";
import { READ_LIMITS, readTextBounded } from "../../fs/bounded_read.ts";

/** The override state file's content. */
export interface TemporaryOverride {
  provider: string;
  model: string;
  raw_model?: string;
  created_at?: number;
  /** Unix seconds; `null` = until cleared. */
  expires_at: number | null;
  source?: string;
  pre_override_provider?: string | null;
  pre_override_model?: string | null;
  pre_override_raw_model?: string | null;
}

/** Which lane an override belongs to. */
export type OverrideRole = "primary" | "worker";

/** The state file for `role`. */
export function overridePath(env: Env, role: OverrideRole = "primary"): string {
  return join(saseHome(env), role === "worker" ? "llm_worker_override.json" : "llm_override.json");
}

/** Validate parsed JSON as an override, or `undefined`. */
export function parseOverride(value: unknown): TemporaryOverride | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.provider !== "string" || record.provider === "") return undefined;
  if (typeof record.model !== "string") return undefined;
  const expires = record.expires_at;
  if (expires !== null && expires !== undefined && typeof expires !== "number") return undefined;
  return {
    ...record,
    expires_at: (expires as number | null | undefined) ?? null,
  } as TemporaryOverride;
}

/** Read the override file for `role` without changing it: the override if it is active. */
async function peekOverride(
  path: string,
  now: number,
): Promise<{ active: TemporaryOverride | null; stale: boolean }> {
  let text: string;
  try {
    text = await readTextBounded(path, READ_LIMITS.record);
  } catch {
    return { active: null, stale: false };
  }
  let parsed: TemporaryOverride | undefined;
  try {
    parsed = parseOverride(JSON.parse(text));
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.expires_at !== null && parsed.expires_at <= now)) {
    return { active: null, stale: true };
  }
  return { active: parsed, stale: false };
}

/**
 * The active override for `role`, or `null`, without touching the file (for
 * read-only callers such as `sase doctor`).
 */
export async function peekActiveOverride(
  env: Env,
  role: OverrideRole = "primary",
  now: number = Date.now() / 1000,
): Promise<TemporaryOverride | null> {
  return (await peekOverride(overridePath(env, role), now)).active;
}

/**
 * The active override for `role`, or `null`. An expired or malformed file is
 * deleted on the way.
 */
export async function readActiveOverride(
  env: Env,
  role: OverrideRole = "primary",
  now: number = Date.now() / 1000,
): Promise<TemporaryOverride | null> {
  const path = overridePath(env, role);
  const { active, stale } = await peekOverride(path, now);
  if (stale) await Deno.remove(path).catch(() => {});
  return active;
}

/** Write `override` for `role`, replacing any existing one. */
export async function writeOverride(
  env: Env,
  override: TemporaryOverride,
  role: OverrideRole = "primary",
): Promise<void> {
  await atomicWriteJson(overridePath(env, role), override);
}

/** Remove the override for `role`; fine when none is set. */
export async function clearOverride(env: Env, role: OverrideRole = "primary"): Promise<void> {
  await Deno.remove(overridePath(env, role)).catch(() => {});
}

/**
 * Parse an override duration (`15m`, `1h30m`, `2h15m30s`, bare minutes,
 * `until cleared`) into seconds; `null` means no expiry.
 */
export function parseOverrideDuration(value: string): number | null {
  const text = value.trim().toLowerCase();
  if (text === "until cleared" || text === "until_cleared") return null;
  if (/^\d+$/.test(text)) return Number(text) * 60;
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text);
  if (!match || text === "") {
    throw new SaseError("override.duration", `invalid override duration '${value}'`, {
      hint: "use e.g. 15m, 1h, 1h30m, 90m, 2h15m30s, a bare number of minutes, or 'until cleared'",
      kind: "invalid-input",
    });
  }
  const [, h, m, s] = match;
  return Number(h ?? 0) * 3600 + Number(m ?? 0) * 60 + Number(s ?? 0);
}
