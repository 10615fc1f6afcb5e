import {
  assert,
  assertEquals,
  assertStringIncludes,
  assertThrows,
} from "../../../_helpers/assert.ts";
import { makeSandbox } from "../../../_helpers/sandbox.ts";
import { SaseError } from "../../../../core/errors.ts";
import { BUILTIN_PROVIDER_INFOS } from "../../../../core/provider_catalog.ts";
import {
  resolveAliasChain,
  type SelectionInput,
  selectModel,
} from "../../../../core/agent/run/select_model.ts";
import {
  overridePath,
  parseOverrideDuration,
  readActiveOverride,
  type TemporaryOverride,
  writeOverride,
} from "../../../../core/agent/run/llm_override.ts";

const ALL = ["claude", "codex", "qwen", "opencode", "agy"];

function select(partial: Partial<SelectionInput>) {
  return selectModel({ infos: BUILTIN_PROVIDER_INFOS, installed: ALL, ...partial });
}

const OVERRIDE: TemporaryOverride = {
  provider: "codex",
  model: "o3",
  raw_model: "codex/o3",
  created_at: 1,
  expires_at: null,
  source: "test",
  pre_override_provider: "claude",
  pre_override_model: "opus",
};

Deno.test("%model: provider/model splits on the first slash; known names find their provider", () => {
  assertEquals(select({ model: "codex/o3" }).provider, "codex");
  assertEquals(select({ model: "codex/o3" }).model, "o3");
  const nested = select({ model: "opencode/anthropic/claude-sonnet-4-5" });
  assertEquals([nested.provider, nested.model], ["opencode", "anthropic/claude-sonnet-4-5"]);
  assertEquals([select({ model: "sonnet" }).provider, select({ model: "sonnet" }).model], [
    "claude",
    "sonnet",
  ]);
  assertEquals(select({ model: "Gemini 3.1 Pro (High)" }).provider, "agy");
  assertEquals(select({ model: "anthropic/claude-opus-4-5" }).provider, "opencode");
  assertEquals(select({ model: "fakey/hang" }).provider, "fakey");
  assertEquals(select({ model: "fakey/hang" }).model, "hang");
  assertEquals(select({ model: "claude/" }).model, "opus");
  assertEquals(select({ model: "codex/o3" }).source, "model");
});

Deno.test("a bare provider name selects that provider's default model for the tier", () => {
  // Written out from the catalog's documented defaults, not read from it.
  const cases: [string, string, string][] = [
    ["fakey", "fakey", "reply"],
    ["fakey/", "fakey", "reply"],
    ["claude", "claude", "opus"],
    ["codex", "codex", "gpt-5.5"],
  ];
  for (const [value, provider, model] of cases) {
    const chosen = select({ model: value });
    assertEquals([chosen.provider, chosen.model, chosen.source], [provider, model, "model"], value);
    assertEquals(chosen.warnings, []);
  }
  // With the provider given explicitly too (as a launch entry carries it).
  const explicit = select({ provider: "fakey", model: "fakey" });
  assertEquals([explicit.provider, explicit.model], ["fakey", "reply"]);
  assertEquals(select({ provider: "claude", model: "claude", tier: "small" }).model, "sonnet");
  // A real model name is still passed through.
  assertEquals(select({ provider: "fakey", model: "tools" }).model, "tools");
});

Deno.test("an unknown model warns and runs on the default provider", () => {
  const chosen = select({ model: "fable", config: { provider: "codex" } });
  assertEquals([chosen.provider, chosen.model], ["codex", "fable"]);
  assertStringIncludes(chosen.warnings[0], "unknown model 'fable'");
});

Deno.test("aliases chain, cycles fall back to the raw input", () => {
  const aliases = { fast: "quick", quick: "codex/o4-mini", loop1: "loop2", loop2: "loop1" };
  assertEquals(resolveAliasChain("fast", aliases), "codex/o4-mini");
  assertEquals(resolveAliasChain("loop1", aliases), "loop1");
  const chosen = select({ model: "fast", config: { model_aliases: aliases } });
  assertEquals([chosen.provider, chosen.model], ["codex", "o4-mini"]);
  const cyclic = select({ model: "loop1", config: { model_aliases: aliases, provider: "qwen" } });
  assertEquals([cyclic.provider, cyclic.model], ["qwen", "loop1"]);
  assertEquals(cyclic.warnings.length, 1);
});

Deno.test("reserved 'other' uses the override's pre-override snapshot, else the alias", () => {
  const other = select({ model: "other", override: OVERRIDE });
  assertEquals([other.provider, other.model], ["claude", "opus"]);
  const aliased = select({ model: "other", config: { model_aliases: { other: "codex/o3" } } });
  assertEquals([aliased.provider, aliased.model], ["codex", "o3"]);
});

