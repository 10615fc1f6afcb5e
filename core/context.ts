/**
 * The application context: what every service needs to know about the
 * process it runs in, built once per process by its front door (the CLI, a
 * detached agent runner, ACE, axe, the gateway, a library user) and passed
 * to the services it calls, so they all see the same environment, working
 * directory, configuration and providers.
 *
 * Building one is cheap: the configuration and the provider registries load
 * on first use, so a command pays only for what it touches.
 *
 * @module
 */

import type { LoadedConfig } from "./config/loaded.ts";
import type { Env } from "./env.ts";
import type { SandboxSettings } from "./sandbox/settings.ts";
import type { LlmProviderLookup } from "./provider.ts";
import type { WorkspaceProviderLookup } from "./workspace/provider.ts";
import type { VcsProviderLookup } from "./vcs/provider.ts";
import type { AttemptRunner, AttemptsSettled, AttemptWarmUp } from "./agent/run/run_deps.ts";
import type { CommandConfiner } from "./sandbox/command.ts";
import type { PluginRegistry } from "./plugin/registry.ts";
import { importOnDemand } from "./on_demand.ts";

/** How a run's attempts execute (in the launch sandbox, under the mode each provider gets). */
export interface AttemptAdapters {
  runAttempt: AttemptRunner;
  /** Gets the first attempt ready while the run is still being set up. */
  warmUpAttempt?: AttemptWarmUp;
  /** Waits for what a run's attempts finish after returning. */
  attemptsSettled?: AttemptsSettled;
  /**
   * Confines the commands a run starts besides its provider (workflow
   * `bash:`/`python:` steps); without it they run unconfined.
   */
  confineCommand?: CommandConfiner;
}

/**
 * The implementations core services dispatch to. Core defines the
 * interfaces; the composition root (`entries/context.ts`) supplies sase's
 * built-in providers, and a library user may supply others.
 */
export interface ProviderSet {
  /** The LLM providers (claude, codex, ..., fakey). */
  llm(): Promise<LlmProviderLookup>;
  /** The workspace providers (`#git:`, `#cd:`, ...). */
  workspace(): Promise<WorkspaceProviderLookup>;
  /** The VCS providers (`bare_git`, `github`, `hg`). */
  vcs(): Promise<VcsProviderLookup>;
  /** How attempts run under the `sandbox:` settings. */
  attempts(sandbox: SandboxSettings, env: Env): Promise<AttemptAdapters>;
  /** The plugin registry the providers above are composed from (`core/plugin/`). */
  plugins(): Promise<PluginRegistry>;
}

/** The application context every service receives. */
export interface AppContext {
  /** The environment variables services see (a snapshot, never the live process env). */
  readonly env: Env;
  /** The directory the request is about: config layers, projects and workspaces resolve from it. */
  readonly cwd: string;
  readonly providers: ProviderSet;
  /** The merged configuration for `cwd`, loaded on first use and then shared. */
  config(): Promise<LoadedConfig>;
  /** Where warnings for the person at the front door go. */
  warn(message: string): void;
  /** The current time (replaceable in tests). */
  now(): Date;
  /** The same context for another directory (its configuration is loaded anew). */
  at(cwd: string): AppContext;
}

/** What {@linkcode createAppContext} needs. */
export interface AppContextInit {
  env: Env;
  cwd: string;
  providers: ProviderSet;
  /** Default: `warning: <message>` on stderr. */
  warn?: (message: string) => void;
  /** Default: the wall clock. */
  now?: () => Date;
  /** Loads the configuration (default: `loadConfig`, imported on first use). */
  loadConfig?: (options: { env: Env; cwd: string }) => Promise<LoadedConfig>;
}

async function defaultLoadConfig(options: { env: Env; cwd: string }): Promise<LoadedConfig> {
  const { loadConfig } = await importOnDemand<typeof import("./config/load.ts")>(
    "./config/load.ts",
    import.meta.url,
  );
  return await loadConfig(options);
}

/** Build an application context; nothing is loaded until a service asks for it. */
export function createAppContext(init: AppContextInit): AppContext {
  const load = init.loadConfig ?? defaultLoadConfig;
  let config: Promise<LoadedConfig> | undefined;
  const context: AppContext = {
    env: init.env,
    cwd: init.cwd,
    providers: init.providers,
    config() {
      config ??= load({ env: init.env, cwd: init.cwd });
      return config;
    },
    warn: init.warn ?? ((message) => console.error(`warning: ${message}`)),
    now: init.now ?? (() => new Date()),
    at(cwd) {
      return cwd === init.cwd ? context : createAppContext({ ...init, cwd });
    },
  };
  return context;
}
