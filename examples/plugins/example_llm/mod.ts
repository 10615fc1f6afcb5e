/**
 * An example sase plugin: an LLM provider named `example` (select it with
 * `%model:example/<model>`), an xprompt directory and a default config.
 * List it in `sase.yml`:
 *
 * ```yaml
 * plugins:
 *   - ./path/to/examples/plugins/example_llm/mod.ts
 * ```
 *
 * The provider drives sase's scripted fake agent (fakey), so the example
 * runs anywhere: a real provider would build its own CLI's command line and
 * parse that CLI's output stream. An agent's attempt runs in the launch
 * sandbox's worker, which may read only the plugin's own directory besides
 * what sase itself loads: so the manifest's type is imported type-only, and
 * the only sase modules imported at run time are ones the worker has
 * loaded already (fakey's command line and the Claude stream parser).
 *
 * @module
 */

import type { SasePluginManifest } from "../../../core/plugin/manifest.ts";
import type { LlmProvider } from "../../../core/provider.ts";
import { fakeyCommand } from "../../../providers/llm/fakey.ts";
import { createClaudeStreamParser } from "../../../providers/llm/streams/claude_stream.ts";

/** The `example` provider: every model plays fakey's `reply` scenario. */
export const exampleProvider: LlmProvider = {
  info: {
    name: "example",
    shortName: "exm",
    tool: "example plugin provider",
    binary: "sase",
    argsEnvPrefix: "SASE_EXAMPLE",
    autodetectPriority: null,
    tierModels: { large: "example-large", small: "example-small" },
    knownModels: ["example-large", "example-small"],
    shortAliases: {},
    install: "list examples/plugins/example_llm/mod.ts under plugins: in sase.yml",
    auth: "none",
    sandbox: { env: [], hosts: [], state: [] },
  },
  buildInvocation(request) {
    return {
      argv: [...fakeyCommand(), "--model", "reply", "--session-id", request.sessionId],
      stdin: `[example model ${request.model}] ${request.prompt}`,
      env: {},
    };
  },
  createStreamParser: createClaudeStreamParser,
};

/** The plugin's manifest. */
export const manifest: SasePluginManifest = {
  name: "example_llm",
  version: "1.0.0",
  description: "an example LLM provider, xprompt and default config",
  llm: [exampleProvider],
  xprompts: new URL("./xprompts/", import.meta.url),
  config: new URL("./default_config.yml", import.meta.url),
};
