/**
 * What a plugin module exports: one typed manifest naming what it adds to
 * each plugin group. sase lists plugin modules in its configuration
 * (`plugins:`), imports each, and reads its `manifest` export (validated by
 * `manifest_schema.ts` before anything in it is used).
 *
 * ```ts
 * import type { SasePluginManifest } from "jsr:@sase/sase";
 * export const manifest: SasePluginManifest = {
 *   name: "my_plugin",
 *   llm: [myProvider],
 *   xprompts: new URL("./xprompts/", import.meta.url),
 *   config: new URL("./default_config.yml", import.meta.url),
 * };
 * ```
 *
 * @module
 */

import type { Env } from "../env.ts";
import type { LlmProvider } from "../provider.ts";
import type { VcsProvider, VcsProviderInfo } from "../vcs/provider.ts";
import type { WorkspaceProvider } from "../workspace/provider.ts";

/** A VCS provider's facts and how to build it for an environment. */
export interface VcsProviderDefinition {
  info: VcsProviderInfo;
  create(env: Env): VcsProvider;
}

/** A plugin's manifest: its metadata and its contribution to each group. */
export interface SasePluginManifest {
  /** The plugin's name (letters, digits, `_`, `-`, `.`), shown by `sase plugin list`. */
  name: string;
  version?: string;
  description?: string;
  /** `sase_llm`: LLM providers (a provider's `info.name` is what `%model:<name>/...` selects). */
  llm?: readonly LlmProvider[];
  /** `sase_vcs`: VCS providers. */
  vcs?: readonly VcsProviderDefinition[];
  /** `sase_workspace`: workspace providers (`#<workflowType>:` references). */
  workspace?: readonly WorkspaceProvider[];
  /** `sase_xprompts`: a directory of xprompt `.md`/`.yml` files (a string resolves against the module). */
  xprompts?: string | URL;
  /** `sase_config`: a `default_config.yml` merged under the user's config (a string resolves against the module). */
  config?: string | URL;
}
