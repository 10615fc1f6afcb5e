/**
 * The built-in LLM providers' metadata: the one table that names, binaries,
 * path variables, autodetect priorities, tier defaults and known models come
 * from (handbook 21.5–21.12). It lives in `core` so selection and doctor can
 * read it; the implementations in `providers/llm/` attach to these entries.
 *
 * @module
 */

import type { LlmProviderInfo } from "./provider.ts";

/** Prepended to the prompt on a retry so the agent resumes rather than restarts. */
export const RETRY_CONTINUATION_NUDGE =
  "Your previous attempt at this task was interrupted by a provider error. " +
  "Edits you already made are still on disk: inspect `git status` and `git diff` first, " +
  "then continue from where you left off instead of starting over.\n\n";

/** Claude Code (`claude -p ... --output-format stream-json`). */
export const CLAUDE_INFO: LlmProviderInfo = {
  name: "claude",
  shortName: "cld",
  tool: "Claude Code",
  binary: "claude",
  pathEnv: "SASE_CLAUDE_PATH",
  argsEnvPrefix: "SASE_CLAUDE",
  autodetectPriority: 0,
  tierModels: { large: "opus", small: "sonnet" },
  knownModels: ["opus", "sonnet", "haiku", "claude-fable-5"],
  shortAliases: { "claude-fable-5": "fable" },
  retryDefaults: {
    max_retries: 3,
    error_patterns: [
      "Prompt is too long",
      "socket connection was closed unexpectedly",
      "API Error",
    ],
    wait_times: [0],
    continuation_prompt: RETRY_CONTINUATION_NUDGE,
    preserve_workspace: true,
  },
  install: "npm install -g @anthropic-ai/claude-code",
  auth: "run `claude` and complete the login flow",
  sandbox: {
    env: [
      "ANTHROPIC_API_KEY",
      "ANTHROPIC_AUTH_TOKEN",
      "ANTHROPIC_BASE_URL",
      "CLAUDE_CODE_OAUTH_TOKEN",
      "CLAUDE_CONFIG_DIR",
      "IS_SANDBOX",
    ],
    hosts: ["api.anthropic.com", "console.anthropic.com", "platform.claude.com", "claude.ai"],
    state: ["~/.claude/", "~/.claude.json", "$CLAUDE_CONFIG_DIR/"],
  },
};

/** OpenAI Codex CLI (`codex exec --json`). */
export const CODEX_INFO: LlmProviderInfo = {
  name: "codex",
  shortName: "cdx",
  tool: "Codex CLI",
  binary: "codex",
  pathEnv: "SASE_CODEX_PATH",
  fallbackDirEnvs: ["NVM_BIN"],
  argsEnvPrefix: "SASE_CODEX",
  autodetectPriority: 10,
  tierModels: { large: "gpt-5.5", small: "codex-mini-latest" },
  knownModels: [
    "gpt-5.5",
    "gpt-5.3-codex",
    "codex-mini-latest",
    "o3",
    "o4-mini",
    "gpt-5.4",
    "gpt-4.1",
    "gpt-4.1-mini",
    "gpt-4o",
    "gpt-4o-mini",
  ],
  shortAliases: {
    "codex-mini-latest": "mini",
    "gpt-5.5": "gpt55",
    "gpt-5.4": "gpt54",
    "gpt-5.3-codex": "gpt53",
    "gpt-4.1": "gpt41",
    "gpt-4.1-mini": "gpt41m",
    "gpt-4o-mini": "gpt4om",
  },
  retryDefaults: {
    max_retries: 3,
    error_patterns: [
      "exceeded retry limit",
      "429 Too Many Requests",
      "Too Many Requests",
      "rate limit",
      "failed to connect to websocket",
    ],
    wait_times: [60, 300, 1800],
    continuation_prompt: RETRY_CONTINUATION_NUDGE,
    preserve_workspace: true,
  },
  install: "npm install -g @openai/codex",
  auth: "run `codex login`",
  sandbox: {
    env: ["OPENAI_API_KEY", "OPENAI_BASE_URL", "CODEX_HOME"],
    hosts: ["api.openai.com", "chatgpt.com", "auth.openai.com"],
    // The shadow home links back into the real one, so both are Codex's state.
    state: ["~/.codex/", "$CODEX_HOME/"],
  },
};

