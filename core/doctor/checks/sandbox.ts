/**
 * Doctor check for the sandbox agents run in: the mode, why (which file set
 * it, or what the automatic choice found), what is missing to enable the
 * jail, the providers with a mode of their own, and repo-local settings that
 * were ignored. Bubblewrap's namespaces are probed afresh, not taken from
 * the launch's cache.
 *
 * @module
 */

import type { CheckSpec } from "../check.ts";
import type { CheckOutcome } from "../model.ts";
import { jailAvailability } from "../../sandbox/availability.ts";
import { decideMode, type ModeDecision, PERMISSIONS_GAPS } from "../../sandbox/mode.ts";
import { sandboxSettings } from "../../sandbox/settings.ts";
import { SaseError } from "../../errors.ts";

/** What a mode leaves unprotected, for a WARN's details. */
const GAPS: Readonly<Record<string, string>> = {
  permissions: `permissions mode: ${PERMISSIONS_GAPS}`,
  off: "off: agents run unconfined, with your whole environment",
};

function decided(run: () => ModeDecision): ModeDecision | SaseError {
  try {
    return run();
  } catch (error) {
    if (error instanceof SaseError) return error;
    throw error;
  }
}

/** Sandbox checks. */
export const sandboxChecks: CheckSpec[] = [
  {
    id: "sandbox.mode",
    group: "sandbox",
    title: "The sandbox agents run in",
    async run(context): Promise<CheckOutcome> {
      let layers;
      try {
        layers = (await context.config()).layers;
      } catch {
        return { status: "SKIP", summary: "configuration did not load; see config.load" };
      }
      const settings = sandboxSettings(layers);
      const availability = await jailAvailability(context.env, { fresh: true });
      const install = availability.missing.map((missing) => `Install or fix: ${missing}.`);
      const data = {
        jail_available: availability.available,
        missing: availability.missing,
        providers: {} as Record<string, string>,
      };
      const decision = decided(() => decideMode(settings, "", availability));
      if (decision instanceof SaseError) {
        return {
          status: "ERROR",
          summary: decision.message,
          nextSteps: [...install, decision.hint ?? ""].filter(Boolean),
          data: { ...data, mode: "jail" },
        };
      }
      const details = [`why: ${decision.reason}`];
      for (const name of Object.keys(settings.providers).sort()) {
        const own = decided(() => decideMode(settings, name, availability));
        const text = own instanceof SaseError ? `error: ${own.message}` : own.mode;
        data.providers[name] = own instanceof SaseError ? "error" : own.mode;
        details.push(
          `provider ${name}: ${text}${own instanceof SaseError ? "" : ` (${own.reason})`}`,
        );
      }
      details.push(...availability.missing.map((missing) => `jail needs: ${missing}`));
      details.push(...settings.warnings, ...decision.warnings);
      const withData = { ...data, mode: decision.mode, reason: decision.reason };
      if (decision.mode === "jail") {
        return { status: "OK", summary: `jail (${decision.reason})`, details, data: withData };
      }
      const nextSteps = availability.available
        ? ["Remove `sandbox.mode` from your sase.yml to run agents in the jail."]
        : [...install, "Then rerun `sase doctor -C sandbox`."];
      return {
        status: "WARN",
        summary: `${decision.mode} (${decision.reason})`,
        details: [GAPS[decision.mode], ...details],
        nextSteps,
        data: withData,
      };
    },
  },
];
