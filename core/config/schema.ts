/**
 * The zod schema of sase's configuration keys (handbook chapter 24).
 *
 * Every field is optional because the same schema checks each layer on its
 * own (so an error names the file that set the bad value) and the merged
 * result; defaults come from the bundled defaults layer, not from here.
 * Objects are loose: keys the handbook does not define are kept, and
 * reported as warnings by {@linkcode unknownTopLevelKeys}.
 *
 * @module
 */

import { z } from "zod";
import type { SaseConfig } from "./types.ts";

const str = z.string();
const bool = z.boolean();
const int = z.number().int();
const nonNegInt = int.nonnegative();
const num = z.number();
const strList = z.array(str);
const strMap = z.record(str, str);

const customModeKey = z.looseObject({ key: str, shell: str.optional(), action: str.optional() })
  .refine((entry) => (entry.shell === undefined) !== (entry.action === undefined), {
    message: "exactly one of `shell` or `action` must be set",
  });

const aceSchema = z.looseObject({
  inactive_seconds: nonNegInt,
  repro_output_dir: str,
  snippets: strMap,
  prompt_completion: z.looseObject({
    auto: z.union([bool, str]),
    debounce_ms: nonNegInt,
    auto_file_paths: bool,
    auto_xprompt_menu: bool,
    auto_directive_menu: bool,
    max_auto_rows: nonNegInt,
  }).partial(),
  keymaps: z.looseObject({
    app: strMap,
    modes: z.record(
      str,
      z.looseObject({ prefix: str, keys: z.record(str, z.union([str, customModeKey])) }).partial(),
    ),
  }).partial(),
}).partial();

const sandboxMode = z.enum(["jail", "permissions", "off"]);

/** What a `sandbox:` section or a provider's override in it grants or withholds. */
const sandboxShape = z.looseObject({
  read: strList,
  write: strList,
  deny: strList,
  hosts: strList,
  env: z.array(str.regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "an environment variable name")),
});

const retrySchema = z.looseObject({
  max_retries: nonNegInt,
  error_patterns: strList,
  wait_times: z.array(num.nonnegative()),
  fallback_model: str.nullable(),
  continuation_prompt: str.nullable(),
  preserve_workspace: bool,
  spawn_new_agent: bool,
}).partial();

const llmProviderSchema = z.looseObject({
  provider: str.nullable(),
  worker_models: strMap,
  model_tier_map: z.looseObject({ large: str, small: str }).partial(),
  model_aliases: strMap,
  retry: z.record(str, retrySchema),
  stall_timeout: z.union([
    num.positive(),
    str.regex(
      /^\s*\d+(\.\d+)?\s*(ms|s|m|h)?\s*$/,
      "use seconds or a duration such as 90s, 15m or 1h",
    ),
  ]),
}).partial();

const linkedRepoSchema = z.looseObject({
  name: str,
  path: str,
  description: str.optional(),
  workspace: z.looseObject({ strategy: z.enum(["suffix", "none"]) }).partial().optional(),
});

const chopSchema = z.union([
  str,
  z.looseObject({
    name: str,
    description: str.optional(),
    agent: str.optional(),
    xprompt: str.optional(),
    run_every: str.regex(/^\d+(s|m|h)$/, "use a duration such as 30s, 60m or 2h").optional(),
    timeout: str.optional(),
    env: z.record(str, z.union([str, num, bool])).optional(),
  }),
]);

const axeSchema = z.looseObject({
  max_hook_runners: nonNegInt,
  max_agent_runners: nonNegInt,
  zombie_timeout_seconds: nonNegInt,
  query: str,
  chop_script_dirs: strList,
  lumberjack_log_max_bytes: nonNegInt,
  verbose_lumberjack_diagnostics: bool,
  lumberjacks: z.record(
    str,
    z.looseObject({ interval: num.positive(), chop_timeout: str, chops: z.array(chopSchema) })
      .partial(),
  ),
}).partial();

