/**
 * The typed shape of sase's configuration (handbook chapter 24). Every key is
 * optional: a layer sets only what it overrides, and the bundled defaults
 * fill in the rest. Unknown keys are preserved by the loader, so these types
 * list what sase reads, not everything a file may hold.
 *
 * @module
 */

/** A custom-mode key binding: exactly one of `shell` or `action`. */
export interface CustomModeKey {
  key: string;
  shell?: string;
  action?: string;
}

/** `ace:` — the terminal UI. */
export interface AceConfig {
  inactive_seconds?: number;
  repro_output_dir?: string;
  snippets?: Record<string, string>;
  prompt_completion?: {
    auto?: boolean | string;
    debounce_ms?: number;
    auto_file_paths?: boolean;
    auto_xprompt_menu?: boolean;
    auto_directive_menu?: boolean;
    max_auto_rows?: number;
  };
  keymaps?: {
    app?: Record<string, string>;
    modes?: Record<string, { prefix?: string; keys?: Record<string, string | CustomModeKey> }>;
  };
}

/** `llm_provider.retry.<provider>:` */
export interface RetryConfig {
  max_retries?: number;
  error_patterns?: string[];
  wait_times?: number[];
  fallback_model?: string | null;
  continuation_prompt?: string | null;
  preserve_workspace?: boolean;
  spawn_new_agent?: boolean;
}

/** `llm_provider:` — which agent CLI and model to use. */
export interface LlmProviderConfig {
  provider?: string | null;
  worker_models?: Record<string, string>;
  model_tier_map?: { large?: string; small?: string };
  model_aliases?: Record<string, string>;
  retry?: Record<string, RetryConfig>;
  /** Watchdog: seconds (or `90s`, `15m`, `1h`) without agent output before a run fails. */
  stall_timeout?: number | string;
}

/** One `linked_repos:` entry. */
export interface LinkedRepoConfig {
  name: string;
  path: string;
  description?: string;
  workspace?: { strategy?: "suffix" | "none" };
}

/** An axe chop: a bare name or a structured entry. */
export type ChopConfig = string | {
  name: string;
  description?: string;
  agent?: string;
  xprompt?: string;
  run_every?: string;
  timeout?: string;
  env?: Record<string, string | number | boolean>;
};

/** `axe:` — the background scheduler. */
export interface AxeConfig {
  max_hook_runners?: number;
  max_agent_runners?: number;
  zombie_timeout_seconds?: number;
  query?: string;
  chop_script_dirs?: string[];
  lumberjack_log_max_bytes?: number;
  verbose_lumberjack_diagnostics?: boolean;
  lumberjacks?: Record<string, { interval?: number; chop_timeout?: string; chops?: ChopConfig[] }>;
}

/** One `mentor_profiles:` entry. */
export interface MentorProfileConfig {
  profile_name: string;
  mentors: {
    mentor_name: string;
    role: string;
    focus_areas: { focus_name: string; description: string }[];
  }[];
  file_globs?: string[];
  diff_regexes?: string[];
  amend_note_regexes?: string[];
  first_commit?: boolean;
  projects?: string[];
}

/** A config-defined xprompt: a template string or a structured entry. */
export type XPromptConfigEntry = string | {
  content: string;
  input?: unknown;
  output?: unknown;
  tags?: string[] | string;
  description?: string;
};

/** `mobile_gateway:` */
export interface MobileGatewayConfig {
  bind_address?: string;
  port?: number;
  state_dir?: string;
  allow_non_loopback?: boolean;
  command?: string;
  agent_bridge_command?: string;
  helper_bridge_command?: string;
  push_provider?: "disabled" | "test" | "fcm";
  fcm_project_id?: string;
  fcm_service_account_json?: string;
  fcm_credential_env?: string;
  fcm_dry_run?: boolean;
  push_timeout_seconds?: number;
  push_retry_limit?: number;
  startup_timeout_seconds?: number;
}

/** The sandbox modes, strictest first (`sandbox.mode`). */
export type SandboxMode = "jail" | "permissions" | "off";

/** What a `sandbox:` section, or one provider's override in it, grants or withholds. */
export interface SandboxRulesConfig {
  /** Extra paths the agent may read (re-opened inside denied areas). */
  read?: string[];
  /** Extra paths the agent may write. */
  write?: string[];
  /** Extra paths the agent may neither read nor write. */
  deny?: string[];
  /** Extra network hosts the agent may reach (`host`, `*.domain`, `host:port`). */
  hosts?: string[];
  /** Extra environment variables passed to the agent, by name. */
  env?: string[];
}

/** One provider's `sandbox.providers.<name>` override. */
export interface SandboxProviderConfig extends SandboxRulesConfig {
  mode?: SandboxMode;
}

/**
 * `sandbox:` (DESIGN.md "Sandbox"): how agents are confined. A repo-local
 * `./sase.yml` may only narrow it (see `core/sandbox/settings.ts`).
 */
export interface SandboxConfig extends SandboxRulesConfig {
  /** Unset: `jail` where the jail works, else `permissions`. */
  mode?: SandboxMode;
  providers?: Record<string, SandboxProviderConfig>;
}

/** The whole configuration. */
export interface SaseConfig {
  amd_h1_title?: string | null;
  ace?: AceConfig;
  llm_provider?: LlmProviderConfig;
  commit?: { finalizer?: { enabled?: boolean; max_passes?: number } };
  linked_repos?: LinkedRepoConfig[];
  /** Deprecated alias of `linked_repos`. */
  sibling_repos?: LinkedRepoConfig[];
  vcs_provider?: {
    provider?: string;
    workspace_root?: string;
    default_hooks?: string[];
    pr_tags?: Record<string, string | number | boolean>;
    use_project_pr_prefix?: boolean;
  };
  axe?: AxeConfig;
  mentor_profiles?: MentorProfileConfig[];
  metahooks?: { name: string; hook_command: string; output_regex: string }[];
  xprompts?: Record<string, XPromptConfigEntry>;
  xprompt_aliases?: Record<string, string>;
  use_chezmoi?: boolean;
  precommit_command?: string;
  timezone?: string;
  chat_install?: {
    command?: string;
    sync_workspace?: boolean;
    timeout_seconds?: number;
    restart_attempts?: number;
  };
  mobile_gateway?: MobileGatewayConfig;
  sdd?: { version_controlled?: boolean };
  bead?: { push_after_commit?: boolean | "async" };
  workspace?: { root?: string; project_key?: string; cleanup_ttl_days?: number };
  sandbox?: SandboxConfig;
  telemetry?: {
    enabled?: boolean;
    prometheus?: { exposition_port?: number; pushgateway_url?: string; url?: string };
    health_thresholds?: Record<string, number>;
  };
  tools?: Record<string, { argv?: string[] }>;
  /** Plugin modules (paths relative to the file naming them, `npm:`, `jsr:`); see `core/plugin/`. */
  plugins?: string[];
}
