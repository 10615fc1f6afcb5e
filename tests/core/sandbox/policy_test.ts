/**
 * The policy of one confined process, rule by rule (README "Sandbox"): what
 * it may write, what it may not read (secrets, SASE_HOME but its run and
 * the shim, other providers' state), which hosts, which variables.
 */

import { join } from "node:path";
import { assertEquals } from "../../_helpers/assert.ts";
import { CLAUDE_INFO, CODEX_INFO, FAKEY_INFO } from "../../../core/provider_catalog.ts";
import type { LlmProviderInfo } from "../../../core/provider.ts";
import {
  BASE_ENV,
  confinedEnv,
  expandPath,
  gitMetadata,
  jailPolicy,
  SECRET_PATHS,
} from "../../../core/sandbox/policy.ts";
import type { SandboxSettings } from "../../../core/sandbox/settings.ts";

const HOME = "/home/u";
const ENV = { HOME, SASE_HOME: "/state", CODEX_HOME: "/shadow/codex", PATH: "/bin" };
const RULES = { read: [], write: [], deny: [], hosts: [], env: [] };
/** A plugin provider with state of its own. */
const OTHER: LlmProviderInfo = {
  ...FAKEY_INFO,
  name: "other",
  sandbox: { env: ["OTHER_KEY"], hosts: ["other.example"], state: ["~/.other/"] },
};

function settings(extra: Partial<SandboxSettings> = {}): SandboxSettings {
  return { rules: RULES, providers: {}, warnings: [], ...extra };
}

function policyFor(provider: LlmProviderInfo, configured = settings()) {
  return jailPolicy({
    settings: configured,
    decision: { mode: "jail", reason: "automatic: the jail works here", warnings: [] },
    provider,
    providers: [CLAUDE_INFO, CODEX_INFO, FAKEY_INFO, OTHER],
    env: ENV,
    workspace: "/ws",
    runDir: "/state/projects/p/artifacts/ace-run/202601/01/20260101000000",
    tempDir: "/tmp/sase-agent-x",
  });
}

const RUN = "/state/projects/p/artifacts/ace-run/202601/01/20260101000000";
const SECRETS = SECRET_PATHS.map((path) => join(HOME, path.slice(2)));

Deno.test("claude: its workspace, run, temp and state are writable; others' state is not readable", () => {
  const policy = policyFor(CLAUDE_INFO);
  assertEquals(policy.write, [
    "/ws",
    RUN,
    "/tmp/sase-agent-x",
    "/home/u/.claude",
    "/home/u/.claude.json",
  ]);
  assertEquals(policy.stateDirs, ["/home/u/.claude"]);
  assertEquals(policy.denyRead, [
    ...SECRETS,
    "/state",
    "/home/u/.codex",
    "/shadow/codex",
    "/home/u/.other",
  ]);
  assertEquals(policy.allowRead, [...policy.write, "/state/bin"]);
  assertEquals(policy.denyWrite, []);
  assertEquals(policy.hosts, [...CLAUDE_INFO.sandbox!.hosts]);
  assertEquals(policy.env, [...BASE_ENV, ...CLAUDE_INFO.sandbox!.env]);
});

Deno.test("fakey: no state, no hosts, and every provider's state hidden", () => {
  const policy = policyFor(FAKEY_INFO);
  assertEquals(policy.write, ["/ws", RUN, "/tmp/sase-agent-x"]);
  assertEquals(policy.hosts, []);
  assertEquals(policy.env, [...BASE_ENV]);
  assertEquals(policy.denyRead.includes("/home/u/.claude"), true);
  assertEquals(policy.denyRead.includes("/home/u/.claude.json"), true);
});

Deno.test("configured extras widen (section and provider) and deny narrows", () => {
  const configured = settings({
    rules: {
      read: ["~/.ssh/known_hosts"],
      write: ["~/cache"],
      deny: [".env"],
      hosts: ["github.com"],
      env: ["HTTPS_PROXY"],
    },
    providers: {
      codex: { rules: { ...RULES, hosts: ["proxy.example:8443"], write: ["/opt/out"] } },
    },
  });
  const policy = policyFor(CODEX_INFO, configured);
  assertEquals(policy.write, [
    "/ws",
    RUN,
    "/tmp/sase-agent-x",
    "/home/u/.codex",
    "/shadow/codex",
    "/home/u/cache",
    "/opt/out",
  ]);
  assertEquals(policy.denyRead.at(-1), "/ws/.env");
  assertEquals(policy.denyWrite, ["/ws/.env"]);
  assertEquals(policy.allowRead.includes("/home/u/.ssh/known_hosts"), true);
  assertEquals(policy.hosts, [...CODEX_INFO.sandbox!.hosts, "github.com", "proxy.example:8443"]);
  assertEquals(policy.env.includes("HTTPS_PROXY"), true);
  // Codex's own state is not hidden from it, even though claude's list names other dirs.
  assertEquals(policy.denyRead.includes("/home/u/.codex"), false);
});

