/**
 * The operation names of the agent and helper bridges (handbook 15.2).
 *
 * @module
 */

/** The agent bridge's operations. */
export const AGENT_OPERATIONS = [
  "list-agents",
  "resume-options",
  "launch-text",
  "launch-image",
  "kill-agent",
  "retry-agent",
] as const;

/** The helper bridge's operations. */
export const HELPER_OPERATIONS = [
  "changespec-tags",
  "xprompt-catalog",
  "beads-list",
  "beads-show",
  "update-start",
  "update-status",
] as const;
