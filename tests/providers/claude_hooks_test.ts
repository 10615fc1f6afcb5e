import { assert, assertEquals } from "../_helpers/assert.ts";
import { makeSandbox, type Sandbox } from "../_helpers/sandbox.ts";
import { join } from "node:path";
import { readJsonl } from "../../core/fs/jsonl.ts";
import type { RunContext } from "../../core/provider.ts";
import {
  addSaseHooks,
  claudeHookCommand,
  claudeSettingsPath,
  installClaudeHooks,
  onlySaseHooks,
  removeSaseHooks,
  saseHookRuns,
} from "../../providers/llm/claude_hooks.ts";
import { claudeProvider } from "../../providers/llm/claude.ts";
import { saseCacheDir } from "../../providers/llm/run_cache.ts";

const USER_SETTINGS = {
  permissions: { allow: ["Bash(ls:*)"] },
  hooks: {
    Notification: [{ matcher: "", hooks: [{ type: "command", command: "notify-send hi" }] }],
    PreToolUse: [{ matcher: "Bash", hooks: [{ type: "command", command: "./lint-bash.sh" }] }],
  },
};

async function context(sandbox: Sandbox, workspace = "ws"): Promise<RunContext> {
  const cwd = join(sandbox.root, workspace);
  const artifactsDir = join(sandbox.root, "artifacts", crypto.randomUUID());
  await Deno.mkdir(cwd, { recursive: true });
  await Deno.mkdir(artifactsDir, { recursive: true });
  return { cwd, artifactsDir, env: sandbox.env };
}

async function readSettings(cwd: string): Promise<Record<string, unknown>> {
  return JSON.parse(await Deno.readTextFile(claudeSettingsPath(cwd)));
}

async function exists(path: string): Promise<boolean> {
  return await Deno.lstat(path).then(() => true, () => false);
}

async function diagnostics(dir: string): Promise<Record<string, unknown>[]> {
  return (await readJsonl<Record<string, unknown>>(join(dir, "tool_calls_writer_errors.jsonl")))
    .records;
}

Deno.test("addSaseHooks/removeSaseHooks: sentinel entries come and go, user hooks stay", () => {
  const added = addSaseHooks(USER_SETTINGS, "sase __claude-tool-hook", "run-1");
  assert(added);
  const hooks = added.hooks as Record<string, { matcher: string; hooks: unknown[] }[]>;
  assertEquals(hooks.PreToolUse.length, 2);
  assertEquals(hooks.PostToolUse.length, 1);
  assertEquals(hooks.PostToolUse[0].matcher, "*");
  assertEquals(hooks.PostToolUse[0].hooks, [{
    type: "command",
    command: "sase __claude-tool-hook",
    timeout: 10,
    // The handbook's `_sase_managed` sentinel (21.5.5) and the run it belongs to, written out.
    _sase_managed: "tool-call-collector",
    _sase_run: "run-1",
  }]);
  assertEquals(saseHookRuns(added), new Set(["run-1"]));
  // The input is not mutated.
  assertEquals((USER_SETTINGS.hooks as Record<string, unknown>).PostToolUse, undefined);

  const twice = addSaseHooks(added, "sase __claude-tool-hook", "run-2")!;
  assertEquals(
    removeSaseHooks(twice, (run) => run === "run-1"),
    addSaseHooks(
      USER_SETTINGS,
      "sase __claude-tool-hook",
      "run-2",
    ),
  );
  assertEquals(removeSaseHooks(twice, () => true), USER_SETTINGS);
  assert(!onlySaseHooks(twice));
  assert(onlySaseHooks(addSaseHooks({}, "x", "r")!));
  assert(!onlySaseHooks({}));
});

Deno.test("removeSaseHooks keeps user commands sharing a matcher entry and pre-existing empty containers", () => {
  const mixed = {
    hooks: {
      PostToolUse: [{
        matcher: "*",
        hooks: [
          { type: "command", command: "mine" },
          { type: "command", command: "sase", _sase_managed: "tool-call-collector" },
        ],
      }],
      PreToolUse: [],
    },
  };
  assertEquals(removeSaseHooks(mixed, () => true), {
    hooks: {
      PostToolUse: [{ matcher: "*", hooks: [{ type: "command", command: "mine" }] }],
      PreToolUse: [],
    },
  });
  assertEquals(removeSaseHooks({ hooks: {} }, () => true), { hooks: {} });
});

