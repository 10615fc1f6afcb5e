/**
 * The bundled default configuration (layer 1 of the merge), kept as YAML
 * text so `sase config layers` can show it the way users write config and so
 * it ships inside the single binary without a file lookup.
 *
 * @module
 */

/** The name under which the bundled defaults appear in `sase config layers`. */
export const DEFAULT_CONFIG_NAME = "<bundled>/default_config.yml";

/** The bundled defaults, as YAML. */
export const DEFAULT_CONFIG_YAML =
  `# sase bundled defaults. Override any key in ~/.config/sase/sase.yml.
amd_h1_title: null
ace:
  inactive_seconds: 600
  repro_output_dir: ""
  snippets: {}
  prompt_completion:
    auto: soft
    debounce_ms: 90
    auto_file_paths: false
    auto_xprompt_menu: true
    auto_directive_menu: true
    max_auto_rows: 1
  keymaps:
    app:
      next_changespec: "j"
      prev_changespec: "k"
    modes:
      leader_mode:
        prefix: "comma"
        keys:
          repeat_last: "comma"
          projects: "p"
          temporary_llm_override: "o"
          full_history_refresh: "y"
      fold_mode:
        prefix: "z"
        keys:
          cycle_commits: "c"
          cycle_hooks: "h"
llm_provider:
  model_aliases: {}
  worker_models: {}
  retry: {}
commit:
  finalizer:
    enabled: true
    max_passes: 2
linked_repos: []
vcs_provider:
  provider: auto
  default_hooks: []
  pr_tags: {}
  use_project_pr_prefix: false
axe:
  max_hook_runners: 3
  max_agent_runners: 3
  zombie_timeout_seconds: 7200
  query: ""
  chop_script_dirs: []
  lumberjack_log_max_bytes: 52428800
  verbose_lumberjack_diagnostics: false
  lumberjacks:
    hooks:
      interval: 5
      chop_timeout: "90s"
      chops:
        - hook_checks
        - mentor_checks
        - workflow_checks
        - pending_checks_poll
        - comment_zombie_checks
        - suffix_transforms
        - orphan_cleanup
    waits:
      interval: 10
      chops:
        - wait_checks
    checks:
      interval: 300
      chops:
        - cl_submitted_checks
        - stale_running_cleanup
    comments:
      interval: 60
      chops:
        - comment_checks
    housekeeping:
      interval: 3600
      chops:
        - error_digest
mentor_profiles: []
metahooks: []
xprompts: {}
xprompt_aliases:
  c: commit
  p: propose
use_chezmoi: false
precommit_command: ""
timezone: America/New_York
chat_install:
  command: ""
  sync_workspace: true
  timeout_seconds: 900
  restart_attempts: 3
mobile_gateway:
  bind_address: 127.0.0.1
  port: 7629
  state_dir: ""
  allow_non_loopback: false
  command: ""
  agent_bridge_command: ""
  helper_bridge_command: ""
  push_provider: disabled
  fcm_project_id: ""
  fcm_service_account_json: ""
  fcm_credential_env: ""
  fcm_dry_run: false
  push_timeout_seconds: 5.0
  push_retry_limit: 1
  startup_timeout_seconds: 10.0
sdd:
  version_controlled: false
bead:
  push_after_commit: true
workspace:
  root: xdg-state
  project_key: ""
  cleanup_ttl_days: 14
sandbox:
  read: []
  write: []
  deny: []
  hosts: []
  env: []
  providers: {}
telemetry:
  enabled: false
  prometheus:
    exposition_port: 9464
    pushgateway_url: "localhost:9091"
    url: "localhost:9090"
  health_thresholds:
    error_rate_warn: 10.0
    error_rate_critical: 25.0
    retry_rate_warn: 10.0
    retry_rate_critical: 25.0
    p95_latency_warn: 300.0
    p95_latency_critical: 600.0
`;
