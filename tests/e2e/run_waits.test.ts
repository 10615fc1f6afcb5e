import { join } from "node:path";
import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { runSase } from "../_helpers/cli.ts";
import { allDone, killRunners, readJsonFile, runDirs, waitFor } from "../_helpers/runs.ts";
import { makeSandbox } from "../_helpers/sandbox.ts";

const FAST_POLL = { SASE_WAIT_POLL_MS: "100" };

Deno.test("%m(fakey/a,fakey/b) %n:x launches x.* fan-out agents, one per model", async () => {
  await using sb = await makeSandbox();
  const result = await runSase(["run", "-j", "%m(fakey/reply,fakey/tools) %n:x review this"], {
    env: sb.env,
    cwd: sb.cwd,
  });
  assertEquals(result.code, 0, result.stderr);
  const agents = JSON.parse(result.stdout).agents;
  assertEquals(agents.length, 2);
  assert(agents.every((agent: { name: string }) => agent.name.startsWith("x.")), result.stdout);
  const done = await allDone(agents.map((agent: { dir: string }) => agent.dir));
  assertEquals(done.map((record) => [record.outcome, record.model]).sort(), [
    ["completed", "reply"],
    ["completed", "tools"],
  ]);
});

Deno.test("%wait ordering holds across 5 chained agents", async () => {
  await using sb = await makeSandbox();
  const segments = ["%n:c1 %m:fakey/slow step one"];
  for (let index = 2; index <= 5; index++) {
    segments.push(`%n:c${index} %w:c${index - 1} %m:fakey/reply step ${index}`);
  }
  const result = await runSase(["run", segments.join("\n---\n")], {
    env: { ...sb.env, ...FAST_POLL },
    cwd: sb.cwd,
  });
  assertEquals(result.code, 0, result.stderr);
  assertStringIncludes(result.stdout, "launched c5 (waits for c4)");
  const dirs = await runDirs(sb);
  const done = await allDone(dirs, 60_000);
  const byName = new Map(done.map((record) => [String(record.name), record]));
  for (let index = 2; index <= 5; index++) {
    const previous = byName.get(`c${index - 1}`)!;
    const dir = String(byName.get(`c${index}`)!.response_path);
    const meta = await readJsonFile(
      join(dirs[done.indexOf(byName.get(`c${index}`)!)], "agent_meta.json"),
    );
    assert(dir !== "");
    assertEquals(byName.get(`c${index}`)!.outcome, "completed");
    assert(
      String(meta?.run_started_at) >= String(previous.finished_at),
      `c${index} started ${meta?.run_started_at} before c${
        index - 1
      } finished ${previous.finished_at}`,
    );
    assertEquals(meta?.waiting_for, []);
  }
});

Deno.test("a failed dependency parks its dependents with the reason shown", async () => {
  await using sb = await makeSandbox();
  const prompt = "%n:base %m:fakey/fail try\n---\n%n:next %w:base %m:fakey/reply after";
  const result = await runSase(["run", prompt], { env: { ...sb.env, ...FAST_POLL }, cwd: sb.cwd });
  assertEquals(result.code, 0, result.stderr);
  const dirs = await runDirs(sb);
  try {
    const [baseDone] = await allDone([dirs[0]]);
    assertEquals(baseDone.outcome, "failed");
    const parked = await waitFor("the dependent to show the failed dependency", async () => {
      const meta = await readJsonFile(join(dirs[1], "agent_meta.json"));
      const blocked = meta?.wait_blocked as Record<string, string> | undefined;
      return blocked?.base ? meta : undefined;
    });
    assertEquals(parked.status, "waiting");
    assertEquals(parked.waiting_for, ["base"]);
    assertEquals((parked.wait_blocked as Record<string, string>).base, "failed");
    assertEquals(parked.agent_pid, undefined);
    assertEquals(await readJsonFile(join(dirs[1], "done.json")), undefined);
  } finally {
    await killRunners(dirs);
  }
});
Deno.test("a waiting agent's prompt renders its dependency's output variables", async () => {
  await using sb = await makeSandbox();
  const script = join(sb.root, "producer.json");
  await Deno.writeTextFile(
    script,
    JSON.stringify({ steps: [{ shell: "sase var set path=src/out.txt" }, { text: "made it" }] }),
  );
  const prompt = `%n:prod %m:fakey/${script} produce\n---\n` +
    '%n:cons %w:prod %m:fakey/reply path={{ agents["prod"].path }}';
  const result = await runSase(["run", prompt], {
    env: { ...sb.env, ...FAST_POLL },
    cwd: sb.cwd,
  });
  assertEquals(result.code, 0, result.stderr);
  const dirs = await runDirs(sb);
  const done = await allDone(dirs, 60_000);
  const consumer = done.find((record) => record.name === "cons")!;
  assertEquals(consumer.outcome, "completed", String(consumer.error));
  const reply = await Deno.readTextFile(join(dirs[done.indexOf(consumer)], "live_reply.md"));
  assertStringIncludes(reply, "path=src/out.txt");
});