Deno.test("addSaseHooks refuses hooks it cannot merge into without rewriting the user's", () => {
  assertEquals(addSaseHooks({ hooks: [] }, "c", "r"), undefined);
  assertEquals(addSaseHooks({ hooks: { PreToolUse: "nope" } }, "c", "r"), undefined);
});

Deno.test("fresh workspace: the file and .claude/ exist during the run and are gone after", async () => {
  await using sandbox = await makeSandbox();
  const ctx = await context(sandbox);
  const prepared = await claudeProvider.prepareRun!(ctx);
  assertEquals(prepared.env, undefined);
  const settings = await readSettings(ctx.cwd);
  const hooks = settings.hooks as Record<string, { hooks: { command: string }[] }[]>;
  assertEquals(Object.keys(hooks), ["PreToolUse", "PostToolUse"]);
  assertEquals(hooks.PreToolUse[0].hooks[0].command, claudeHookCommand());
  assert(claudeHookCommand().endsWith(" __claude-tool-hook"));
  // Nothing but the settings file lands in .claude/ (no lock or temp files).
  assertEquals(
    (await Array.fromAsync(Deno.readDir(join(ctx.cwd, ".claude")))).map((entry) => entry.name),
    ["settings.local.json"],
  );
  await prepared.cleanup();
  assert(!(await exists(join(ctx.cwd, ".claude"))));
  await prepared.cleanup();
});

Deno.test("the settings lock is keyed by sha256(settings path)[:16], as in earlier versions", async () => {
  // Runs of different sase versions sharing a workspace must agree on the lock.
  await using sandbox = await makeSandbox();
  const ctx = await context(sandbox);
  const prepared = await claudeProvider.prepareRun!(ctx);
  const { createHash } = await import("node:crypto");
  const digest = createHash("sha256").update(claudeSettingsPath(ctx.cwd)).digest("hex");
  const lock = join(saseCacheDir(ctx.env), "claude_hooks", `settings-${digest.slice(0, 16)}.lock`);
  assert(await exists(lock), lock);
  await prepared.cleanup();
});

Deno.test("pre-existing user settings: hooks merged in, restored to the same content after", async () => {
  await using sandbox = await makeSandbox();
  const ctx = await context(sandbox);
  await Deno.mkdir(join(ctx.cwd, ".claude"));
  await Deno.writeTextFile(claudeSettingsPath(ctx.cwd), JSON.stringify(USER_SETTINGS));
  const prepared = await installClaudeHooks(ctx);
  const during = await readSettings(ctx.cwd);
  assertEquals(during.permissions, USER_SETTINGS.permissions);
  const hooks = during.hooks as Record<string, unknown[]>;
  assertEquals(hooks.Notification, USER_SETTINGS.hooks.Notification);
  assertEquals(hooks.PreToolUse.length, 2);
  assertEquals(hooks.PreToolUse[0], USER_SETTINGS.hooks.PreToolUse[0]);
  await prepared.cleanup();
  assertEquals(await readSettings(ctx.cwd), USER_SETTINGS);
});

Deno.test("an existing .claude/ with other files is kept, only the sase-made file goes", async () => {
  await using sandbox = await makeSandbox();
  const ctx = await context(sandbox);
  await Deno.mkdir(join(ctx.cwd, ".claude"));
  await Deno.writeTextFile(join(ctx.cwd, ".claude", "settings.json"), "{}\n");
  const prepared = await installClaudeHooks(ctx);
  await prepared.cleanup();
  assert(!(await exists(claudeSettingsPath(ctx.cwd))));
  assertEquals(await Deno.readTextFile(join(ctx.cwd, ".claude", "settings.json")), "{}\n");
});

