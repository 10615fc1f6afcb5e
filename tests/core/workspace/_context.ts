/**
 * A workspace context for tests: a sandbox's environment (plus overrides),
 * the built-in providers and the merged configuration of that home.
 *
 * @module
 */

import { loadConfig } from "../../../core/config/load.ts";
import type { WorkspaceContext } from "../../../core/workspace/provider.ts";
import { createWorkspaceProviderRegistry } from "../../../providers/workspace/registry.ts";

/** Build a context for `env` running in `cwd`; warnings are collected in `warnings`. */
export async function testContext(
  env: Record<string, string>,
  cwd: string,
  warnings: string[] = [],
): Promise<WorkspaceContext> {
  const { config } = await loadConfig({ env, cwd });
  return {
    env,
    cwd,
    config,
    providers: createWorkspaceProviderRegistry(),
    warn: (message) => warnings.push(message),
  };
}
