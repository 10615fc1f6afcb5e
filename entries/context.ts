/**
 * The composition root: sase's core services wired to its built-in
 * providers and to the launch sandbox's worker. Every process entry (the
 * CLI, a detached agent runner, and later ACE, axe and the gateway) builds
 * its application context here, and `mod.ts` offers the same to library
 * users. Providers are imported on first use, so a command that never
 * launches an agent never loads them.
 *
 * @module
 */

import { importOnDemand } from "../core/on_demand.ts";
import { type AppContext, createAppContext, type ProviderSet } from "../core/context.ts";
import { type Env, processEnv } from "../core/config/paths.ts";

/** The launch sandbox's worker module (see `core/agent/run/sandbox.ts`). */
const ATTEMPT_WORKER = new URL("./attempt_worker.ts", import.meta.url);

/** sase's built-in LLM, workspace and VCS providers and its sandboxed attempts. */
export const BUILTIN_PROVIDER_SET: ProviderSet = {
  async llm() {
    const { createProviderRegistry } = await importOnDemand<
      typeof import("../providers/llm/registry.ts")
    >("../providers/llm/registry.ts", import.meta.url);
    return createProviderRegistry();
  },
  async workspace() {
    const { createWorkspaceProviderRegistry } = await importOnDemand<
      typeof import("../providers/workspace/registry.ts")
    >("../providers/workspace/registry.ts", import.meta.url);
    return createWorkspaceProviderRegistry();
  },
  async vcs() {
    const { createVcsProviderRegistry } = await importOnDemand<
      typeof import("../providers/vcs/registry.ts")
    >("../providers/vcs/registry.ts", import.meta.url);
    return createVcsProviderRegistry();
  },
  async attempts(sandbox, env) {
    const [{ sandboxedAttempts }, { commandConfiner }, { jailAvailability }, llm] = await Promise
      .all([
        importOnDemand<typeof import("../core/agent/run/sandbox.ts")>(
          "../core/agent/run/sandbox.ts",
          import.meta.url,
        ),
        importOnDemand<typeof import("../core/sandbox/command.ts")>(
          "../core/sandbox/command.ts",
          import.meta.url,
        ),
        importOnDemand<typeof import("../core/sandbox/availability.ts")>(
          "../core/sandbox/availability.ts",
          import.meta.url,
        ),
        BUILTIN_PROVIDER_SET.llm(),
      ]);
    let found: ReturnType<typeof jailAvailability> | undefined;
    const availability = () => found ??= jailAvailability(env);
    const providers = llm.infos();
    return {
      ...sandboxedAttempts({
        workerUrl: ATTEMPT_WORKER,
        env,
        settings: sandbox,
        providers,
        availability,
      }),
      confineCommand: commandConfiner({ settings: sandbox, providers, availability }),
    };
  },
};

/** Options of {@linkcode saseContext}. */
export interface SaseContextOptions {
  /** Default: this process's environment. */
  env?: Env;
  /** Default: this process's working directory. */
  cwd?: string;
  /** Default: `warning: <message>` on stderr. */
  warn?: (message: string) => void;
}

/** An application context with sase's built-in providers. */
export function saseContext(options: SaseContextOptions = {}): AppContext {
  return createAppContext({
    env: options.env ?? processEnv(),
    cwd: options.cwd ?? Deno.cwd(),
    providers: BUILTIN_PROVIDER_SET,
    warn: options.warn,
  });
}
