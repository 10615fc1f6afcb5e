/**
 * The jail service on its own, with the real jail: its session lives as
 * long as someone holds it and leaves nothing behind; commands confined at
 * the same time each get their own host allow-list.
 */

import { join } from "node:path";
import { assertEquals } from "../../_helpers/assert.ts";
import { haveTool, needing } from "../../_helpers/tools.ts";
import { reserveEntry } from "../../../core/sandbox/entry.ts";
import { confine, holdJail } from "../../../core/sandbox/jail.ts";
import type { JailPolicy } from "../../../core/sandbox/policy.ts";

const linuxOnly = Deno.build.os !== "linux";

/** This process's children running `name` (the session's proxy relays are `socat`). */
function children(name: string): number[] {
  const found: number[] = [];
  for (const entry of Deno.readDirSync("/proc")) {
    const pid = Number(entry.name);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
      const after = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      if (comm === name && Number(after[1]) === Deno.pid && after[0] !== "Z") found.push(pid);
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
