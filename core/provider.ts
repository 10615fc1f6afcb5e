/**
 * The interfaces provider implementations satisfy. `core` defines them;
 * `providers/` implements them; the CLI composes the two.
 *
 * An LLM provider is thin (handbook 21.2): it knows its metadata, how to
 * build the exact command line for a prompt, and how to parse its CLI's
 * output stream. Spawning, streaming, artifacts and retries live in the
 * shared run service (`core/agent/`).
 *
 * @module
 */

import type { Env } from "./env.ts";
import type { StreamParser } from "./provider_events.ts";

export type { StreamParser } from "./provider_events.ts";

/** The two model tiers callers ask for. */
export type ModelTier = "large" | "small";

/** A provider's built-in retry defaults (handbook 21.18.4). */
export interface ProviderRetryDefaults {
  max_retries: number;
  error_patterns: readonly string[];
  wait_times: readonly number[];
  continuation_prompt?: string;
  preserve_workspace?: boolean;
}

/** Static facts about one LLM provider. */
export interface LlmProviderInfo {
  /** Name used in config and in `%model:<name>/<model>`. */
  name: string;
  /** Agent-name suffix (`cld`, `cdx`, `agy`, `qwn`, `opc`). */
  shortName: string;
  /** Display name of the tool. */
  tool: string;
  /** Executable looked up on `PATH`. */
  binary: string;
  /** Environment variable naming a specific executable, if any. */
  pathEnv?: string;
  /** Extra directories (named by env vars) searched after `PATH`, e.g. `NVM_BIN`. */
  fallbackDirEnvs?: readonly string[];
  /** Prefix of the per-provider args variables: `SASE_<P>_{LARGE,SMALL}_ARGS`. */
  argsEnvPrefix: string;
  /** Autodetect priority (lower wins); `null` = only selectable explicitly. */
  autodetectPriority: number | null;
  /** Concrete model per tier. */
  tierModels: Readonly<Record<ModelTier, string>>;
  /** Model names that select this provider without a `provider/` prefix. */
  knownModels: readonly string[];
  /** Display-only short names for long model ids. */
  shortAliases: Readonly<Record<string, string>>;
  /** Built-in retry defaults, merged under `llm_provider.retry.<name>`. */
  retryDefaults?: ProviderRetryDefaults;
  /** How a user installs it. */
  install: string;
  /** How a user signs in. */
  auth: string;
  /** Hidden from doctor and autodetect listings (test providers). */
  hidden?: boolean;
  /** What its CLI needs inside the jail (none of it when absent). */
  sandbox?: ProviderSandboxNeeds;
  /** The plugin module a third-party provider comes from (the launch worker imports it). */
  module?: string;
}

/**
 * What a provider's CLI needs from inside the jail (DESIGN.md "Sandbox"):
 * everything else is withheld. `sandbox:` in the user's config widens it.
 */
export interface ProviderSandboxNeeds {
  /** Environment variables passed to it by name: its API keys, base URLs, config dirs. */
  env: readonly string[];
  /** API hosts it may connect to: `host`, `*.domain` or `host:port`. */
  hosts: readonly string[];
  /**
   * Its own state, writable for it and unreadable to every other provider:
   * `~/...` under `HOME`, `$NAME/...` under the directory an environment
   * variable names. A trailing `/` marks a directory, created when missing;
   * any other entry is a file, writable in place when it exists.
   */
  state: readonly string[];
}

/** What a provider needs to build one command line. */
export interface InvocationRequest {
  /** The final prompt text. */
  prompt: string;
  /** The concrete model. */
  model: string;
  tier: ModelTier;
  /** The workspace directory the agent runs in. */
  cwd: string;
  /** The environment the agent will see (used for path and args variables). */
  env: Env;
  /** A session id chosen by sase, for providers that accept one. */
  sessionId: string;
}

/** A command line ready to spawn. */
export interface Invocation {
  /** Program and arguments; `argv[0]` may be a bare name resolved on `PATH`. */
  argv: string[];
  /** Text written to the child's stdin (then closed); absent = no stdin. */
  stdin?: string;
  /** Variables added to the child's environment. */
  env: Record<string, string>;
}

/** Where one run happens, for providers that set something up around it. */
export interface RunContext {
  /** The workspace directory the agent runs in. */
  cwd: string;
  /** The run's artifact directory (`SASE_ARTIFACTS_DIR`). */
  artifactsDir: string;
  /** The environment the agent will see. */
  env: Env;
}

/** What a provider set up for one run (tool hooks, a shadow home), undone afterwards. */
export interface PreparedRun {
  /** Variables added to the child's environment. */
  env?: Record<string, string>;
  /** Undo the preparation; called once the run has ended, whatever its outcome. */
  cleanup(): Promise<void>;
}

/** One LLM provider implementation. */
export interface LlmProvider {
  readonly info: LlmProviderInfo;
  /** Build the exact command line; throws `SaseError` for prompts it cannot carry. */
  buildInvocation(request: InvocationRequest): Invocation;
  /** A fresh parser for one run's output stream. */
  createStreamParser(): StreamParser;
  /**
   * Set up what the provider's CLI needs around a run (called by the trusted
   * launcher, outside the sandbox, before the first attempt).
   */
  prepareRun?(context: RunContext): Promise<PreparedRun>;
}

/** Looks providers up by name (implemented by `providers/llm/registry.ts`). */
export interface LlmProviderLookup {
  /** Every registered provider's metadata. */
  infos(): readonly LlmProviderInfo[];
  /** The provider named `name`; throws `SaseError` when unknown. */
  get(name: string): LlmProvider;
}

export type {
  CompleteVcsProvider,
  VcsProvider,
  VcsProviderInfo,
  VcsProviderLookup,
} from "./vcs/provider.ts";
