/**
 * Model names mapped to LLM providers, and the short provider names used in
 * fan-out agent names (`foo.cld`, `foo.cdx`).
 *
 * @module
 */

/** Short names of the built-in providers. */
export const PROVIDER_SHORT_NAMES: Readonly<Record<string, string>> = {
  claude: "cld",
  codex: "cdx",
  agy: "agy",
  qwen: "qwn",
  opencode: "opc",
  gemini: "gem",
  fakey: "fky",
};

const MODEL_PATTERNS: [RegExp, string][] = [
  [/^(opus|sonnet|haiku|claude)/i, "claude"],
  [/^(gpt|o\d|codex|chatgpt)/i, "codex"],
  [/^(gemini|flash|pro\d*|agy)/i, "agy"],
  [/^qwen/i, "qwen"],
  [/^fakey/i, "fakey"],
];

/** A model directive resolved to a provider and model. */
export interface ResolvedModel {
  provider?: string;
  model: string;
}

/** `codex/o3` → {codex, o3}; `opus` → {claude, opus}; unknown → model only. */
export function resolveModel(value: string): ResolvedModel {
  const slash = value.indexOf("/");
  if (slash > 0 && PROVIDER_SHORT_NAMES[value.slice(0, slash)]) {
    return { provider: value.slice(0, slash), model: value.slice(slash + 1) };
  }
  const match = MODEL_PATTERNS.find(([pattern]) => pattern.test(value));
  return match ? { provider: match[1], model: value } : { model: value };
}

/** The short provider name (falls back to the full name). */
export function providerShortName(provider: string | undefined): string {
  if (!provider) return "llm";
  return PROVIDER_SHORT_NAMES[provider] ?? provider;
}
