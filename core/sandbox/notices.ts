/**
 * What a launch tells the person starting it about the sandbox: settings
 * of a repo-local `sase.yml` that were ignored because they would widen it,
 * retired keys, and (once per machine and reason) that the jail is
 * unavailable and what that leaves unprotected.
 *
 * @module
 */

import type { Env } from "../env.ts";
import { jailAvailability } from "./availability.ts";
import { decideMode, warnFallbackOnce } from "./mode.ts";
import type { SandboxSettings } from "./settings.ts";

/** Report the sandbox's warnings for a launch under `settings` through `warn`. */
export async function announceSandbox(
  env: Env,
  settings: SandboxSettings,
  warn: (message: string) => void,
): Promise<void> {
  for (const warning of settings.warnings) warn(warning);
  const availability = await jailAvailability(env);
  try {
    // The section's own mode: a provider's override is decided with its attempt.
    const decision = decideMode(settings, "", availability);
    for (const warning of decision.warnings) warn(warning);
    await warnFallbackOnce(env, decision, warn);
  } catch {
    // A jail that is required but unavailable fails the attempt, with its own message.
  }
}
