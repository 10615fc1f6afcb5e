import { assert, assertEquals, assertRejects } from "../_helpers/assert.ts";
import { makeSandbox, type Sandbox } from "../_helpers/sandbox.ts";
import { join } from "node:path";
import {
  codexShadowRoot,
  prepareCodexHome,
  realCodexHome,
  sweepStaleShadowHomes,
} from "../../providers/llm/codex_home.ts";
import { codexProvider } from "../../providers/llm/codex.ts";
import { acquireLease } from "../../providers/llm/run_cache.ts";
import { SaseError } from "../../core/errors.ts";

async function realHome(sandbox: Sandbox): Promise<string> {
  const real = join(sandbox.home, ".codex");
  await sandbox.write("home/.codex/config.toml", 'model = "gpt-5.5"\n');
  await sandbox.write("home/.codex/auth.json", '{"token":"secret"}\n');
  await sandbox.write("home/.codex/skills/demo/SKILL.md", "# demo\n");
  await sandbox.write("home/.codex/sessions/2026/rollout.jsonl", "{}\n");
  return real;
}

async function exists(path: string): Promise<boolean> {
  return await Deno.lstat(path).then(() => true, () => false);
}

Deno.test("shadow CODEX_HOME: config.toml copied, every other entry symlinked, removed on cleanup", async () => {
  await using sandbox = await makeSandbox();
  const real = await realHome(sandbox);
  const prepared = await codexProvider.prepareRun!({
    cwd: sandbox.cwd,
    artifactsDir: join(sandbox.root, "artifacts"),
    env: sandbox.env,
  });
  const shadow = prepared.env!.CODEX_HOME;
  assert(shadow.startsWith(join(sandbox.home, ".cache", "sase", "codex_home") + "/"));
  assertEquals((await Deno.stat(shadow)).mode! & 0o777, 0o700);

  const config = await Deno.lstat(join(shadow, "config.toml"));
  assert(config.isFile && !config.isSymlink);
  for (const name of ["auth.json", "skills", "sessions"]) {
    assertEquals(await Deno.readLink(join(shadow, name)), join(real, name));
  }
  assertEquals(await Deno.readTextFile(join(shadow, "skills", "demo", "SKILL.md")), "# demo\n");

  // Codex rewriting its config touches only the copy; writes through links reach the real home.
  await Deno.writeTextFile(join(shadow, "config.toml"), 'model = "rewritten"\n');
  await Deno.writeTextFile(join(shadow, "sessions", "new.jsonl"), "{}\n");
  assertEquals(await Deno.readTextFile(join(real, "config.toml")), 'model = "gpt-5.5"\n');

  await prepared.cleanup();
  assert(!(await exists(shadow)));
  assert(!(await exists(`${shadow}.lock`)));
  // Removing the shadow never follows its links into the real home.
  assertEquals(await Deno.readTextFile(join(real, "auth.json")), '{"token":"secret"}\n');
  assertEquals(await Deno.readTextFile(join(real, "sessions", "new.jsonl")), "{}\n");
  assert(await exists(join(real, "skills", "demo", "SKILL.md")));
  await prepared.cleanup();
});

Deno.test("SASE_CODEX_DISABLE_SHADOW_HOME=1 passes the inherited environment through", async () => {
  await using sandbox = await makeSandbox();
  await realHome(sandbox);
  const prepared = await prepareCodexHome({
    ...sandbox.env,
    SASE_CODEX_DISABLE_SHADOW_HOME: "1",
  });
  assertEquals(prepared.env, undefined);
  assert(!(await exists(codexShadowRoot(sandbox.env))));
  await prepared.cleanup();
});

Deno.test("real home: CODEX_HOME when set, ~/.codex otherwise, never a shadow of ours", async () => {
  await using sandbox = await makeSandbox();
  const custom = join(sandbox.root, "custom-codex");
  await sandbox.write("custom-codex/config.toml", "x = 1\n");
  assertEquals(realCodexHome(sandbox.env), join(sandbox.home, ".codex"));
  assertEquals(realCodexHome({ ...sandbox.env, CODEX_HOME: custom }), custom);
  const nested = join(codexShadowRoot(sandbox.env), "123-abc");
  assertEquals(realCodexHome({ ...sandbox.env, CODEX_HOME: nested }), join(sandbox.home, ".codex"));

  const prepared = await prepareCodexHome({ ...sandbox.env, CODEX_HOME: custom });
  assertEquals(await Deno.readTextFile(join(prepared.env!.CODEX_HOME, "config.toml")), "x = 1\n");
  await prepared.cleanup();
});

