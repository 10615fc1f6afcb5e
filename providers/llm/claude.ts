/**
 * Claude Code: `claude -p --verbose --model <alias> --output-format
 * stream-json --dangerously-skip-permissions --session-id <uuid> [extra...]`
 * with the prompt on stdin (handbook 21.5.1). Around each run, tool hooks in
 * the workspace's `.claude/settings.local.json` record every tool call
 * (handbook 21.5.5, `claude_hooks.ts`).
 *
 * @module
 */

import type { LlmProvider } from "../../core/provider.ts";
import { CLAUDE_INFO } from "../../core/provider_catalog.ts";
import { extraArgs, providerBinary } from "./args.ts";
import { installClaudeHooks } from "./claude_hooks.ts";
import { createClaudeStreamParser } from "./streams/claude_stream.ts";

/** The Claude Code provider. */
export const claudeProvider: LlmProvider = {
  info: CLAUDE_INFO,
  buildInvocation(request) {
    return {
      argv: [
        providerBinary(CLAUDE_INFO, request.env),
        "-p",
        "--verbose",
        "--model",
        request.model,
        "--output-format",
        "stream-json",
        "--dangerously-skip-permissions",
        "--session-id",
        request.sessionId,
        ...extraArgs(CLAUDE_INFO, request.tier, request.env),
      ],
      stdin: request.prompt,
      env: {},
    };
  },
  createStreamParser: createClaudeStreamParser,
  prepareRun: installClaudeHooks,
};
