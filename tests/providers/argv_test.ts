import { assertEquals, assertThrows } from "../_helpers/assert.ts";
import type { ModelTier } from "../../core/provider.ts";
import { createProviderRegistry } from "../../providers/llm/registry.ts";
import { fakeyCommand } from "../../providers/llm/fakey.ts";
import { SaseError } from "../../core/errors.ts";

const registry = createProviderRegistry();
const SESSION = "00000000-0000-4000-8000-000000000000";

function argv(provider: string, tier: ModelTier, env: Record<string, string> = {}, prompt = "hi") {
  const info = registry.get(provider).info;
  return registry.get(provider).buildInvocation({
    prompt,
    model: info.tierModels[tier],
    tier,
    cwd: "/work/repo",
    env,
    sessionId: SESSION,
  });
}

Deno.test("each built-in provider's argv matches the handbook table for both tiers", () => {
  const claude = (model: string) => [
    "claude",
    "-p",
    "--verbose",
    "--model",
    model,
    "--output-format",
    "stream-json",
    "--dangerously-skip-permissions",
    "--session-id",
    SESSION,
  ];
  const codex = (model: string) => [
    "codex",
    "exec",
    "--model",
    model,
    "--dangerously-bypass-approvals-and-sandbox",
    "--json",
    "--color",
    "never",
    "--skip-git-repo-check",
    "-",
  ];
  const qwen = (model: string) => [
    "qwen",
    "--input-format",
    "text",
    "--output-format",
    "stream-json",
    "--yolo",
    "--model",
    model,
  ];
  const opencode = (model: string) => [
    "opencode",
    "run",
    "--format",
    "json",
    "--dangerously-skip-permissions",
    "--model",
    model,
    "--dir",
    "/work/repo",
    "hi",
  ];
  const agy = (model: string) => [
    "agy",
    "--print-timeout",
    "24h",
    "--model",
    model,
    "--dangerously-skip-permissions",
    "--print",
    "hi",
  ];
  assertEquals(argv("claude", "large").argv, claude("opus"));
  assertEquals(argv("claude", "small").argv, claude("sonnet"));
  assertEquals(argv("codex", "large").argv, codex("gpt-5.5"));
  assertEquals(argv("codex", "small").argv, codex("codex-mini-latest"));
  assertEquals(argv("qwen", "large").argv, qwen("qwen3.6-plus"));
  assertEquals(argv("qwen", "small").argv, qwen("qwen3-coder-flash"));
  assertEquals(argv("opencode", "large").argv, opencode("anthropic/claude-sonnet-4-5"));
  assertEquals(argv("opencode", "small").argv, opencode("openai/gpt-5-mini"));
  assertEquals(argv("agy", "large").argv, agy("Gemini 3.5 Flash (High)"));
  assertEquals(argv("agy", "small").argv, agy("Gemini 3.5 Flash (Low)"));
  assertEquals(argv("gemini", "large").argv, [
    "gemini",
    "--output-format",
    "stream-json",
    "--yolo",
    "--model",
    "gemini-3.1-pro-preview",
  ]);
});

Deno.test("prompt transport: stdin for claude/codex/qwen/gemini/fakey, argv for opencode/agy", () => {
  for (const name of ["claude", "codex", "qwen", "gemini", "fakey"]) {
    assertEquals(argv(name, "large").stdin, "hi", name);
  }
  for (const name of ["opencode", "agy"]) {
    assertEquals(argv(name, "large").stdin, undefined, name);
    assertEquals(argv(name, "large").argv.at(-1), "hi", name);
  }
  const tricky = 'it\'s "quoted"\n$(rm -rf /) `x`';
  assertEquals(argv("opencode", "large", {}, tricky).argv.at(-1), tricky);
});

