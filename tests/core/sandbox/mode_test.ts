/**
 * Which mode a provider's runs get: the user's provider override, then the
 * user's section, then the automatic choice (the jail where it works,
 * `permissions` elsewhere, saying so once); a repo-local mode applies only
 * when stricter; a jail someone asked for and cannot have is an error.
 */

import { join } from "node:path";
import { assertEquals, assertThrows } from "../../_helpers/assert.ts";
import { makeSandbox } from "../../_helpers/sandbox.ts";
import { SaseError } from "../../../core/errors.ts";
import type { JailAvailability } from "../../../core/sandbox/availability.ts";
import { decideMode, PERMISSIONS_GAPS, warnFallbackOnce } from "../../../core/sandbox/mode.ts";
import type { SandboxSettings } from "../../../core/sandbox/settings.ts";

const WORKS: JailAvailability = { available: true, platform: "linux", missing: [] };
const MISSING: JailAvailability = {
  available: false,
  platform: "linux",
  missing: ["socat not found on PATH (apt-get install socat)"],
};
const RULES = { read: [], write: [], deny: [], hosts: [], env: [] };

function settings(extra: Partial<SandboxSettings> = {}): SandboxSettings {
  return { rules: RULES, providers: {}, warnings: [], ...extra };
}

const USER = "/home/u/.config/sase/sase.yml";
const LOCAL = "/repo/sase.yml";

Deno.test("automatic: the jail where it works, else permissions with what that leaves open", () => {
  assertEquals(decideMode(settings(), "claude", WORKS), {
    mode: "jail",
    reason: "automatic: the jail works here",
    warnings: [],
  });
  const fallback = decideMode(settings(), "claude", MISSING);
  assertEquals(fallback.mode, "permissions");
  assertEquals(
    fallback.reason,
    "automatic: the jail is unavailable (socat not found on PATH (apt-get install socat))",
  );
  assertEquals(
    fallback.fallback,
    "agents run in permissions mode because the jail is unavailable (socat not found on PATH " +
      `(apt-get install socat)): ${PERMISSIONS_GAPS}`,
  );
});

Deno.test("a provider's override beats the section, which beats the automatic choice", () => {
  const configured = settings({
    mode: { mode: "off", source: USER },
    providers: { codex: { mode: { mode: "permissions", source: USER }, rules: RULES } },
  });
  assertEquals(decideMode(configured, "codex", WORKS).mode, "permissions");
  assertEquals(
    decideMode(configured, "codex", WORKS).reason,
    `sandbox.providers.codex.mode: permissions in ${USER}`,
  );
  assertEquals(decideMode(configured, "claude", WORKS), {
    mode: "off",
    reason: `sandbox.mode: off in ${USER}`,
    warnings: [],
  });
});

Deno.test("a repo-local mode applies only when stricter, and is ignored with a warning otherwise", () => {
  const stricter = settings({
    mode: { mode: "off", source: USER },
    localMode: { mode: "permissions", source: LOCAL },
  });
  assertEquals(decideMode(stricter, "fakey", WORKS), {
    mode: "permissions",
    reason: `sandbox.mode: permissions in ${LOCAL}`,
    warnings: [],
  });
  const looser = settings({ localMode: { mode: "off", source: LOCAL } });
  assertEquals(decideMode(looser, "fakey", WORKS), {
    mode: "jail",
    reason: "automatic: the jail works here",
    warnings: [
      `${LOCAL}: sandbox.mode: off ignored: a repository's sase.yml may only make the sandbox ` +
      "stricter than jail (set it in your own ~/.config/sase/sase.yml)",
    ],
  });
  // Equal to what applies anyway: nothing to say.
  const same = settings({ localMode: { mode: "permissions", source: LOCAL } });
  assertEquals(decideMode(same, "fakey", MISSING).warnings, []);
  // A provider's own local mode speaks for that provider.
  const perProvider = settings({
    mode: { mode: "permissions", source: USER },
    providers: { fakey: { localMode: { mode: "off", source: LOCAL }, rules: RULES } },
  });
  assertEquals(decideMode(perProvider, "fakey", WORKS).warnings, [
    `${LOCAL}: sandbox.providers.fakey.mode: off ignored: a repository's sase.yml may only ` +
    "make the sandbox stricter than permissions (set it in your own ~/.config/sase/sase.yml)",
  ]);
});

Deno.test("a jail that was asked for and is unavailable is an error, never a silent downgrade", () => {
  assertThrows(
    () => decideMode(settings({ mode: { mode: "jail", source: USER } }), "claude", MISSING),
    SaseError,
    `sandbox.mode: jail in ${USER} asks for the jail, which is unavailable here: socat not found`,
  );
  assertThrows(
    () =>
      decideMode(
        settings({
          mode: { mode: "off", source: USER },
          localMode: { mode: "jail", source: LOCAL },
        }),
        "claude",
        MISSING,
      ),
    SaseError,
    `sandbox.mode: jail in ${LOCAL} asks for the jail`,
  );
});

Deno.test("the automatic fallback is announced once per machine and reason", async () => {
  await using sb = await makeSandbox();
  const warned: string[] = [];
  const warn = (message: string) => warned.push(message);
  const decision = decideMode(settings(), "claude", MISSING);
  await warnFallbackOnce(sb.env, decision, warn);
  await warnFallbackOnce(sb.env, decision, warn);
  assertEquals(warned, [decision.fallback]);
  const other = decideMode(settings(), "claude", { ...MISSING, missing: ["bwrap not found"] });
  await warnFallbackOnce(sb.env, other, warn);
  assertEquals(warned, [decision.fallback, other.fallback]);
  assertEquals(
    await Deno.readTextFile(join(sb.saseHome, "cache", "sandbox_fallback.txt")),
    other.fallback,
  );
  // A jail that works has nothing to announce.
  await warnFallbackOnce(sb.env, decideMode(settings(), "claude", WORKS), warn);
  assertEquals(warned.length, 2);
});
