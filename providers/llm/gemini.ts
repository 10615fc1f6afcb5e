/**
 * Gemini CLI in headless stream mode: `gemini --output-format stream-json
 * --yolo --model <model> [extra...]` with the prompt on stdin (a non-TTY
 * stdin puts the CLI in headless mode). Explicit-only: `%model:gemini/<m>`.
 *
 * @module
 */

import type { LlmProvider } from "../../core/provider.ts";
import { GEMINI_INFO } from "../../core/provider_catalog.ts";
import { extraArgs, providerBinary } from "./args.ts";
import { createGeminiStreamParser } from "./streams/gemini_stream.ts";

/** The Gemini CLI provider. */
export const geminiProvider: LlmProvider = {
  info: GEMINI_INFO,
  buildInvocation(request) {
    return {
      argv: [
        providerBinary(GEMINI_INFO, request.env),
        "--output-format",
        "stream-json",
        "--yolo",
        "--model",
        request.model,
        ...extraArgs(GEMINI_INFO, request.tier, request.env),
      ],
      stdin: request.prompt,
      env: {},
    };
  },
  createStreamParser: createGeminiStreamParser,
};
