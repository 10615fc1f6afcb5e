/**
 * The workspace provider registry: the built-in providers keyed by their
 * workflow type, in dispatch order.
 *
 * @module
 */

import { firstByKey } from "../../core/plugin/first_by_key.ts";
import { SaseError } from "../../core/errors.ts";
import type { WorkspaceProvider, WorkspaceProviderLookup } from "../../core/workspace/provider.ts";
import { bareGitWorkspaceProvider } from "./bare_git.ts";
import { cdWorkspaceProvider } from "./cd.ts";

/** Built-in workspace providers (`#git`, `#cd`). */
export const BUILTIN_WORKSPACE_PROVIDERS: readonly WorkspaceProvider[] = [
  bareGitWorkspaceProvider,
  cdWorkspaceProvider,
];

/** A lookup over `providers` (default: the built-ins). */
export function createWorkspaceProviderRegistry(
  providers: readonly WorkspaceProvider[] = BUILTIN_WORKSPACE_PROVIDERS,
): WorkspaceProviderLookup {
  const byType = firstByKey(providers, (p) => p.metadata.workflowType);
  const kept = [...byType.values()];
  return {
    all: () => kept,
    get(workflowType: string): WorkspaceProvider {
      const provider = byType.get(workflowType);
      if (provider) return provider;
      throw new SaseError("workspace.unknown_type", `no workspace provider for #${workflowType}`, {
        hint: `known types: ${[...byType.keys()].map((t) => `#${t}`).join(", ")}`,
        kind: "not-found",
      });
    },
  };
}
