/**
 * Antigravity CLI: `agy --print-timeout <duration> --model <model>
 * --dangerously-skip-permissions [extra...] --print <prompt>` (handbook
 * 21.6.1). The prompt travels as one argv element, so prompts above a
 * conservative 120 KiB are refused before spawning.
 *
 * @module
 */

import type { LlmProvider } from "../../core/provider.ts";
import { AGY_INFO } from "../../core/provider_catalog.ts";
import { SaseError } from "../../core/errors.ts";
import { extraArgs, providerBinary } from "./args.ts";
import { createPlainStreamParser } from "./streams/plain_stream.ts";

/** Largest prompt (UTF-8 bytes) `agy --print` is given. */
export const AGY_PROMPT_LIMIT_BYTES = 120 * 1024;

/** Default `--print-timeout`: agy's own 5m is too short for agentic runs. */
export const AGY_DEFAULT_PRINT_TIMEOUT = "24h";

/** The Antigravity provider. */
export const agyProvider: LlmProvider = {
  info: AGY_INFO,
  buildInvocation(request) {
    const bytes = new TextEncoder().encode(request.prompt).length;
    if (bytes > AGY_PROMPT_LIMIT_BYTES) {
      throw new SaseError(
        "provider.prompt_too_large",
        `the prompt is ${bytes} bytes, over agy's ${AGY_PROMPT_LIMIT_BYTES}-byte limit: ` +
          "Antigravity takes the prompt as a single --print argv element and has no stdin " +
          "or prompt-file transport, so a larger prompt cannot be passed safely",
        {
          hint: "shorten the prompt, or use a stdin-capable provider (e.g. %model:claude/opus)",
          kind: "unavailable",
        },
      );
    }
    return {
      argv: [
        providerBinary(AGY_INFO, request.env),
        "--print-timeout",
        request.env.SASE_AGY_PRINT_TIMEOUT?.trim() || AGY_DEFAULT_PRINT_TIMEOUT,
        "--model",
        request.model,
        "--dangerously-skip-permissions",
        ...extraArgs(AGY_INFO, request.tier, request.env),
        "--print",
        request.prompt,
      ],
      env: {},
    };
  },
  createStreamParser: createPlainStreamParser,
};
