/**
 * The broker refuses what it is not for: commands outside its list,
 * requests from outside the run's paths, malformed requests, and answers
 * the jailed side through the shared directory. (A brokered `sase plan
 * propose` from a jailed agent runs in tests/e2e/plan_pipeline.test.ts.)
 */

import { join } from "node:path";
import { assertEquals } from "../../_helpers/assert.ts";
import {
  BROKER_ENV,
  brokerPolicy,
  isBrokered,
  refusal,
  serveBroker,
} from "../../../core/sandbox/broker.ts";
import { brokeredExitCode } from "../../../core/sandbox/broker_client.ts";
import type { JailPolicy } from "../../../core/sandbox/policy.ts";

const POLICY: JailPolicy = {
  mode: "jail",
  reason: "automatic: the jail works here",
  provider: "fakey",
  write: [],
  denyRead: ["/home/u/.ssh", "/state"],
  allowRead: [],
  denyWrite: [],
  hosts: [],
  env: ["PATH"],
  tempDir: "/tmp/t",
  stateDirs: [],
};

Deno.test("only `sase plan propose` and `sase commit` are brokered", () => {
  assertEquals(isBrokered(["plan", "propose", "plan.md"]), true);
  assertEquals(isBrokered(["commit", "-m", "x"]), true);
  assertEquals(isBrokered(["commit"]), true);
  assertEquals(isBrokered(["changespec", "commit"]), false);
  assertEquals(isBrokered(["plan", "approve"]), false);
  assertEquals(isBrokered(["bead", "work", "x"]), false);
  assertEquals(isBrokered(["config", "set", "sandbox.mode", "off"]), false);
  assertEquals(isBrokered([]), false);
});

Deno.test("refusal: other commands, a start outside the run's paths, malformed requests", async () => {
  const root = await Deno.realPath(await Deno.makeTempDir());
  try {
    const ws = join(root, "ws");
    await Deno.mkdir(join(ws, "sub"), { recursive: true });
    assertEquals(
      await refusal({ argv: ["plan", "propose", "p.md"], cwd: join(ws, "sub") }, [ws]),
      undefined,
    );
    assertEquals(
      await refusal({ argv: ["config", "set", "sandbox.mode", "off"], cwd: ws }, [ws]),
      "only `sase plan propose`, `sase commit` can run outside the jail",
    );
    assertEquals(
      await refusal({ argv: ["plan", "propose", "p.md"], cwd: root }, [ws]),
      `it runs from ${root}, outside the run's paths`,
    );
    assertEquals(
      await refusal({ argv: ["plan", "propose", "p.md"], cwd: `${ws}2` }, [ws]),
      `it runs from ${ws}2, outside the run's paths`,
    );
    for (const bad of [null, {}, { argv: "plan", cwd: ws }, { argv: ["plan", 1], cwd: ws }]) {
      assertEquals(await refusal(bad, [ws]), "a malformed request");
    }
    assertEquals(
      await refusal({ argv: ["plan", "propose", ..."x".repeat(70).split("")], cwd: ws }, [ws]),
      "a malformed request",
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("a brokered command runs under the agent's policy with SASE_HOME opened", () => {
  const policy = brokerPolicy({ ...POLICY, write: ["/ws"], allowRead: ["/ws"] }, {
    SASE_HOME: "/state",
  });
  assertEquals(policy.write, ["/ws", "/state"]);
  assertEquals(policy.denyRead, ["/home/u/.ssh"]);
  assertEquals(policy.allowRead, ["/ws", "/state"]);
});

Deno.test("the jailed side hands a refused command to the broker and relays its answer", async () => {
  const root = await Deno.realPath(await Deno.makeTempDir());
  try {
    const ws = join(root, "ws");
    await Deno.mkdir(ws);
    const dir = join(root, "broker");
    {
      await using _broker = await serveBroker({
        dir,
        policy: { ...POLICY, write: [ws] },
        env: {},
        sase: ["/bin/false"],
        workspace: ws,
      });
      // From outside the run's paths: refused, with its reason, exit code 2.
      const env = { [BROKER_ENV]: dir };
      const code = await brokeredExitCode(["plan", "propose", "x.md"], env, root);
      assertEquals(code, 2);
      // A commit from the workspace with a flag an agent may not pass: refused too.
      assertEquals(await brokeredExitCode(["commit", "-v", "hg", "-m", "x"], env, ws), 2);
      // Not a brokered command: it runs where it is, as usual.
      assertEquals(await brokeredExitCode(["bead", "list"], env, ws), undefined);
      assertEquals(await brokeredExitCode(["plan", "propose", "x.md"], {}, ws), undefined);
      assertEquals([...Deno.readDirSync(dir)].map((entry) => entry.name), []);
    }
    // Once the broker stops, its directory is gone and a request says so.
    assertEquals(await Deno.stat(dir).catch(() => null), null);
    const late = await brokeredExitCode(["plan", "propose", "x.md"], { [BROKER_ENV]: dir }, ws);
    assertEquals(late, 1);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
