/**
 * `sase __claude-tool-hook` (hidden): the command sase installs as Claude's
 * PreToolUse/PostToolUse hook for the length of a run. Reads the hook
 * payload on stdin and records it; always exits 0, because Claude would
 * report a failing hook to the agent as a failing tool call.
 *
 * @module
 */

import { collectClaudeHook } from "../core/agent/records/claude_hook_collector.ts";
import { readStdinBounded } from "../core/fs/bounded_read.ts";

async function readStdin(): Promise<string> {
  if (Deno.stdin.isTerminal()) return "";
  // An unreadable or oversized payload records nothing rather than fail Claude's tool call.
  return await readStdinBounded().catch(() => "");
}

/** Run `sase __claude-tool-hook`: record the payload on stdin; always exit code 0. */
export async function main(): Promise<number> {
  await collectClaudeHook(await readStdin(), Deno.env.toObject());
  return 0;
}
