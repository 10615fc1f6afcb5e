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
import { gitIdentity } from "../../../core/sandbox/broker_commit.ts";
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

Deno.test("only plan propose, commit, questions notify, memory read/write and skill use are brokered", () => {
  assertEquals(isBrokered(["memory", "read", "notes.md", "-r", "why"]), true);
  assertEquals(isBrokered(["memory", "write", "--title", "T"]), true);
  assertEquals(isBrokered(["skill", "use", "sase_plan", "-r", "why"]), true);
  assertEquals(isBrokered(["memory", "review", "--approve"]), false);
  assertEquals(isBrokered(["memory", "init"]), false);
  assertEquals(isBrokered(["skill", "init"]), false);
  assertEquals(isBrokered(["plan", "propose", "plan.md"]), true);
  assertEquals(isBrokered(["questions", "notify", "/run/user_question/x"]), true);
  assertEquals(isBrokered(["questions", '{"questions": []}']), false);
  assertEquals(isBrokered(["questions", "answer", "abc"]), false);
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
      "only `sase plan propose`, `sase commit`, `sase questions notify`, `sase memory read`, " +
        "`sase memory write`, `sase skill use` can run outside the jail",
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
        runDir: root,
        git: null,
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

/** The nanosecond timestamps `path` holds, one a line (none when it does not exist yet). */
async function stamps(path: string): Promise<bigint[]> {
  const text = await Deno.readTextFile(path).catch(() => "");
  return text.split("\n").filter((line) => line !== "").map((line) => BigInt(line));
}

/** Wait until `ready()` holds, failing after a generous deadline. */
async function until(what: string, ready: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 20));
  }
}

/** A shell loop that logs a timestamp and rewrites `file` every few milliseconds. */
function writer(log: string, file: string, env: Record<string, string>, detached: boolean) {
  return new Deno.Command("bash", {
    args: ["-c", `while :; do date +%s%N >> '${log}'; date > '${file}'; sleep 0.005; done`],
    env,
    clearEnv: true,
    stdin: "null",
    stdout: "null",
    stderr: "null",
    detached,
  }).spawn();
}

Deno.test({
  name:
    "a brokered commit pauses the run's processes outside the runner's group, then resumes them",
  ignore: Deno.build.os !== "linux",
  async fn() {
    const root = await Deno.realPath(await Deno.makeTempDir());
    const children: Deno.ChildProcess[] = [];
    try {
      const ws = join(root, "ws");
      const run = join(root, "run");
      await Deno.mkdir(run);
      await new Deno.Command("git", { args: ["init", "-q", ws] }).output();
      // The commit itself (a stand-in for `sase commit`) logs when it starts and ends.
      const brokerLog = join(root, "broker.log");
      const fakeSase = join(root, "sase.sh");
      await Deno.writeTextFile(
        fakeSase,
        `date +%s%N >> '${brokerLog}'\nsleep 1\ndate +%s%N >> '${brokerLog}'\necho committed\n`,
      );
      const runEnv = { PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin", SASE_ARTIFACTS_DIR: run };
      // Left running by the agent, in a session of its own (as in the jail): it keeps
      // rewriting a file under .git.
      const jailedLog = join(root, "jailed.log");
      children.push(writer(jailedLog, join(ws, ".git", "probe"), runEnv, true));
      // Of the run too, but in the runner's own group (like the jail's proxy relays): not paused.
      const ownLog = join(root, "own.log");
      children.push(writer(ownLog, join(root, "own.txt"), runEnv, false));
      await until(
        "both writers",
        async () => (await stamps(jailedLog)).length > 0 && (await stamps(ownLog)).length > 0,
      );
      const dir = join(run, "broker");
      await using _broker = await serveBroker({
        dir,
        policy: { ...POLICY, write: [ws, run] },
        env: runEnv,
        sase: ["bash", fakeSase],
        workspace: ws,
        runDir: run,
        git: await gitIdentity(ws),
      });
      const code = await brokeredExitCode(["commit", "-m", "x"], { [BROKER_ENV]: dir }, ws);
      assertEquals(code, 0);
      const [start, end] = await stamps(brokerLog);
      assertEquals(end > start, true);
      // The writer in the jail's session wrote before the commit, never during it, and again after.
      await until(
        "the paused writer to go on",
        async () => (await stamps(jailedLog)).some((stamp) => stamp > end),
      );
      const jailed = await stamps(jailedLog);
      assertEquals(jailed.some((stamp) => stamp < start), true);
      assertEquals(jailed.filter((stamp) => stamp >= start && stamp <= end), []);
      // The one in the runner's own group was never stopped.
      assertEquals((await stamps(ownLog)).some((stamp) => stamp > start && stamp < end), true);
      // A commit refused after the pause (its -f leaves the workspace) lets them go on too.
      const refusedAt = BigInt(Date.now()) * 1_000_000n;
      const refused = await brokeredExitCode(["commit", "-m", "x", "-f", "../run"], {
        [BROKER_ENV]: dir,
      }, ws);
      assertEquals(refused, 2);
      await until(
        "the writer to go on after a refusal",
        async () => (await stamps(jailedLog)).some((stamp) => stamp > refusedAt),
      );
    } finally {
      for (const child of children) {
        // The detached writer leads a group of its own; the other one is killed by pid.
        try {
          Deno.kill(-child.pid, "SIGKILL");
        } catch {
          child.kill("SIGKILL");
        }
        await child.status;
      }
      await Deno.remove(root, { recursive: true });
    }
  },
});