Deno.test("reserved 'worker': worker override, then worker_models keyed by the primary lane", () => {
  const viaOverride = select({
    model: "worker",
    workerOverride: { ...OVERRIDE, provider: "qwen", model: "qwen-max" },
  });
  assertEquals([viaOverride.provider, viaOverride.model], ["qwen", "qwen-max"]);
  const config = {
    provider: "claude",
    worker_models: { "claude/opus": "codex/gpt-5.5", sonnet: "codex/o3", claude: "agy/x" },
    model_aliases: { worker: "qwen/qwen-max" },
  };
  const mapped = select({ model: "worker", config });
  assertEquals([mapped.provider, mapped.model], ["codex", "gpt-5.5"]);
  const small = select({ model: "worker", config, tier: "small" });
  assertEquals([small.provider, small.model], ["codex", "o3"]);
  // No worker setting: the primary lane.
  const plain = select({ model: "worker", config: { provider: "claude" } });
  assertEquals([plain.provider, plain.model], ["claude", "opus"]);
});

Deno.test("order: explicit provider > %model > override > config > autodetect by priority", () => {
  assertEquals(
    select({ provider: "qwen", model: "codex/o3", override: OVERRIDE }).provider,
    "qwen",
  );
  assertEquals(select({ model: "sonnet", override: OVERRIDE }).provider, "claude");
  const viaOverride = select({ override: OVERRIDE, config: { provider: "claude" } });
  assertEquals([viaOverride.provider, viaOverride.model, viaOverride.source], [
    "codex",
    "o3",
    "override",
  ]);
  assertEquals(select({ config: { provider: "opencode" } }).source, "config");
  const detected = select({ installed: ["agy", "qwen"] });
  assertEquals([detected.provider, detected.source], ["qwen", "autodetect"]);
  assertEquals(select({ installed: ["agy"] }).provider, "agy");
  // gemini and fakey are explicit-only.
  assertEquals(select({ installed: ["gemini", "fakey", "opencode"] }).provider, "opencode");
  assertThrows(
    () => select({ installed: [] }),
    SaseError,
    "no LLM provider available: none of claude, codex, qwen, opencode, agy is on PATH",
  );
  assertThrows(
    () => select({ config: { provider: "nope" } }),
    SaseError,
    "unknown LLM provider 'nope'",
  );
});

Deno.test("tiers: model_tier_map, env tier overrides and legacy big/little", () => {
  assertEquals(select({ installed: ["claude"], tier: "small" }).model, "sonnet");
  assertEquals(
    select({ config: { provider: "claude", model_tier_map: { large: "haiku" } } }).model,
    "haiku",
  );
  // A tier-map model of another provider is not forced onto this one.
  assertEquals(
    select({ config: { provider: "codex", model_tier_map: { large: "opus" } } }).model,
    "gpt-5.5",
  );
  assertEquals(
    select({ installed: ["claude"], env: { SASE_MODEL_TIER_OVERRIDE: "little" } }).model,
    "sonnet",
  );
  assertEquals(
    select({ installed: ["claude"], tier: "small", env: { SASE_MODEL_SIZE_OVERRIDE: "big" } }).tier,
    "large",
  );
});

Deno.test("override file: active read, expired and malformed files are deleted on read", async () => {
  await using sb = await makeSandbox();
  assertEquals(await readActiveOverride(sb.env), null);
  await writeOverride(sb.env, { ...OVERRIDE, expires_at: Date.now() / 1000 + 3600 });
  assertEquals((await readActiveOverride(sb.env))?.model, "o3");
  await writeOverride(sb.env, { ...OVERRIDE, expires_at: Date.now() / 1000 - 1 });
  assertEquals(await readActiveOverride(sb.env), null);
  assert(!(await Deno.stat(overridePath(sb.env)).then(() => true, () => false)));
  await Deno.writeTextFile(overridePath(sb.env), "{not json");
  assertEquals(await readActiveOverride(sb.env), null);
  assert(!(await Deno.stat(overridePath(sb.env)).then(() => true, () => false)));
  await writeOverride(sb.env, OVERRIDE, "worker");
  assertEquals((await readActiveOverride(sb.env, "worker"))?.provider, "codex");
});

Deno.test("override durations", () => {
  assertEquals(parseOverrideDuration("15m"), 900);
  assertEquals(parseOverrideDuration("1h30m"), 5400);
  assertEquals(parseOverrideDuration("2h15m30s"), 8130);
  assertEquals(parseOverrideDuration("45"), 2700);
  assertEquals(parseOverrideDuration("Until Cleared"), null);
  assertThrows(() => parseOverrideDuration("soon"), SaseError, "invalid override duration 'soon'");
});