const mentorProfileSchema = z.looseObject({
  profile_name: str,
  mentors: z.array(z.looseObject({
    mentor_name: str,
    role: str,
    focus_areas: z.array(z.looseObject({ focus_name: str, description: str })),
  })),
  file_globs: strList.optional(),
  diff_regexes: strList.optional(),
  amend_note_regexes: strList.optional(),
  first_commit: bool.optional(),
  projects: strList.optional(),
}).refine(
  (profile) =>
    profile.file_globs !== undefined || profile.diff_regexes !== undefined ||
    profile.amend_note_regexes !== undefined || profile.first_commit !== undefined,
  { message: "set at least one of file_globs, diff_regexes, amend_note_regexes or first_commit" },
);

const xpromptEntrySchema = z.union([
  str,
  z.looseObject({
    content: str,
    input: z.unknown().optional(),
    output: z.unknown().optional(),
    tags: z.union([strList, str]).optional(),
    description: str.optional(),
  }),
]);

const mobileGatewaySchema = z.looseObject({
  bind_address: str,
  port: int.min(0).max(65535),
  state_dir: str,
  allow_non_loopback: bool,
  command: str,
  agent_bridge_command: str,
  helper_bridge_command: str,
  push_provider: z.enum(["disabled", "test", "fcm"]),
  fcm_project_id: str,
  fcm_service_account_json: str,
  fcm_credential_env: str,
  fcm_dry_run: bool,
  push_timeout_seconds: num.nonnegative(),
  push_retry_limit: nonNegInt,
  startup_timeout_seconds: num.nonnegative(),
}).partial();

const configShape = z.looseObject({
  amd_h1_title: str.nullable(),
  ace: aceSchema,
  llm_provider: llmProviderSchema,
  commit: z.looseObject({
    finalizer: z.looseObject({ enabled: bool, max_passes: nonNegInt }).partial(),
  }).partial(),
  linked_repos: z.array(linkedRepoSchema),
  sibling_repos: z.array(linkedRepoSchema),
  vcs_provider: z.looseObject({
    provider: str,
    workspace_root: str,
    default_hooks: strList,
    pr_tags: z.record(str, z.union([str, num, bool])),
    use_project_pr_prefix: bool,
  }).partial(),
  axe: axeSchema,
  mentor_profiles: z.array(mentorProfileSchema),
  metahooks: z.array(z.looseObject({ name: str, hook_command: str, output_regex: str })),
  xprompts: z.record(str, xpromptEntrySchema),
  xprompt_aliases: z.record(
    str.regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, "alias names are identifiers"),
    str,
  ),
  use_chezmoi: bool,
  precommit_command: str,
  timezone: str,
  chat_install: z.looseObject({
    command: str,
    sync_workspace: bool,
    timeout_seconds: num.nonnegative(),
    restart_attempts: nonNegInt,
  }).partial(),
  mobile_gateway: mobileGatewaySchema,
  sdd: z.looseObject({ version_controlled: bool }).partial(),
  bead: z.looseObject({ push_after_commit: z.union([bool, z.literal("async")]) }).partial(),
  workspace: z.looseObject({ root: str, project_key: str, cleanup_ttl_days: num.nonnegative() })
    .partial(),
  sandbox: sandboxShape.extend({
    providers: z.record(str, sandboxShape.extend({ mode: sandboxMode }).partial()),
    mode: sandboxMode,
  }).partial(),
  telemetry: z.looseObject({
    enabled: bool,
    prometheus: z.looseObject({ exposition_port: int, pushgateway_url: str, url: str }).partial(),
    health_thresholds: z.record(str, num),
  }).partial(),
  tools: z.record(str, z.looseObject({ argv: strList }).partial()),
  plugins: strList,
}).partial();

/** The schema of a whole configuration (or of any one layer). */
export const ConfigSchema: z.ZodType<SaseConfig> = configShape;

export type { SaseConfig };

/** Top-level keys the handbook defines. */
export const KNOWN_TOP_LEVEL_KEYS: ReadonlySet<string> = new Set(Object.keys(configShape.shape));

/** Top-level keys of `value` that sase does not know (likely typos). */
export function unknownTopLevelKeys(value: Record<string, unknown>): string[] {
  return Object.keys(value).filter((key) => !KNOWN_TOP_LEVEL_KEYS.has(key));
}