Deno.test("expandPath: ~, $NAME, relative, absolute; an unset variable names nothing", () => {
  assertEquals(expandPath("~", ENV, "/ws"), HOME);
  assertEquals(expandPath("~/.claude/", ENV, "/ws"), "/home/u/.claude");
  assertEquals(expandPath("$CODEX_HOME/", ENV, "/ws"), "/shadow/codex");
  assertEquals(expandPath("$CODEX_HOME/sub", ENV, "/ws"), "/shadow/codex/sub");
  assertEquals(expandPath("$UNSET_DIR/", ENV, "/ws"), undefined);
  assertEquals(expandPath("build/out", ENV, "/ws"), "/ws/build/out");
  assertEquals(expandPath("/abs/", ENV, "/ws"), "/abs");
  assertEquals(expandPath("~user", ENV, "/ws"), "/ws/~user");
});

Deno.test("confinedEnv: named, LC_* and SASE_* variables and the run's own; never the rest", () => {
  const policy = { env: ["PATH", "HOME", "ANTHROPIC_API_KEY"], tempDir: "/tmp/t" };
  const env = {
    PATH: "/bin",
    HOME,
    ANTHROPIC_API_KEY: "sk-ant",
    OPENAI_API_KEY: "sk-openai",
    AWS_SECRET_ACCESS_KEY: "aws",
    LC_ALL: "C",
    SASE_ARTIFACTS_DIR: "/run",
    SASE_GATEWAY_TOKEN: "token",
    SASE_API_KEY_X: "key",
    CODEX_HOME: "/shadow",
    TMPDIR: "/tmp",
  };
  assertEquals(confinedEnv(env, policy, ["CODEX_HOME"]), {
    PATH: "/bin",
    HOME,
    ANTHROPIC_API_KEY: "sk-ant",
    LC_ALL: "C",
    SASE_ARTIFACTS_DIR: "/run",
    CODEX_HOME: "/shadow",
    TMPDIR: "/tmp/t",
  });
});

Deno.test("submodules' git hooks and config stay read-only too, nested and grouped ones included", async () => {
  const root = await Deno.makeTempDir();
  try {
    const git = join(root, "repo", ".git");
    const gitDir = async (path: string) => {
      await Deno.mkdir(join(git, path), { recursive: true });
      await Deno.writeTextFile(join(git, path, "HEAD"), "ref: refs/heads/main\n");
    };
    await gitDir("modules/lib");
    await gitDir("modules/lib/modules/deep");
    await gitDir("modules/vendor/tool"); // a submodule named `vendor/tool`
    await Deno.mkdir(join(git, "modules", "junk"), { recursive: true }); // no HEAD: not one
    const [meta] = await gitMetadata([join(root, "repo")]);
    assertEquals(meta.modules, [
      join(git, "modules/lib"),
      join(git, "modules/lib/modules/deep"),
      join(git, "modules/vendor/tool"),
    ]);
    const policy = jailPolicy({
      settings: settings(),
      decision: { mode: "jail", reason: "r", warnings: [] },
      provider: FAKEY_INFO,
      providers: [FAKEY_INFO],
      env: ENV,
      workspace: join(root, "repo"),
      runDir: RUN,
      tempDir: "/tmp/t",
      git: [meta],
    });
    assertEquals(policy.denyWrite, [
      join(git, "hooks"),
      join(git, "config"),
      join(git, "modules/lib/hooks"),
      join(git, "modules/lib/config"),
      join(git, "modules/lib/modules/deep/hooks"),
      join(git, "modules/lib/modules/deep/config"),
      join(git, "modules/vendor/tool/hooks"),
      join(git, "modules/vendor/tool/config"),
    ]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("a checkout's git hooks and config stay read-only; a worktree's pointer file too", async () => {
  const root = await Deno.makeTempDir();
  try {
    const repo = join(root, "repo");
    const worktree = join(root, "worktree");
    await Deno.mkdir(join(repo, ".git"), { recursive: true });
    await Deno.mkdir(worktree);
    await Deno.writeTextFile(join(worktree, ".git"), "gitdir: /elsewhere\n");
    const git = await gitMetadata([repo, worktree, join(root, "plain")]);
    assertEquals(git, [
      { path: join(repo, ".git"), directory: true },
      { path: join(worktree, ".git"), directory: false },
    ]);
    const policy = jailPolicy({
      settings: settings(),
      decision: { mode: "jail", reason: "r", warnings: [] },
      provider: FAKEY_INFO,
      providers: [FAKEY_INFO],
      env: ENV,
      workspace: repo,
      runDir: RUN,
      tempDir: "/tmp/t",
      git,
    });
    assertEquals(policy.denyWrite, [
      join(repo, ".git", "hooks"),
      join(repo, ".git", "config"),
      join(worktree, ".git"),
    ]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
