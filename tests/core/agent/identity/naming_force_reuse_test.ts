import { join } from "node:path";
import { assertEquals, assertRejects } from "../../../_helpers/assert.ts";
import { makeSandbox } from "../../../_helpers/sandbox.ts";
import {
  backfillAgentNames,
  forceReserveAgentName,
  readNameRegistry,
  reserveAgentName,
} from "../../../../core/agent/identity/naming.ts";
import { forceReuseAgentName } from "../../../../core/agent/identity/kill.ts";
import { processGroupMembers } from "../../../../core/agent/index/liveness.ts";
import { bundlesDir } from "../../../../core/agent/index/archive.ts";
import { doneJson, stampAt, writeRun } from "../index/_runs.ts";
import { SaseError } from "../../../../core/errors.ts";

const exists = (path: string) => Deno.stat(path).then(() => true, () => false);

Deno.test("force reuse wipes a finished owner and claims the name", async () => {
  await using sb = await makeSandbox();
  const oldDir = writeRun(sb.saseHome, {
    project: "p",
    timestamp: stampAt(0),
    meta: { name: "reviewer" },
    done: doneJson(),
  });
  await reserveAgentName(sb.env, "reviewer", {
    timestamp: stampAt(0),
    project: "p",
    artifacts_dir: oldDir,
  });
  // A dismissed bundle under the same name goes too.
  const bundle = join(bundlesDir(sb.env), "202601", "20251231000000.json");
  await Deno.mkdir(join(bundle, ".."), { recursive: true });
  await Deno.writeTextFile(
    bundle,
    JSON.stringify({ raw_suffix: "20251231000000", agent_name: "reviewer" }),
  );

  await assertRejects(
    () =>
      reserveAgentName(sb.env, "reviewer", { timestamp: "x", project: "p", artifacts_dir: "y" }),
    SaseError,
    "reviewer",
  );
  const newDir = join(sb.root, "new-run");
  const claim = await forceReuseAgentName(sb.env, "reviewer", {
    timestamp: stampAt(1),
    project: "p",
    artifacts_dir: newDir,
  });
  assertEquals(claim.previous?.artifacts_dir, oldDir);
  assertEquals((await readNameRegistry(sb.env)).reviewer.artifacts_dir, newDir);
  assertEquals(await exists(oldDir), false);
  assertEquals(await exists(bundle), false);
});

Deno.test({
  name: "force reuse of a live owner terminates it first",
  ignore: Deno.build.os !== "linux",
  async fn() {
    await using sb = await makeSandbox();
    const provider = new Deno.Command("setsid", { args: ["sleep", "60"] }).spawn();
    try {
      const dir = writeRun(sb.saseHome, {
        project: "p",
        timestamp: stampAt(0),
        meta: { name: "worker", status: "running", agent_pid: provider.pid },
      });
      await reserveAgentName(sb.env, "worker", {
        timestamp: stampAt(0),
        project: "p",
        artifacts_dir: dir,
      });
      await forceReuseAgentName(sb.env, "worker", {
        timestamp: stampAt(1),
        project: "p",
        artifacts_dir: "next",
      });
      assertEquals(processGroupMembers(provider.pid), []);
      assertEquals(await exists(dir), false);
    } finally {
      try {
        Deno.kill(-provider.pid, "SIGKILL");
      } catch {
        // Gone.
      }
      await provider.status;
    }
  },
});

Deno.test("force reuse refuses to take over a name claimed during the wipe", async () => {
  await using sb = await makeSandbox();
  await assertRejects(
    () =>
      forceReserveAgentName(
        sb.env,
        "racy",
        { timestamp: "2", project: "p", artifacts_dir: "b" },
        async (env) => {
          await reserveAgentName(env, "racy", { timestamp: "1", project: "p", artifacts_dir: "a" });
        },
      ),
    SaseError,
    "claimed by another launch",
  );
});

Deno.test("backfill reserves only unknown names", async () => {
  await using sb = await makeSandbox();
  await reserveAgentName(sb.env, "known", { timestamp: "1", project: "p", artifacts_dir: "a" });
  const added = await backfillAgentNames(
    sb.env,
    new Map([
      ["known", { timestamp: "9", project: "p", artifacts_dir: "z" }],
      ["fresh", { timestamp: "2", project: "p", artifacts_dir: "b" }],
    ]),
  );
  assertEquals(added, ["fresh"]);
  const registry = await readNameRegistry(sb.env);
  assertEquals([registry.known.artifacts_dir, registry.fresh.artifacts_dir], ["a", "b"]);
});