Deno.test("%repeat slots render n of N, and STOP from one slot skips the rest of the chain", async () => {
  await using sb = await makeSandbox();
  const counted = await runSase(["run", "%repeat:2 %n:b %m:fakey/reply batch {{ n }} of {{ N }}"], {
    env: { ...sb.env, ...FAST_POLL },
    cwd: sb.cwd,
  });
  assertEquals(counted.code, 0, counted.stderr);
  const batchDirs = await runDirs(sb);
  const batches = await allDone(batchDirs);
  const replies = await Promise.all(
    batchDirs.map((dir) => Deno.readTextFile(join(dir, "live_reply.md"))),
  );
  assertEquals(batches.map((record) => record.name), ["b.1", "b.2"]);
  assertEquals(replies.map((reply) => reply.replace(/^.*asked: /, "")), [
    "batch 1 of 2",
    "batch 2 of 2",
  ]);

  const script = join(sb.root, "stopper.json");
  await Deno.writeTextFile(
    script,
    JSON.stringify({ steps: [{ shell: "sase var set STOP=1" }, { text: "no more work" }] }),
  );
  const stopped = await runSase(["run", `%repeat:3 %n:lint %m:fakey/${script} process a batch`], {
    env: { ...sb.env, ...FAST_POLL },
    cwd: sb.cwd,
  });
  assertEquals(stopped.code, 0, stopped.stderr);
  const lintDirs = (await runDirs(sb)).slice(2);
  const done = await allDone(lintDirs);
  assertEquals(done.map((record) => [record.name, record.outcome]), [
    ["lint.1", "completed"],
    ["lint.2", "completed"],
    ["lint.3", "completed"],
  ]);
  assertEquals(done[0].repeat_stopped, undefined);
  assertEquals([done[1].repeat_stopped, done[1].stopped_by], [true, "lint.1"]);
  assertEquals([done[2].repeat_stopped, done[2].stopped_by], [true, "lint.2"]);
  const third = await readJsonFile(join(lintDirs[2], "agent_meta.json"));
  assertEquals(third?.agent_pid, undefined);
  assertEquals((third?.output_variables as Record<string, string>).STOP, "1");
});

Deno.test("a %wait on itself or a wait cycle is refused at launch, naming the cycle; nothing starts", async () => {
  await using sb = await makeSandbox();
  const run = (prompt: string) => runSase(["run", prompt], { env: sb.env, cwd: sb.cwd });
  const self = await run("%n:a %w:a %m:fakey/reply hi");
  assertEquals(self.code, 2, self.stderr);
  assertStringIncludes(self.stderr, "error: agent 'a' waits for itself (%wait:a)");
  const pair = await run("%n:a %w:b %m:fakey/reply one\n---\n%n:b %w:a %m:fakey/reply two");
  assertEquals(pair.code, 2, pair.stderr);
  assertStringIncludes(pair.stderr, "error: %wait cycle: a -> b -> a:");
  const three = await run(
    "%n:p %m:fakey/reply x\n---\n%n:q %w:s %m:fakey/reply y\n---\n%n:r %w:q %m:fakey/reply z\n" +
      "---\n%n:s %w:r %m:fakey/reply w",
  );
  assertEquals(three.code, 2, three.stderr);
  assertStringIncludes(three.stderr, "error: %wait cycle: q -> s -> r -> q:");
  assertEquals(await runDirs(sb), []);
});

Deno.test("waiting on an earlier agent stays allowed unless that agent waits back", async () => {
  await using sb = await makeSandbox();
  const env = { ...sb.env, ...FAST_POLL };
  const first = await runSase(["run", "%n:early %m:fakey/reply first"], { env, cwd: sb.cwd });
  assertEquals(first.code, 0, first.stderr);
  const later = await runSase(["run", "%n:later %w:early %m:fakey/reply second"], {
    env,
    cwd: sb.cwd,
  });
  assertEquals(later.code, 0, later.stderr);
  const parked = await runSase(["run", "%n:x %w:y %m:fakey/reply parked"], { env, cwd: sb.cwd });
  assertEquals(parked.code, 0, parked.stderr);
  const dirs = await runDirs(sb);
  try {
    const back = await runSase(["run", "%n:y %w:x %m:fakey/reply back"], { env, cwd: sb.cwd });
    assertEquals(back.code, 2, back.stderr);
    assertStringIncludes(back.stderr, "error: %wait cycle: y -> x -> y:");
    const done = await allDone(dirs.slice(0, 2));
    assertEquals(done.map((record) => [record.name, record.outcome]), [
      ["early", "completed"],
      ["later", "completed"],
    ]);
  } finally {
    await killRunners(dirs);
  }
});

Deno.test("each agent of a multi-agent prompt records and shows its own segment", async () => {
  await using sb = await makeSandbox();
  const first = "%n:left %m:fakey/reply review the left side";
  const second = "%n:right %w:left %m:fakey/reply review the right side";
  const prompt = `${first}\n---\n${second}`;
  const result = await runSase(["run", prompt], { env: { ...sb.env, ...FAST_POLL }, cwd: sb.cwd });
  assertEquals(result.code, 0, result.stderr);
  const dirs = await runDirs(sb);
  await allDone(dirs);
  for (const [name, segment] of [["left", first], ["right", second]]) {
    const shown = JSON.parse(
      (await runSase(["agent", "show", name, "-j"], { env: sb.env, cwd: sb.cwd })).stdout,
    );
    assertEquals(shown.prompt, segment);
    assertEquals(shown.agent.prompt_snippet, segment);
  }
  // Prompt history keeps the prompt as submitted.
  const history = JSON.parse(await Deno.readTextFile(join(sb.saseHome, "prompt_history.json")));
  assertEquals(history.prompts.map((entry: { text: string }) => entry.text), [prompt]);
});