Deno.test("XDG_CACHE_HOME moves the shadow root", async () => {
  await using sandbox = await makeSandbox();
  const cache = join(sandbox.root, "xdg-cache");
  const prepared = await prepareCodexHome({ ...sandbox.env, XDG_CACHE_HOME: cache });
  assert(prepared.env!.CODEX_HOME.startsWith(join(cache, "sase", "codex_home") + "/"));
  await prepared.cleanup();
});

Deno.test("~/AGENTS.md is linked in only when the real home has no AGENTS file", async () => {
  await using sandbox = await makeSandbox();
  await sandbox.write("home/AGENTS.md", "# global\n");
  // No real Codex home at all: an empty shadow plus the fallback.
  const bare = await prepareCodexHome(sandbox.env);
  const bareEntries = await Array.fromAsync(Deno.readDir(bare.env!.CODEX_HOME));
  assertEquals(bareEntries.map((entry) => entry.name), ["AGENTS.md"]);
  assertEquals(
    await Deno.readLink(join(bare.env!.CODEX_HOME, "AGENTS.md")),
    join(sandbox.home, "AGENTS.md"),
  );
  await bare.cleanup();

  await sandbox.write("home/.codex/AGENTS.override.md", "# override\n");
  const own = await prepareCodexHome(sandbox.env);
  assertEquals(
    (await Array.fromAsync(Deno.readDir(own.env!.CODEX_HOME))).map((entry) => entry.name),
    ["AGENTS.override.md"],
  );
  await own.cleanup();
});

Deno.test("stale shadows: crashed runs' homes are swept, live and fresh unleased ones are kept", async () => {
  await using sandbox = await makeSandbox();
  const root = codexShadowRoot(sandbox.env);
  await Deno.mkdir(join(root, "dead-run"), { recursive: true });
  await Deno.writeTextFile(join(root, "dead-run.lock"), "");
  await Deno.writeTextFile(join(root, "orphan.lock"), "");
  const live = await acquireLease(root, "live-run");
  await Deno.mkdir(join(root, "live-run"));
  await Deno.mkdir(join(root, "unleased-new"));
  await Deno.mkdir(join(root, "unleased-old"));
  const old = new Date(Date.now() - 3 * 24 * 60 * 60 * 1000);
  await Deno.utime(join(root, "unleased-old"), old, old);

  // A new run sweeps before it creates its own shadow.
  const prepared = await prepareCodexHome(sandbox.env);
  const names = (await Array.fromAsync(Deno.readDir(root))).map((entry) => entry.name).sort();
  const own = prepared.env!.CODEX_HOME.split("/").pop()!;
  assertEquals(names, [own, `${own}.lock`, "live-run", "live-run.lock", "unleased-new"].sort());
  await prepared.cleanup();
  await live.release();
  assertEquals(await sweepStaleShadowHomes(root), []);
  assertEquals(await sweepStaleShadowHomes(join(sandbox.root, "missing")), []);
});

Deno.test("a shadow that cannot be built fails with the disable hint and leaves nothing behind", async () => {
  await using sandbox = await makeSandbox();
  await Deno.mkdir(join(sandbox.home, ".codex"), { recursive: true });
  // A dangling config.toml symlink cannot be copied.
  await Deno.symlink(
    join(sandbox.root, "nowhere.toml"),
    join(sandbox.home, ".codex", "config.toml"),
  );
  const error = await assertRejects(() => prepareCodexHome(sandbox.env), SaseError);
  assert(String((error as SaseError).hint).includes("SASE_CODEX_DISABLE_SHADOW_HOME=1"));
  assertEquals(await Array.fromAsync(Deno.readDir(codexShadowRoot(sandbox.env))), []);
});
