/**
 * fakey, sase's scripted fake agent, as a provider: the `__fakey` hidden
 * subcommand of sase itself, so it works from source and from the compiled
 * binary alike. The model names the scenario (`fakey/reply`, `fakey/hang`);
 * `SASE_FAKEY_SCRIPT` points at a script file instead. It speaks Claude's
 * stream-json, so the Claude parser reads it.
 *
 * @module
 */

import type { LlmProvider } from "../../core/provider.ts";
import { FAKEY_INFO } from "../../core/provider_catalog.ts";
import { saseCommand } from "../../core/self_command.ts";
import { extraArgs } from "./args.ts";
import { createClaudeStreamParser } from "./streams/claude_stream.ts";

/**
 * The command line that runs `sase __fakey` (see `saseCommand`).
 */
export function fakeyCommand(): string[] {
  return [...saseCommand(), "__fakey"];
}

/** The fakey provider. */
export const fakeyProvider: LlmProvider = {
  info: FAKEY_INFO,
  buildInvocation(request) {
    return {
      argv: [
        ...fakeyCommand(),
        "--model",
        request.model,
        "--session-id",
        request.sessionId,
        ...extraArgs(FAKEY_INFO, request.tier, request.env),
      ],
      stdin: request.prompt,
      env: {},
    };
  },
  createStreamParser: createClaudeStreamParser,
};
