import { assertEquals } from "../_helpers/assert.ts";
import { PluginRegistry } from "../../core/plugin/registry.ts";
import { registerBuiltinPlugins } from "../../entries/builtin_plugins.ts";
import { BUILTIN_VCS_PROVIDERS } from "../../providers/vcs/registry.ts";
import { BUILTIN_WORKSPACE_PROVIDERS } from "../../providers/workspace/registry.ts";
import { BUILTIN_PROVIDER_INFOS } from "../../core/provider_catalog.ts";
import { BUILTIN_PROVIDER_SET } from "../../entries/context.ts";

Deno.test("the built-in entries load every built-in provider, in the providers' own order", async () => {
  const registry = new PluginRegistry();
  registerBuiltinPlugins(registry);
  assertEquals(
    await registry.collectAll("sase_vcs", (definition) => definition),
    [...BUILTIN_VCS_PROVIDERS],
  );
  assertEquals(
    await registry.collectAll("sase_workspace", (provider) => provider),
    [...BUILTIN_WORKSPACE_PROVIDERS],
  );
  assertEquals(
    await registry.collectAll("sase_llm", (provider) => provider.info),
    [...BUILTIN_PROVIDER_INFOS],
  );
  assertEquals(
    (await registry.collectAll("sase_plugin_manifest", (metadata) => metadata)).map((m) => m.name),
    ["sase"],
  );
  assertEquals(registry.failures(), []);
});

Deno.test("BUILTIN_PROVIDER_SET is composed through the registry's groups", async () => {
  assertEquals(
    (await BUILTIN_PROVIDER_SET.llm()).infos().map((info) => info.name),
    BUILTIN_PROVIDER_INFOS.map((info) => info.name),
  );
  assertEquals(
    (await BUILTIN_PROVIDER_SET.vcs()).infos().map((info) => info.name),
    ["github", "bare_git", "hg"],
  );
  assertEquals(
    (await BUILTIN_PROVIDER_SET.workspace()).all().map((p) => p.metadata.workflowType),
    ["git", "cd"],
  );
});
