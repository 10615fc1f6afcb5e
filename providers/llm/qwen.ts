/**
 * Qwen Code: `qwen --input-format text --output-format stream-json --yolo
 * --model <model> [extra...]` with the prompt on stdin (handbook 21.8.1). Its
 * stream-json is Claude's format.
 *
 * @module
 */

import type { LlmProvider } from "../../core/provider.ts";
import { QWEN_INFO } from "../../core/provider_catalog.ts";
import { extraArgs, providerBinary } from "./args.ts";
import { createClaudeStreamParser } from "./streams/claude_stream.ts";

/** The Qwen Code provider. */
export const qwenProvider: LlmProvider = {
  info: QWEN_INFO,
  buildInvocation(request) {
    return {
      argv: [
        providerBinary(QWEN_INFO, request.env),
        "--input-format",
        "text",
        "--output-format",
        "stream-json",
        "--yolo",
        "--model",
        request.model,
        ...extraArgs(QWEN_INFO, request.tier, request.env),
      ],
      stdin: request.prompt,
      env: {},
    };
  },
  createStreamParser: createClaudeStreamParser,
};
