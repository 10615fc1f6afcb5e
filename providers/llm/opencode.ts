/**
 * OpenCode: `opencode run --format json --dangerously-skip-permissions
 * --model <provider/model> --dir <cwd> [extra...] <prompt>`; the prompt is
 * the final argv element, never shell-interpolated (handbook 21.9.1).
 *
 * @module
 */

import type { LlmProvider } from "../../core/provider.ts";
import { OPENCODE_INFO } from "../../core/provider_catalog.ts";
import { extraArgs, providerBinary } from "./args.ts";
import { createOpenCodeStreamParser } from "./streams/opencode_stream.ts";

/** The OpenCode provider. */
export const opencodeProvider: LlmProvider = {
  info: OPENCODE_INFO,
  buildInvocation(request) {
    return {
      argv: [
        providerBinary(OPENCODE_INFO, request.env),
        "run",
        "--format",
        "json",
        "--dangerously-skip-permissions",
        "--model",
        request.model,
        "--dir",
        request.cwd,
        ...extraArgs(OPENCODE_INFO, request.tier, request.env),
        request.prompt,
      ],
      env: {},
    };
  },
  createStreamParser: createOpenCodeStreamParser,
};
