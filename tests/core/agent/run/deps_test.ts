import { assertEquals, assertRejects } from "../../../_helpers/assert.ts";
import { runDepsFor } from "../../../../core/agent/run/deps.ts";
import { createAppContext, type ProviderSet } from "../../../../core/context.ts";
import { SaseError } from "../../../../core/errors.ts";
import { PluginRegistry } from "../../../../core/plugin/registry.ts";
import type { AttemptSpec } from "../../../../core/agent/run/attempt.ts";

/** A provider set that counts how often the launch sandbox was asked for. */
function countingProviders(): { providers: ProviderSet; sandboxes: () => number } {
  let sandboxes = 0;
  return {
    providers: {
      llm: () => Promise.resolve({ get: () => undefined } as never),
      workspace: () => Promise.resolve({ get: () => undefined } as never),
      vcs: () => Promise.resolve({ get: () => undefined } as never),
      plugins: () => Promise.resolve(new PluginRegistry()),
      attempts() {
        sandboxes++;
        return Promise.resolve({ runAttempt: () => Promise.reject(new Error("unused")) });
      },
    },
    sandboxes: () => sandboxes,
  };
}

const app = (providers: ProviderSet) =>
  createAppContext({
    env: { HOME: "/nonexistent" },
    cwd: "/",
    providers,
    // No configuration files: the sandbox's settings come from the layers.
    loadConfig: () => Promise.resolve({ config: {}, raw: {}, layers: [], warnings: [] }),
  });

Deno.test("runDepsFor: a launcher that runs no attempt itself never loads the launch sandbox", async () => {
  const { providers, sandboxes } = countingProviders();
  const deps = await runDepsFor(app(providers), { config: {}, runsAttempts: false });
  assertEquals(sandboxes(), 0);
  // Should anything try to run an attempt here anyway, it is refused, never run unsandboxed.
  await assertRejects(
    async () => await deps.runAttempt!({} as AttemptSpec),
    SaseError,
    "runs no attempt itself",
  );
});

Deno.test("runDepsFor: by default attempts run through the provider set's sandbox", async () => {
  const { providers, sandboxes } = countingProviders();
  await runDepsFor(app(providers), { config: {} });
  assertEquals(sandboxes(), 1);
});
