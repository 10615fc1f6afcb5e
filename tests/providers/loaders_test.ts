import { assert, assertEquals, assertRejects } from "../_helpers/assert.ts";
import { BUILTIN_PROVIDER_INFOS } from "../../core/provider_catalog.ts";
import { SaseError } from "../../core/errors.ts";
import { BUILTIN_PROVIDER_LOADERS, loadLlmProvider } from "../../providers/llm/loaders.ts";
import { BUILTIN_PROVIDERS, createProviderRegistry } from "../../providers/llm/registry.ts";

Deno.test("the loader table covers every catalogued provider, in catalogue order", () => {
  const names = BUILTIN_PROVIDER_INFOS.map((info) => info.name);
  // Written out from the README ("Agents and providers"): Claude Code, Codex, Qwen Code,
  // OpenCode and Antigravity in autodetect order, then the explicit-only gemini and fakey.
  assertEquals(names, ["claude", "codex", "qwen", "opencode", "agy", "gemini", "fakey"]);
  assertEquals([...BUILTIN_PROVIDER_LOADERS.keys()], names);
  assertEquals(BUILTIN_PROVIDERS.map((provider) => provider.info.name), names);
});

Deno.test("loadLlmProvider gives the same provider the synchronous registry does", async () => {
  const registry = createProviderRegistry();
  for (const info of BUILTIN_PROVIDER_INFOS) {
    const provider = await loadLlmProvider(info.name);
    assertEquals(provider.info, info);
    assert(provider === registry.get(info.name), info.name);
  }
});

Deno.test("loadLlmProvider rejects an unknown name as the registry does", async () => {
  const error = await assertRejects(
    () => loadLlmProvider("nope"),
    SaseError,
    "unknown LLM provider 'nope'",
  ) as SaseError;
  assertEquals(error.code, "provider.unknown");
  let sync: unknown;
  try {
    createProviderRegistry().get("nope");
  } catch (caught) {
    sync = caught;
  }
  assert(sync instanceof SaseError);
  assertEquals([error.message, error.hint], [sync.message, sync.hint]);
});