Deno.test("malformed settings.local.json is left untouched with a diagnostic; cleanup is a no-op", async () => {
  await using sandbox = await makeSandbox();
  const ctx = await context(sandbox);
  await Deno.mkdir(join(ctx.cwd, ".claude"));
  const broken = '{"hooks": {"PreToolUse": [}\n';
  await Deno.writeTextFile(claudeSettingsPath(ctx.cwd), broken);
  const prepared = await installClaudeHooks(ctx);
  assertEquals(await Deno.readTextFile(claudeSettingsPath(ctx.cwd)), broken);
  await prepared.cleanup();
  assertEquals(await Deno.readTextFile(claudeSettingsPath(ctx.cwd)), broken);
  const [diagnostic] = await diagnostics(ctx.artifactsDir);
  assertEquals(diagnostic.reason, "claude_hooks_skipped");
  assertEquals(diagnostic.mode, "settings_file_malformed");
  assertEquals(diagnostic.settings_path, claudeSettingsPath(ctx.cwd));
});

Deno.test("home mode (cwd is HOME, no workspace variables) skips the settings mutation", async () => {
  await using sandbox = await makeSandbox();
  const artifactsDir = join(sandbox.root, "artifacts");
  const prepared = await installClaudeHooks({ cwd: sandbox.home, artifactsDir, env: sandbox.env });
  assert(!(await exists(join(sandbox.home, ".claude"))));
  await prepared.cleanup();
  const [diagnostic] = await diagnostics(artifactsDir);
  assertEquals(diagnostic.reason, "claude_hooks_skipped");
  assertEquals(diagnostic.mode, "home_mode_or_no_workspace");
});

Deno.test("two concurrent runs in one workspace: each removes only its own hooks, last one out cleans up", async () => {
  await using sandbox = await makeSandbox();
  const first = await context(sandbox);
  const second = { ...first, artifactsDir: join(sandbox.root, "artifacts", "second") };
  const [a, b] = await Promise.all([installClaudeHooks(first), installClaudeHooks(second)]);
  const both = await readSettings(first.cwd);
  assertEquals(saseHookRuns(both).size, 2);
  assertEquals((both.hooks as Record<string, unknown[]>).PostToolUse.length, 2);

  await a.cleanup();
  const after = await readSettings(first.cwd);
  assertEquals(saseHookRuns(after).size, 1);
  assertEquals((after.hooks as Record<string, unknown[]>).PreToolUse.length, 1);
  await b.cleanup();
  assert(!(await exists(join(first.cwd, ".claude"))));

  // Many runs racing both ways never lose or leak an entry.
  const runs = await Promise.all(
    Array.from({ length: 6 }, () => installClaudeHooks(first)),
  );
  assertEquals(saseHookRuns(await readSettings(first.cwd)).size, 6);
  await Promise.all(runs.map((run) => run.cleanup()));
  assert(!(await exists(join(first.cwd, ".claude"))));
});

Deno.test("hooks left by a crashed run (no live lease) are removed by the next run's cleanup", async () => {
  await using sandbox = await makeSandbox();
  const ctx = await context(sandbox);
  const crashed = addSaseHooks(USER_SETTINGS, "sase __claude-tool-hook", "dead-run")!;
  await Deno.mkdir(join(ctx.cwd, ".claude"));
  await Deno.writeTextFile(claudeSettingsPath(ctx.cwd), JSON.stringify(crashed));
  const prepared = await installClaudeHooks(ctx);
  assertEquals(saseHookRuns(await readSettings(ctx.cwd)).size, 2);
  await prepared.cleanup();
  assertEquals(await readSettings(ctx.cwd), USER_SETTINGS);
});

Deno.test("an inaccessible settings location degrades to a diagnostic, not a failed run", async () => {
  await using sandbox = await makeSandbox();
  const ctx = await context(sandbox);
  // `.claude` is a file, so nothing can be read or written below it.
  await Deno.writeTextFile(join(ctx.cwd, ".claude"), "not a directory\n");
  const prepared = await installClaudeHooks(ctx);
  await prepared.cleanup();
  assertEquals(await Deno.readTextFile(join(ctx.cwd, ".claude")), "not a directory\n");
  const [diagnostic] = await diagnostics(ctx.artifactsDir);
  assertEquals([diagnostic.reason, diagnostic.mode], [
    "claude_hooks_skipped",
    "settings_file_inaccessible",
  ]);
});