/** Qwen Code (`qwen --output-format stream-json`). */
export const QWEN_INFO: LlmProviderInfo = {
  name: "qwen",
  shortName: "qwn",
  tool: "Qwen Code",
  binary: "qwen",
  pathEnv: "SASE_QWEN_PATH",
  argsEnvPrefix: "SASE_QWEN",
  autodetectPriority: 15,
  tierModels: { large: "qwen3.6-plus", small: "qwen3-coder-flash" },
  knownModels: [
    "qwen3.6-plus",
    "qwen3-coder-plus",
    "qwen3-coder-flash",
    "qwen3-max",
    "qwen-plus",
    "qwen-max",
  ],
  shortAliases: {
    "qwen3.6-plus": "qwen36p",
    "qwen3-coder-plus": "qwen3cp",
    "qwen3-coder-flash": "qwen3cf",
  },
  install: "npm install -g @qwen-code/qwen-code",
  auth: "configure an API key or another Qwen-supported auth method",
  sandbox: {
    env: ["DASHSCOPE_API_KEY", "OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_MODEL"],
    hosts: ["dashscope.aliyuncs.com", "dashscope-intl.aliyuncs.com", "chat.qwen.ai"],
    state: ["~/.qwen/"],
  },
};

/** OpenCode (`opencode run --format json`). */
export const OPENCODE_INFO: LlmProviderInfo = {
  name: "opencode",
  shortName: "opc",
  tool: "OpenCode",
  binary: "opencode",
  pathEnv: "SASE_OPENCODE_PATH",
  argsEnvPrefix: "SASE_OPENCODE",
  autodetectPriority: 18,
  tierModels: { large: "anthropic/claude-sonnet-4-5", small: "openai/gpt-5-mini" },
  knownModels: [
    "anthropic/claude-sonnet-4-5",
    "anthropic/claude-opus-4-5",
    "openai/gpt-5",
    "openai/gpt-5-mini",
    "google/gemini-3-flash-preview",
    "qwen/qwen3-coder-plus",
  ],
  shortAliases: {
    "anthropic/claude-sonnet-4-5": "sonnet45",
    "anthropic/claude-opus-4-5": "opus45",
    "openai/gpt-5": "gpt5",
    "openai/gpt-5-mini": "gpt5m",
    "google/gemini-3-flash-preview": "flash3",
    "qwen/qwen3-coder-plus": "qwen3cp",
  },
  install: "install OpenCode from its documentation (opencode.ai/docs)",
  auth: "run `opencode auth login`",
  sandbox: {
    env: [
      "ANTHROPIC_API_KEY",
      "OPENAI_API_KEY",
      "GEMINI_API_KEY",
      "GOOGLE_GENERATIVE_AI_API_KEY",
      "OPENROUTER_API_KEY",
      "OPENCODE_CONFIG",
    ],
    hosts: [
      "api.anthropic.com",
      "api.openai.com",
      "generativelanguage.googleapis.com",
      "openrouter.ai",
      "opencode.ai",
      "models.dev",
    ],
    state: [
      "~/.local/share/opencode/",
      "~/.local/state/opencode/",
      "~/.config/opencode/",
      "~/.cache/opencode/",
    ],
  },
};

