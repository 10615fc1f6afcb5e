/**
 * The top-level commands of `sase`, written out from the README's command
 * index (not read from `cli/registry.ts`), for the tests of help and
 * completion output.
 *
 * @module
 */

/** Every visible top-level command, in `sase --help` order. */
export const TOP_LEVEL = [
  "config",
  "doctor",
  "path",
  "notify",
  "version",
  "run",
  "commit",
  "completion",
  "changespec",
  "revert",
  "restore",
  "project",
  "bead",
  "xprompt",
  "prompt",
  "sdd",
  "plan",
  "validate",
  "init",
  "amd",
  "memory",
  "skill",
  "questions",
  "chat",
  "workspace",
  "ace",
  "agent",
  "var",
  "artifact",
  "axe",
  "comments",
  "revive-log",
  "mobile",
  "plugin",
  "telemetry",
];

/** Internal commands: never listed in help, never offered for completion. */
export const HIDDEN = ["__agent-run", "__fakey", "__claude-tool-hook", "__axe-orchestrator"];
