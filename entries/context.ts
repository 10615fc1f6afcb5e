/**
 * The composition root: sase's core services wired to its built-in
 * providers and to the launch sandbox's worker. Every process entry (the
 * CLI, a detached agent runner, and later ACE, axe and the gateway) builds
 * its application context here, and `mod.ts` offers the same to library
 * users. Providers are composed through the plugin registry
 * (`core/plugin/`): sase's built-ins first, then the plugins the context's
 * configuration lists. They are imported on first use, so a command that
 * never launches an agent never loads them.
 *
 * @module
 */

import { importOnDemand } from "../core/on_demand.ts";
import { type AppContext, createAppContext, type ProviderSet } from "../core/context.ts";
import { type Env, processEnv } from "../core/config/paths.ts";
import { buildPluginRegistry } from "../core/plugin/configured.ts";
import type { PluginRegistry } from "../core/plugin/registry.ts";
import type { PluginListLayer } from "../core/plugin/specifiers.ts";

/** The launch sandbox's worker module (see `core/agent/run/sandbox.ts`). */
const ATTEMPT_WORKER = new URL("./attempt_worker.ts", import.meta.url);

/**
 * A registry of sase's built-ins and the plugins `layers` list. The
 * built-ins' table is imported here, on first use: a command that never
 * asks for a provider never loads it.
 */
async function registryFor(layers: readonly PluginListLayer[]): Promise<PluginRegistry> {
  const { registerBuiltinPlugins } = await importOnDemand<typeof import("./builtin_plugins.ts")>(
    "./builtin_plugins.ts",
    import.meta.url,
  );
  return await buildPluginRegistry(layers, registerBuiltinPlugins);
}

/** The built-in registry: sase's own entries only (no configuration read). */
function builtinRegistry(): Promise<PluginRegistry> {
  return registryFor([]);
}

/**
 * The providers of `registry` (built-ins first, then configured plugins):
 * each lookup is built from its group's entries, collected on first use; a
 * name registered twice keeps its first entry, so no plugin replaces a
 * built-in.
 */
export function pluginProviderSet(registry: () => Promise<PluginRegistry>): ProviderSet {
  const set: ProviderSet = {
    plugins: registry,
    async llm() {
      const [{ createProviderRegistry }, providers] = await Promise.all([
        importOnDemand<typeof import("../providers/llm/registry.ts")>(
          "../providers/llm/registry.ts",
          import.meta.url,
        ),
        registry().then((r) => r.collectAll("sase_llm", (provider) => provider)),
      ]);
      return createProviderRegistry(providers);
    },
    async workspace() {
      const [{ createWorkspaceProviderRegistry }, providers] = await Promise.all([
        importOnDemand<typeof import("../providers/workspace/registry.ts")>(
          "../providers/workspace/registry.ts",
          import.meta.url,
        ),
        registry().then((r) => r.collectAll("sase_workspace", (provider) => provider)),
      ]);
      return createWorkspaceProviderRegistry(providers);
    },
    async vcs() {
      const [{ createVcsProviderRegistry }, definitions] = await Promise.all([
        importOnDemand<typeof import("../providers/vcs/registry.ts")>(
          "../providers/vcs/registry.ts",
          import.meta.url,
        ),
        registry().then((r) => r.collectAll("sase_vcs", (definition) => definition)),
      ]);
      return createVcsProviderRegistry(definitions);
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
          set.llm(),
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
  return set;
}

/** sase's built-in LLM, workspace and VCS providers and its sandboxed attempts. */
export const BUILTIN_PROVIDER_SET: ProviderSet = pluginProviderSet(builtinRegistry);

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
  let registry: Promise<PluginRegistry> | undefined;
  const app: AppContext = createAppContext({
    env: options.env ?? processEnv(),
    cwd: options.cwd ?? Deno.cwd(),
    // The plugins listed by the configuration of the context's own directory.
    providers: pluginProviderSet(() =>
      registry ??= app.config().then((loaded) => registryFor(loaded.layers))
    ),
    warn: options.warn,
  });
  return app;
}
