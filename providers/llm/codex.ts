/**
 * Codex CLI: `codex exec --model <model> --dangerously-bypass-approvals-and-sandbox
 * --json --color never --skip-git-repo-check - [extra...]` with the prompt on
 * stdin (handbook 21.7.1). Each run gets a disposable shadow `CODEX_HOME`
 * (handbook 21.7.4, `codex_home.ts`).
 *
 * @module
 */

import type { LlmProvider } from "../../core/provider.ts";
import { CODEX_INFO } from "../../core/provider_catalog.ts";
import { extraArgs, providerBinary } from "./args.ts";
import { prepareCodexHome } from "./codex_home.ts";
import { createCodexStreamParser } from "./streams/codex_stream.ts";

/** The Codex CLI provider. */
export const codexProvider: LlmProvider = {
  info: CODEX_INFO,
  buildInvocation(request) {
    return {
      argv: [
        providerBinary(CODEX_INFO, request.env),
        "exec",
        "--model",
        request.model,
        "--dangerously-bypass-approvals-and-sandbox",
        "--json",
        "--color",
        "never",
        "--skip-git-repo-check",
        "-",
        ...extraArgs(CODEX_INFO, request.tier, request.env),
      ],
      stdin: request.prompt,
      env: {},
    };
  },
  createStreamParser: createCodexStreamParser,
  prepareRun: (context) => prepareCodexHome(context.env),
};
