/**
 * Provider shims: the `CLAUDE.md`, `GEMINI.md`, `QWEN.md` and `OPENCODE.md`
 * files that point each provider CLI at the root's `AGENTS.md`. Project
 * roots import `@AGENTS.md`; the live home root imports its absolute path;
 * the chezmoi home source keeps `*.md.tpl` templates that render to the
 * absolute path on each machine.
 *
 * @module
 */

import { join } from "../fs/path.ts";

/** The provider instruction files, in the order they are written and shown. */
export const PROVIDER_FILES = ["CLAUDE.md", "GEMINI.md", "QWEN.md", "OPENCODE.md"] as const;

/** What kind of root a shim lives in. */
export type RootKind = "project" | "home" | "chezmoi";

/** A shim file of a root: its path and exact content. */
export interface ShimSpec {
  provider: (typeof PROVIDER_FILES)[number];
  path: string;
  content: string;
}

/** The chezmoi template every source shim holds. */
export const CHEZMOI_SHIM_CONTENT = "@{{ .chezmoi.homeDir }}/AGENTS.md\n";

/** The exact shim files of `root`. */
export function shimSpecs(root: string, kind: RootKind): ShimSpec[] {
  return PROVIDER_FILES.map((provider) => {
    if (kind === "chezmoi") {
      return { provider, path: join(root, `${provider}.tpl`), content: CHEZMOI_SHIM_CONTENT };
    }
    const content = kind === "home" ? `@${join(root, "AGENTS.md")}\n` : "@AGENTS.md\n";
    return { provider, path: join(root, provider), content };
  });
}

/** How an existing provider file compares with the shim. */
export type ShimStatus = "missing" | "exact" | "shim" | "custom";

/** Whether `text` is only an import of some `AGENTS.md` (a shim, maybe for another root kind). */
export function isShimText(text: string): boolean {
  return /^@\S*AGENTS\.md$/.test(text.trim());
}

/** Classify a provider file's text against its expected shim content. */
export function shimStatus(text: string | null, expected: string): ShimStatus {
  if (text === null) return "missing";
  if (text === expected) return "exact";
  return isShimText(text) ? "shim" : "custom";
}