Deno.test("extra args: the generic variable wins when set; the provider one is the fallback", () => {
  const tail = (name: string, tier: ModelTier, env: Record<string, string>) => {
    const base = argv(name, tier).argv.length;
    const full = argv(name, tier, env).argv;
    return name === "opencode" || name === "agy"
      ? full.slice(base - (name === "agy" ? 2 : 1), full.length - (name === "agy" ? 2 : 1))
      : full.slice(base);
  };
  assertEquals(tail("claude", "large", { SASE_LLM_LARGE_ARGS: "--x 1" }), ["--x", "1"]);
  assertEquals(
    tail("claude", "large", { SASE_LLM_LARGE_ARGS: "--x 1", SASE_CLAUDE_LARGE_ARGS: "--y 2" }),
    ["--x", "1"],
  );
  assertEquals(tail("claude", "large", { SASE_CLAUDE_LARGE_ARGS: "--y  2" }), ["--y", "2"]);
  assertEquals(tail("claude", "small", { SASE_CLAUDE_LARGE_ARGS: "--y 2" }), []);
  assertEquals(tail("codex", "small", { SASE_CODEX_SMALL_ARGS: "-c a=b" }), ["-c", "a=b"]);
  assertEquals(tail("qwen", "small", { SASE_LLM_SMALL_ARGS: "--q" }), ["--q"]);
  assertEquals(tail("opencode", "large", { SASE_OPENCODE_LARGE_ARGS: "--agent build" }), [
    "--agent",
    "build",
  ]);
  assertEquals(tail("agy", "large", { SASE_AGY_LARGE_ARGS: "--a" }), ["--a"]);
  // Set but empty still counts as set: no fallback.
  assertEquals(
    tail("claude", "large", { SASE_LLM_LARGE_ARGS: "", SASE_CLAUDE_LARGE_ARGS: "--y" }),
    [],
  );
});

Deno.test("binary path variables replace the executable", () => {
  assertEquals(argv("codex", "large", { SASE_CODEX_PATH: "/opt/codex" }).argv[0], "/opt/codex");
  assertEquals(argv("qwen", "large", { SASE_QWEN_PATH: "/opt/qwen" }).argv[0], "/opt/qwen");
  assertEquals(argv("opencode", "large", { SASE_OPENCODE_PATH: "/o" }).argv[0], "/o");
  assertEquals(argv("agy", "large", { SASE_AGY_PATH: "/a" }).argv[0], "/a");
  assertEquals(argv("agy", "large", { SASE_AGY_PRINT_TIMEOUT: "90m" }).argv[2], "90m");
});

Deno.test("agy refuses prompts over 120 KiB before spawning, naming the argv transport", () => {
  assertThrows(
    () => argv("agy", "large", {}, "x".repeat(121 * 1024)),
    SaseError,
    "--print argv element",
  );
  assertEquals(argv("agy", "large", {}, "y".repeat(1024)).argv.at(-1), "y".repeat(1024));
  // Multi-byte text is measured in UTF-8 bytes.
  assertThrows(
    () => argv("agy", "large", {}, "é".repeat(61 * 1024)),
    SaseError,
    "--print argv element",
  );
  // Just under the limit in bytes (60 KiB of two-byte characters) is fine.
  assertEquals(argv("agy", "large", {}, "é".repeat(60 * 1024)).argv.at(-1), "é".repeat(60 * 1024));
});

Deno.test("fakey runs sase's own __fakey subcommand", () => {
  const command = fakeyCommand();
  assertEquals(command.at(-1), "__fakey");
  assertEquals(command[0], Deno.execPath());
  const full = argv("fakey", "large").argv;
  assertEquals(full.slice(command.length), ["--model", "reply", "--session-id", SESSION]);
});

Deno.test("the registry and the provider catalog agree; unknown names fail clearly", () => {
  assertEquals(registry.infos().map((info) => info.name), [
    "claude",
    "codex",
    "qwen",
    "opencode",
    "agy",
    "gemini",
    "fakey",
  ]);
  assertEquals(registry.infos().map((info) => info.shortName), [
    "cld",
    "cdx",
    "qwn",
    "opc",
    "agy",
    "gmn",
    "fky",
  ]);
  assertThrows(() => registry.get("nope"), SaseError, "unknown LLM provider 'nope'");
});
