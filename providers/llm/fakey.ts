/**
 * fakey, sase's scripted fake agent, as a provider: the `__fakey` hidden
 * subcommand of sase itself, so it works from source and from the compiled
 * binary alike. The model names the scenario (`fakey/reply`, `fakey/hang`);
 * `SASE_FAKEY_SCRIPT` points at a script file instead. It speaks Claude's
 * stream-json, so the Claude parser reads it.
 *
 * @module
 */

import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import type { LlmProvider } from "../../core/provider.ts";
import { FAKEY_INFO } from "../../core/agent/provider_catalog.ts";
import { extraArgs } from "./args.ts";
import { createClaudeStreamParser } from "./streams/claude_stream.ts";

/** True when this process is a `deno compile`d sase rather than `deno run`. */
function isCompiled(): boolean {
  const exe = basename(Deno.execPath()).toLowerCase();
  return exe !== "deno" && exe !== "deno.exe";
}

/**
 * The command line that runs `sase __fakey`: the binary itself when
 * compiled, else `deno run -A <repo>/main.ts __fakey`.
 */
export function fakeyCommand(): string[] {
  if (isCompiled()) return [Deno.execPath(), "__fakey"];
  const main = fileURLToPath(new URL("../../main.ts", import.meta.url));
  return [Deno.execPath(), "run", "-A", "--quiet", main, "__fakey"];
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
