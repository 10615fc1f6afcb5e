/**
 * The coding-agent CLIs sase knows how to drive: their executable names, the
 * environment variable that overrides each path, the autodetect priority
 * (lower wins) and how a user installs one. Doctor and provider selection
 * read this one table.
 *
 * @module
 */

/** One known agent CLI. */
export interface AgentCliInfo {
  /** Provider name used in config (`llm_provider.provider`). */
  provider: string;
  /** Display name of the tool. */
  tool: string;
  /** Executable looked up on PATH. */
  binary: string;
  /** Environment variable that points at a specific executable. */
  pathEnv: string;
  /** Autodetect priority: the lowest-numbered installed CLI is the default. */
  priority: number;
  /** How to install it. */
  install: string;
  /** How to sign in. */
  auth: string;
}

/** Built-in agent CLIs in autodetect order. */
export const AGENT_CLIS: readonly AgentCliInfo[] = [
  {
    provider: "claude",
    tool: "Claude Code",
    binary: "claude",
    pathEnv: "SASE_CLAUDE_PATH",
    priority: 0,
    install: "npm install -g @anthropic-ai/claude-code",
    auth: "run `claude` and complete the login flow",
  },
  {
    provider: "codex",
    tool: "Codex CLI",
    binary: "codex",
    pathEnv: "SASE_CODEX_PATH",
    priority: 10,
    install: "npm install -g @openai/codex",
    auth: "run `codex login`",
  },
  {
    provider: "qwen",
    tool: "Qwen Code",
    binary: "qwen",
    pathEnv: "SASE_QWEN_PATH",
    priority: 15,
    install: "npm install -g @qwen-code/qwen-code",
    auth: "run `qwen` and complete the login flow",
  },
  {
    provider: "opencode",
    tool: "OpenCode",
    binary: "opencode",
    pathEnv: "SASE_OPENCODE_PATH",
    priority: 18,
    install: "install OpenCode from its documentation (opencode.ai/docs)",
    auth: "run `opencode auth login`",
  },
  {
    provider: "agy",
    tool: "Antigravity CLI",
    binary: "agy",
    pathEnv: "SASE_AGY_PATH",
    priority: 30,
    install: "install the Antigravity CLI from its documentation",
    auth: "run `agy` and complete the login/trust onboarding",
  },
];
