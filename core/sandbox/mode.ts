/**
 * Which sandbox mode a provider's runs get, and why.
 *
 * The user's own configuration decides (a provider's override before the
 * section's `mode`); without one, the jail is used where it works and
 * `permissions` mode elsewhere, with a warning, once per machine and reason,
 * naming what that leaves unprotected. A repo-local `./sase.yml` may then
 * only make it stricter. A mode of `jail` that the machine cannot provide is
 * an error, never a silent downgrade, when someone asked for it.
 *
 * @module
 */

import { join } from "../fs/path.ts";
import type { SandboxMode } from "../config/types.ts";
import { saseHome } from "../config/paths.ts";
import type { Env } from "../env.ts";
import { SaseError } from "../errors.ts";
import { atomicWriteTextFile } from "../fs/atomic_write.ts";
import { READ_LIMITS, readTextBounded } from "../fs/bounded_read.ts";
import type { JailAvailability } from "./availability.ts";
import { type ModeSetting, type SandboxSettings, strictness } from "./settings.ts";

/** What `permissions` mode leaves open (README "Sandbox"). */
export const PERMISSIONS_GAPS =
  "the agent can read and write every file you can, reach any host, and a process it " +
  "detaches (setsid) outlives the run; only its environment is filtered";

/** The mode one provider's runs get. */
export interface ModeDecision {
  mode: SandboxMode;
  /** Why, in words (which file set it, or what the automatic choice found). */
  reason: string;
  /** Set when the automatic choice could not use the jail: what is not protected, and why. */
  fallback?: string;
  /** A repo-local mode that was ignored because it would widen the sandbox. */
  warnings: string[];
}

function describe(setting: ModeSetting, key: string): string {
  return `${key}: ${setting.mode} in ${setting.source}`;
}

/** Decide the mode of `provider`'s runs. Throws when the jail is required but unavailable. */
export function decideMode(
  settings: SandboxSettings,
  provider: string,
  availability: JailAvailability,
): ModeDecision {
  const override = settings.providers[provider];
  const warnings: string[] = [];
  let decision: ModeDecision;
  if (override?.mode) {
    decision = {
      mode: override.mode.mode,
      reason: describe(override.mode, `sandbox.providers.${provider}.mode`),
      warnings,
    };
  } else if (settings.mode) {
    decision = {
      mode: settings.mode.mode,
      reason: describe(settings.mode, "sandbox.mode"),
      warnings,
    };
  } else if (availability.available) {
    decision = { mode: "jail", reason: "automatic: the jail works here", warnings };
  } else {
    const why = availability.missing.join("; ");
    decision = {
      mode: "permissions",
      reason: `automatic: the jail is unavailable (${why})`,
      fallback: `agents run in permissions mode because the jail is unavailable (${why}): ` +
        PERMISSIONS_GAPS,
      warnings,
    };
  }
  const localKey = override?.localMode ? `sandbox.providers.${provider}.mode` : "sandbox.mode";
  const local = override?.localMode ?? settings.localMode;
  if (local) {
    if (strictness(local.mode) > strictness(decision.mode)) {
      decision = { mode: local.mode, reason: describe(local, localKey), warnings };
    } else if (local.mode !== decision.mode) {
      warnings.push(
        `${local.source}: ${localKey}: ${local.mode} ignored: a repository's sase.yml may only ` +
          `make the sandbox stricter than ${decision.mode} (set it in your own ` +
          `~/.config/sase/sase.yml)`,
      );
    }
  }
  if (decision.mode === "jail" && !availability.available) {
    throw new SaseError(
      "sandbox.unavailable",
      `${decision.reason} asks for the jail, which is unavailable here: ` +
        availability.missing.join("; "),
      {
        hint: "install what is missing, or set `sandbox.mode: permissions` in " +
          "~/.config/sase/sase.yml to run agents without the jail",
        kind: "unavailable",
      },
    );
  }
  return decision;
}

/**
 * Report an automatic fallback through `warn` the first time this machine
 * falls back for this reason (remembered in `SASE_HOME/cache`).
 */
export async function warnFallbackOnce(
  env: Env,
  decision: ModeDecision,
  warn: (message: string) => void,
): Promise<void> {
  if (!decision.fallback) return;
  const marker = join(saseHome(env), "cache", "sandbox_fallback.txt");
  const previous = await readTextBounded(marker, READ_LIMITS.record).catch(() => undefined);
  if (previous === decision.fallback) return;
  warn(decision.fallback);
  await atomicWriteTextFile(marker, decision.fallback).catch(() => {});
}
