/**
 * `sase __claude-tool-hook` (hidden): the command sase installs as Claude's
 * PreToolUse/PostToolUse hook for the length of a run. Reads the hook
 * payload on stdin and records it; always exits 0, because Claude would
 * report a failing hook to the agent as a failing tool call.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import { collectClaudeHook } from "../core/agent/records/claude_hook_collector.ts";

async function readStdin(): Promise<string> {
  if (Deno.stdin.isTerminal()) return "";
  try {
    return await new Response(Deno.stdin.readable).text();
  } catch {
    return "";
  }
}

/** Register `sase __claude-tool-hook`. */
export function register(program: Command): void {
  program
    .command("__claude-tool-hook", { hidden: true })
    .description("Claude tool hook: record one tool call in $SASE_ARTIFACTS_DIR/tool_calls.jsonl")
    .allowUnknownOption(true)
    .allowExcessArguments(true)
    .action(async () => {
      await collectClaudeHook(await readStdin(), Deno.env.toObject());
      Deno.exitCode = 0;
    });
}