/** Google Antigravity CLI (`agy --print`), plain stdout. */
export const AGY_INFO: LlmProviderInfo = {
  name: "agy",
  shortName: "agy",
  tool: "Antigravity CLI",
  binary: "agy",
  pathEnv: "SASE_AGY_PATH",
  argsEnvPrefix: "SASE_AGY",
  autodetectPriority: 30,
  tierModels: { large: "Gemini 3.5 Flash (High)", small: "Gemini 3.5 Flash (Low)" },
  knownModels: [
    "Gemini 3.5 Flash (High)",
    "Gemini 3.5 Flash (Medium)",
    "Gemini 3.5 Flash (Low)",
    "Gemini 3.1 Pro (High)",
    "Gemini 3.1 Pro (Low)",
    "Claude Sonnet 4.6 (Thinking)",
    "Claude Opus 4.6 (Thinking)",
    "GPT-OSS 120B (Medium)",
  ],
  shortAliases: {
    "Gemini 3.5 Flash (High)": "flash35h",
    "Gemini 3.5 Flash (Medium)": "flash35m",
    "Gemini 3.5 Flash (Low)": "flash35l",
    "Gemini 3.1 Pro (High)": "pro31h",
    "Gemini 3.1 Pro (Low)": "pro31l",
    "Claude Sonnet 4.6 (Thinking)": "sonnet46t",
    "Claude Opus 4.6 (Thinking)": "opus46t",
    "GPT-OSS 120B (Medium)": "gptoss120m",
  },
  install: "install the Antigravity CLI from its documentation",
  auth: "run `agy` and complete the login/trust onboarding",
  sandbox: {
    env: ["GEMINI_API_KEY", "GOOGLE_API_KEY", "GOOGLE_CLOUD_PROJECT"],
    hosts: ["*.googleapis.com"],
    state: ["~/.gemini/"],
  },
};

/**
 * The Gemini CLI's `--output-format stream-json` mode. The consumer Gemini
 * CLI is retired in favour of `agy`, so it is never autodetected: select it
 * with `%model:gemini/<model>` or `llm_provider.provider: gemini`.
 */
export const GEMINI_INFO: LlmProviderInfo = {
  name: "gemini",
  shortName: "gmn",
  tool: "Gemini CLI",
  binary: "gemini",
  pathEnv: "SASE_GEMINI_PATH",
  argsEnvPrefix: "SASE_GEMINI",
  autodetectPriority: null,
  tierModels: { large: "gemini-3.1-pro-preview", small: "gemini-3-flash-preview" },
  knownModels: [],
  shortAliases: {
    "gemini-3.1-pro-preview": "pro31",
    "gemini-3-flash-preview": "flash3",
  },
  install: "npm install -g @google/gemini-cli",
  auth: "run `gemini` and complete the login flow",
  sandbox: {
    env: ["GEMINI_API_KEY", "GOOGLE_API_KEY", "GOOGLE_CLOUD_PROJECT", "GOOGLE_GENAI_USE_VERTEXAI"],
    hosts: ["*.googleapis.com"],
    state: ["~/.gemini/"],
  },
};

/**
 * sase's scripted fake agent (`sase __fakey`), which speaks Claude's
 * stream-json protocol. The model names a scenario (`fakey/reply`); it is
 * never autodetected and hidden from doctor.
 */
export const FAKEY_INFO: LlmProviderInfo = {
  name: "fakey",
  shortName: "fky",
  tool: "fakey (sase's scripted fake agent)",
  binary: "sase",
  argsEnvPrefix: "SASE_FAKEY",
  autodetectPriority: null,
  tierModels: { large: "reply", small: "reply" },
  knownModels: [],
  shortAliases: {},
  retryDefaults: {
    max_retries: 3,
    error_patterns: ["FAKEY-RETRYABLE"],
    wait_times: [0],
    continuation_prompt: RETRY_CONTINUATION_NUDGE,
    preserve_workspace: true,
  },
  install: "built into sase",
  auth: "none",
  hidden: true,
  // A scripted agent: no API, no state, no network.
  sandbox: { env: [], hosts: [], state: [] },
};

/** Every built-in provider, in autodetect order, then explicit-only ones. */
export const BUILTIN_PROVIDER_INFOS: readonly LlmProviderInfo[] = [
  CLAUDE_INFO,
  CODEX_INFO,
  QWEN_INFO,
  OPENCODE_INFO,
  AGY_INFO,
  GEMINI_INFO,
  FAKEY_INFO,
];
