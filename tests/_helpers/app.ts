/**
 * An application context for a test sandbox: sase's built-in providers, the
 * sandbox's environment and working directory, warnings collected.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { saseContext } from "../../entries/context.ts";
import type { Sandbox } from "./sandbox.ts";

/** A context for `sb` (or `cwd` inside it); `warnings` receives what services warn about. */
export function sandboxContext(
  sb: Sandbox,
  options: { cwd?: string; warnings?: string[] } = {},
): AppContext {
  return saseContext({
    env: sb.env,
    cwd: options.cwd ?? sb.cwd,
    warn: (message) => options.warnings?.push(message),
  });
}
