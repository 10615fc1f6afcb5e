/**
 * The jail service on its own, with the real jail: its session lives as
 * long as someone holds it and leaves nothing behind; a background hold
 * starts it only when the settings may jail something and the jail works;
 * commands confined at the same time each get their own host allow-list.
 */

import { join } from "node:path";
import { assertEquals } from "../../_helpers/assert.ts";
import { haveTool, needing } from "../../_helpers/tools.ts";
import { reserveEntry } from "../../../core/sandbox/entry.ts";
import { confine, holdJail, prewarmJail } from "../../../core/sandbox/jail.ts";
import type { JailPolicy } from "../../../core/sandbox/policy.ts";
import type { ModeSetting, SandboxSettings } from "../../../core/sandbox/settings.ts";

const linuxOnly = Deno.build.os !== "linux";

/** This process's children running `name` (the session's proxy relays are `socat`). */
function children(name: string): number[] {
  return childrenOf(Deno.pid, name);
}

/** `parent`'s children running `name` (not zombies). */
function childrenOf(parent: number, name: string): number[] {
  const found: number[] = [];
  for (const entry of Deno.readDirSync("/proc")) {
    const pid = Number(entry.name);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
      const after = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      if (comm === name && Number(after[1]) === parent && after[0] !== "Z") found.push(pid);
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

Deno.test({
  name: "the session starts with the first hold and stops, relays and all, with the last",
  ignore: linuxOnly,
  async fn() {
    const env = Deno.env.toObject();
    const first = holdJail(env);
    const second = holdJail(env);
    await Promise.all([first.ready, second.ready]);
    assertEquals(children("socat").length > 0, true);
    await first[Symbol.asyncDispose]();
    assertEquals(children("socat").length > 0, true, "still held");
    await second[Symbol.asyncDispose]();
    assertEquals(children("socat"), []);
    // A later hold starts it afresh.
    const again = holdJail(env);
    await again.ready;
    assertEquals(children("socat").length > 0, true);
    await again[Symbol.asyncDispose]();
    assertEquals(children("socat"), []);
  },
});

/** Settings with `mode` for the section, `providers`' modes, and a repo-local `localMode`. */
function settingsWith(
  mode: ModeSetting["mode"] | undefined,
  providers: Record<string, ModeSetting["mode"]> = {},
  localMode?: ModeSetting["mode"],
): SandboxSettings {
  const rules = { read: [], write: [], deny: [], hosts: [], env: [] };
  const setting = (value: ModeSetting["mode"]) => ({ mode: value, source: "sase.yml" });
  return {
    ...(mode ? { mode: setting(mode) } : {}),
    ...(localMode ? { localMode: { mode: localMode, source: "./sase.yml" } } : {}),
    rules,
    providers: Object.fromEntries(
      Object.entries(providers).map(([name, value]) => [name, { mode: setting(value), rules }]),
    ),
    warnings: [],
  };
}

Deno.test({
  name: "a background hold starts the session only when the settings may jail and the jail works",
  ignore: linuxOnly,
  async fn() {
    const saseHome = await Deno.makeTempDir();
    const env = { ...Deno.env.toObject(), SASE_HOME: saseHome };
    try {
      // Anything that may run in the jail: the automatic choice, the section's
      // mode, a provider's override, a repo-local mode (which only tightens).
      const wanted: [string, SandboxSettings][] = [
        ["automatic", settingsWith(undefined)],
        ["section jail", settingsWith("jail")],
        ["a provider's jail", settingsWith("permissions", { codex: "jail" })],
        ["a repo-local jail", settingsWith("off", {}, "jail")],
      ];
      for (const [what, settings] of wanted) {
        const prewarm = prewarmJail(env, Promise.resolve(settings));
        assertEquals(await prewarm.decided, true, what);
        // Joining the session it started: ready once the relays run.
        const joined = holdJail(env);
        await joined.ready;
        assertEquals(children("socat").length > 0, true, what);
        await joined[Symbol.asyncDispose]();
        assertEquals(children("socat").length > 0, true, `${what}: still held`);
        await prewarm[Symbol.asyncDispose]();
        assertEquals(children("socat"), [], what);
      }
      // Nothing that may: no session, no relay.
      const unwanted: [string, SandboxSettings][] = [
        ["section permissions", settingsWith("permissions")],
        ["section off", settingsWith("off", { fakey: "permissions" })],
      ];
      for (const [what, settings] of unwanted) {
        const prewarm = prewarmJail(env, Promise.resolve(settings));
        assertEquals(await prewarm.decided, false, what);
        assertEquals(children("socat"), [], what);
        await prewarm[Symbol.asyncDispose]();
      }
      // The jail does not work here (no bubblewrap on PATH): no session either.
      const empty = await Deno.makeTempDir();
      const prewarm = prewarmJail({ ...env, PATH: empty }, Promise.resolve(settingsWith("jail")));
      assertEquals(await prewarm.decided, false);
      assertEquals(children("socat"), []);
      await prewarm[Symbol.asyncDispose]();
      await Deno.remove(empty);
      // Settings that cannot be read start nothing (the launch reports them).
      const broken = prewarmJail(env, Promise.reject(new Error("bad config")));
      assertEquals(await broken.decided, false);
      await broken[Symbol.asyncDispose]();
    } finally {
      await Deno.remove(saseHome, { recursive: true });
    }
  },
});

const curl = await haveTool("curl");

Deno.test({
  name: needing("commands confined side by side each get their own allow-list", "curl", curl),
  ignore: linuxOnly || !curl,
  async fn() {
    const root = await Deno.realPath(await Deno.makeTempDir());
    let hits = 0;
    const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, () => {
      hits += 1;
      return new Response("reached");
    });
    try {
      const env = { ...Deno.env.toObject(), HOME: root };
      const policy = (hosts: string[], name: string): JailPolicy => ({
        mode: "jail",
        reason: "test",
        provider: "test",
        write: [root],
        denyRead: [],
        allowRead: [],
        denyWrite: [],
        hosts,
        env: ["PATH", "HOME"],
        tempDir: join(root, name),
        stateDirs: [],
      });
      const url = `http://127.0.0.1:${server.addr.port}/`;
      const argv = ["/bin/sh", "-c", `curl -fsS -x "$HTTP_PROXY" --noproxy '' ${url}`];
      await using allowedSlot = await reserveEntry();
      await using deniedSlot = await reserveEntry();
      await using _allowed = await confine(
        { argv, cwd: root, env, policy: policy([`127.0.0.1:${server.addr.port}`], "a") },
        allowedSlot,
      );
      await using denied = await confine(
        { argv, cwd: root, env, policy: policy([], "b") },
        deniedSlot,
      );
      const run = (path: string) =>
        new Deno.Command(path, { stdout: "piped", stderr: "null" }).output();
      const [a, b] = await Promise.all([run(allowedSlot.path), run(deniedSlot.path)]);
      assertEquals(new TextDecoder().decode(a.stdout), "reached");
      assertEquals(b.success, false);
      assertEquals(hits, 1);
      assertEquals(await denied.violations(), [
        `deny network-outbound 127.0.0.1:${server.addr.port} (host is not on the allow list)`,
      ]);
    } finally {
      await server.shutdown();
      await Deno.remove(root, { recursive: true });
    }
  },
});

Deno.test({
  name: "a command's last denied write is in its violations, alone or beside a running command",
  ignore: linuxOnly,
  async fn() {
    const root = await Deno.makeTempDir();
    const env = { ...Deno.env.toObject(), HOME: root };
    const policy = (name: string): JailPolicy => ({
      mode: "jail",
      reason: "test",
      provider: "test",
      write: [join(root, name)],
      denyRead: [],
      allowRead: [],
      denyWrite: [],
      hosts: [],
      env: ["PATH", "HOME"],
      tempDir: join(root, name),
      stateDirs: [],
    });
    const outside = join(root, "outside");
    // Each command writes outside its paths as the very last thing it does.
    const lastWrite = (n: number) => ["/bin/sh", "-c", `: > ${outside}-${n}; exit 0`];
    const run = (path: string) =>
      new Deno.Command(path, { stdout: "null", stderr: "null" }).output();
    try {
      await Deno.mkdir(join(root, "a"));
      await Deno.mkdir(join(root, "busy"));
      for (let n = 0; n < 5; n++) {
        await using slot = await reserveEntry();
        await using confined = await confine(
          { argv: lastWrite(n), cwd: root, env, policy: policy("a") },
          slot,
        );
        await run(slot.path);
        assertEquals(await confined.violations(), [`deny openat ${outside}-${n}`]);
      }
      // Another command still running in the same session.
      await using busySlot = await reserveEntry();
      await using _busy = await confine(
        { argv: ["/bin/sh", "-c", "sleep 3"], cwd: root, env, policy: policy("busy") },
        busySlot,
      );
      const busy = new Deno.Command(busySlot.path, { stdout: "null", stderr: "null" }).spawn();
      try {
        await using slot = await reserveEntry();
        await using confined = await confine(
          { argv: lastWrite(9), cwd: root, env, policy: policy("a") },
          slot,
        );
        await run(slot.path);
        assertEquals(await confined.violations(), [`deny openat ${outside}-9`]);
      } finally {
        busy.kill("SIGKILL");
        await busy.status;
      }
    } finally {
      await Deno.remove(root, { recursive: true });
    }
  },
});

/** Whether process `pid` is running (not gone, not a zombie). */
function running(pid: number): boolean {
  try {
    const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[0] !== "Z";
  } catch {
    return false;
  }
}

Deno.test({
  name: "a process killed with SIGKILL leaves no proxy relay behind (they stop within seconds)",
  ignore: linuxOnly || !(await haveTool("socat", ["-V"])) ||
    !(await haveTool("bwrap", ["--version"])),
  async fn() {
    const jail = new URL("../../../core/sandbox/jail.ts", import.meta.url).href;
    const holder = new Deno.Command(Deno.execPath(), {
      args: [
        "eval",
        `import { holdJail } from "${jail}"; await holdJail(Deno.env.toObject()).ready; ` +
        `console.log("ready"); setInterval(() => {}, 1000);`,
      ],
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
    const reader = holder.stdout.getReader();
    const first = await reader.read();
    assertEquals(new TextDecoder().decode(first.value).trim(), "ready");
    const relays = childrenOf(holder.pid, "socat");
    assertEquals(relays.length > 0, true, "the session's relays run");
    holder.kill("SIGKILL");
    await holder.status;
    reader.releaseLock();
    await holder.stdout.cancel();
    const deadline = Date.now() + 20_000;
    while (relays.some(running) && Date.now() < deadline) {
      await new Promise((done) => setTimeout(done, 200));
    }
    assertEquals(relays.filter(running), [], "relays still running after their owner died");
  },
});
