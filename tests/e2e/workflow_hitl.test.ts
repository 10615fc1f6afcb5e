/**
 * Human checkpoints as a user meets them: a detached workflow pauses at a
 * `hitl: true` step (WAITING INPUT, an HITL notification), and `sase agent
 * hitl` accepts, edits or rejects it. A decision written after the runner
 * was killed (kill -9) resumes the run with a new runner.
 */

import { join } from "node:path";
import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { runSase } from "../_helpers/cli.ts";
import { killRunners, readJsonFile, runDirs, waitFor } from "../_helpers/runs.ts";
import { makeSandbox, type Sandbox } from "../_helpers/sandbox.ts";

const FAST = { SASE_HITL_POLL_MS: "100" };

const GATE = [
  "steps:",
  "- name: prompt_user",
  '  bash: echo "message=Continue with operation?"',
  "  output: { message: text }",
  "  hitl: true",
  "- name: execute_if_approved",
  '  if: "{{ prompt_user.approved }}"',
  '  bash: echo "ran=true"',
  "  output: { ran: bool }",
  "- name: use_message",
  "  bash: 'echo \"message={{ prompt_user.message }}\"'",
  "  output: { message: text }",
  "- name: cleanup",
  "  finally: true",
  '  bash: echo cleaned > "$SASE_ARTIFACTS_DIR/cleaned"',
].join("\n");

type Json = Record<string, unknown>;

/** Launch `#!gate` detached; resolves to its run directory once it waits for a decision. */
async function launchWaiting(sb: Sandbox, reference = "#!gate"): Promise<string> {
  const env = { ...sb.env, ...FAST };
  const launched = await runSase(["run", "-d", `#cd:${sb.cwd} ${reference}`], { env, cwd: sb.cwd });
  assertEquals(launched.code, 0, launched.stderr);
  const [dir] = await runDirs(sb);
  await waitFor("the checkpoint", async () => {
    const meta = await readJsonFile(join(dir, "agent_meta.json"));
    const request = await readJsonFile(join(dir, "hitl_request.json"));
    return meta?.status === "waiting_input" && request ? true : undefined;
  });
  return dir;
}

async function finished(dir: string): Promise<Json> {
  return await waitFor("the run to finish", () => readJsonFile(join(dir, "done.json")), 60_000);
}

async function state(dir: string): Promise<Json> {
  return (await readJsonFile(join(dir, "workflow_state.json")))!;
}

function outputs(workflowState: Json): Json {
  return (workflowState.context as Json);
}

async function sase(sb: Sandbox, ...args: string[]) {
  return await runSase(args, { env: { ...sb.env, ...FAST }, cwd: sb.cwd });
}

Deno.test("hitl: the paused step posts an HITL notification; accept continues with approved: true", async () => {
  await using sb = await makeSandbox();
  await sb.write("work/xprompts/gate.yml", GATE);
  const dir = await launchWaiting(sb);
  try {
    const listed = JSON.parse((await sase(sb, "agent", "list", "-j")).stdout);
    assertEquals(listed[0].status, "WAITING INPUT");
    const notes =
      (await Deno.readTextFile(join(sb.saseHome, "notifications", "notifications.jsonl")))
        .trim().split("\n").map((line) => JSON.parse(line));
    const hitl = notes.find((note) => note.action === "HITL");
    assertEquals(hitl.sender, "hitl");
    assertEquals(hitl.action_data.artifacts_dir, dir);
    assertEquals(
      [hitl.action_data.workflow_name, hitl.action_data.step_name, hitl.action_data.agent_name],
      ["gate", "prompt_user", "gate"],
    );
    assertEquals(hitl.files, [join(dir, "hitl_request.json")]);
    const request = await readJsonFile(join(dir, "hitl_request.json"));
    assertEquals(
      [request?.step_name, request?.step_type, request?.output, request?.has_output],
      ["prompt_user", "bash", { message: "Continue with operation?" }, true],
    );
    const shown = await sase(sb, "agent", "hitl", "gate");
    assertEquals(shown.code, 0, shown.stderr);
    assertStringIncludes(shown.stdout, "gate waits at step 'prompt_user' (bash)");
    assertStringIncludes(shown.stdout, '"message": "Continue with operation?"');

    const accepted = await sase(sb, "agent", "hitl", "gate", "accept", "-j");
    assertEquals(accepted.code, 0, accepted.stderr);
    const decision = JSON.parse(accepted.stdout);
    assertEquals([decision.action, decision.resumed, decision.step_name], [
      "accept",
      false,
      "prompt_user",
    ]);
    const done = await finished(dir);
    assertEquals(done.outcome, "completed");
    const context = outputs(await state(dir));
    assertEquals(context.prompt_user, { message: "Continue with operation?", approved: true });
    assertEquals(context.execute_if_approved, { ran: true });
    // The notification is answered: dismissed, and a second decision has nothing to decide.
    const after =
      (await Deno.readTextFile(join(sb.saseHome, "notifications", "notifications.jsonl")))
        .trim().split("\n").map((line) => JSON.parse(line)).find((note) => note.id === hitl.id);
    assertEquals(after.dismissed, true);
    const again = await sase(sb, "agent", "hitl", "gate", "accept");
    assertEquals(again.code, 1);
    assertStringIncludes(again.stderr, "agent 'gate' already finished (completed)");
  } finally {
    await killRunners([dir]);
  }
});

Deno.test("hitl: reject stops the workflow, runs its finally steps and records the rejection", async () => {
  await using sb = await makeSandbox();
  await sb.write("work/xprompts/gate.yml", GATE);
  const dir = await launchWaiting(sb);
  try {
    const rejected = await sase(sb, "agent", "hitl", "gate", "reject", "--feedback", "not now");
    assertEquals(rejected.code, 0, rejected.stderr);
    const done = await finished(dir);
    assertEquals(done.outcome, "failed");
    assertEquals(done.error, "Step 'prompt_user' was rejected at its human checkpoint: not now");
    const steps = (await state(dir)).steps as Json[];
    assertEquals(steps.map((step) => [step.name, step.status]), [
      ["prompt_user", "failed"],
      ["execute_if_approved", "skipped"],
      ["use_message", "skipped"],
      ["cleanup", "completed"],
    ]);
    assertEquals(await Deno.readTextFile(join(dir, "cleaned")), "cleaned\n");
  } finally {
    await killRunners([dir]);
  }
});

Deno.test("hitl: edit replaces the step's output for the steps after it", async () => {
  await using sb = await makeSandbox();
  await sb.write("work/xprompts/gate.yml", GATE);
  const dir = await launchWaiting(sb);
  try {
    const refused = await sase(sb, "agent", "hitl", "gate", "edit", "--output", "not json");
    assertEquals(refused.code, 2);
    assertStringIncludes(refused.stderr, "--output is not JSON");
    const edited = await sase(
      sb,
      "agent",
      "hitl",
      "gate",
      "edit",
      "--output",
      '{"message": "Go ahead"}',
    );
    assertEquals(edited.code, 0, edited.stderr);
    assertEquals((await finished(dir)).outcome, "completed");
    const context = outputs(await state(dir));
    // An edit is not an approval: `approved` stays unset, so the guarded step is skipped.
    assertEquals(context.prompt_user, { message: "Go ahead" });
    assertEquals(context.execute_if_approved, {});
    assertEquals(context.use_message, { message: "Go ahead" });
  } finally {
    await killRunners([dir]);
  }
});

Deno.test("hitl: a decision after the runner was killed (kill -9) resumes the run with a new runner", async () => {
  await using sb = await makeSandbox();
  await sb.write("work/xprompts/gate.yml", GATE);
  const dir = await launchWaiting(sb);
  try {
    const first = (await readJsonFile(join(dir, "agent_meta.json")))!.pid as number;
    Deno.kill(first, "SIGKILL");
    await waitFor("the runner to die", () => {
      try {
        Deno.kill(first, "SIGCONT");
        return Promise.resolve(undefined);
      } catch {
        return Promise.resolve(true);
      }
    });
    // Still waiting for the decision (not reaped as crashed): a listing leaves it alone.
    const listed = JSON.parse((await sase(sb, "agent", "list", "-j")).stdout);
    assertEquals([listed[0].status, listed[0].crashed], ["WAITING INPUT", false]);
    assertEquals(await readJsonFile(join(dir, "done.json")), undefined);

    const accepted = await sase(sb, "agent", "hitl", "gate", "accept");
    assertEquals(accepted.code, 0, accepted.stderr);
    assertStringIncludes(accepted.stdout, "its runner had stopped; resumed the workflow");
    const done = await finished(dir);
    assertEquals(done.outcome, "completed");
    const resumed = await state(dir);
    assert(resumed.pid !== first, "a new runner finished the run");
    assertEquals(outputs(resumed).execute_if_approved, { ran: true });
    assertEquals((resumed.hitl_history as Json[]).map((entry) => entry.action), ["accept"]);
    assert(
      (await readJsonFile(join(dir, "agent_meta.json")))?.resumed_at,
      "the resume is recorded",
    );
  } finally {
    await killRunners([dir]);
  }
});

Deno.test("hitl: '!!' asks at every step, '??' at none", async () => {
  await using sb = await makeSandbox();
  await sb.write(
    "work/xprompts/plain.yml",
    "steps:\n- { name: first, bash: echo a=1, output: { a: int } }\n- { name: second, bash: echo b=2, hitl: true }\n",
  );
  const forced = await launchWaiting(sb, "#!plain!!");
  try {
    assertEquals((await readJsonFile(join(forced, "hitl_request.json")))?.step_name, "first");
    await sase(sb, "agent", "hitl", "plain", "accept");
    await waitFor("the second checkpoint", async () => {
      const request = await readJsonFile(join(forced, "hitl_request.json"));
      return request?.step_name === "second" ? true : undefined;
    });
    await sase(sb, "agent", "hitl", "plain", "accept");
    assertEquals((await finished(forced)).outcome, "completed");
  } finally {
    await killRunners([forced]);
  }
  const skipped = await runSase(["run", `#cd:${sb.cwd} #!plain??`], { env: sb.env, cwd: sb.cwd });
  assertEquals(skipped.code, 0, skipped.stderr);
  assertStringIncludes(skipped.stderr, "workflow plain (plain.2) completed");
});

Deno.test("hitl: a foreground run shows the pending output and how to decide, then continues", async () => {
  await using sb = await makeSandbox();
  await sb.write("work/xprompts/gate.yml", GATE);
  const main = new URL("../../main.ts", import.meta.url).pathname;
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--unstable-worker-options", main, "run", `#cd:${sb.cwd} #!gate`],
    env: { DENO_NO_UPDATE_CHECK: "1", ...sb.env, ...FAST },
    clearEnv: true,
    cwd: sb.cwd,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const output = child.output();
  const dir = await waitFor("the checkpoint", async () => {
    const [run] = await runDirs(sb);
    return run && await readJsonFile(join(run, "hitl_request.json")) ? run : undefined;
  });
  try {
    const accepted = await sase(sb, "agent", "hitl", "gate", "accept");
    assertEquals(accepted.code, 0, accepted.stderr);
    const result = await output;
    const stderr = new TextDecoder().decode(result.stderr);
    assertEquals(result.code, 0, stderr);
    assertStringIncludes(stderr, "waiting for a decision on 'prompt_user':");
    assertStringIncludes(stderr, '"message": "Continue with operation?"');
    assertStringIncludes(stderr, "decide with: sase agent hitl gate accept|edit|reject");
    assertStringIncludes(stderr, "workflow gate (gate) completed");
  } finally {
    await killRunners([dir]);
  }
});

Deno.test("hitl: a checkpoint inside a for loop resumes at its iteration after kill -9", async () => {
  await using sb = await makeSandbox();
  await sb.write(
    "work/xprompts/each.yml",
    [
      "steps:",
      "- name: deploy",
      "  for: { region: \"['eu', 'us']\" }",
      '  bash: \'echo "region={{ region }}"; echo {{ region }} >> "$SASE_ARTIFACTS_DIR/ran"\'',
      "  output: { region: word }",
      "  hitl: true",
    ].join("\n"),
  );
  const dir = await launchWaiting(sb, "#!each");
  try {
    assertEquals((await sase(sb, "agent", "hitl", "each", "accept")).code, 0);
    await waitFor("the second iteration's checkpoint", async () => {
      const request = await readJsonFile(join(dir, "hitl_request.json"));
      return request?.iteration === 2 ? true : undefined;
    });
    const runner = (await readJsonFile(join(dir, "agent_meta.json")))!.pid as number;
    Deno.kill(runner, "SIGKILL");
    const edited = await sase(
      sb,
      "agent",
      "hitl",
      "each",
      "edit",
      "--output",
      '{"region": "us-east"}',
    );
    assertEquals(edited.code, 0, edited.stderr);
    assertStringIncludes(edited.stdout, "resumed the workflow");
    assertEquals((await finished(dir)).outcome, "completed");
    assertEquals(outputs(await state(dir)).deploy, [
      { region: "eu", approved: true },
      { region: "us-east" },
    ]);
    // Each iteration's command ran once: the resume did not run the loop again.
    assertEquals(await Deno.readTextFile(join(dir, "ran")), "eu\nus\n");
  } finally {
    await killRunners([dir]);
  }
});

Deno.test("hitl: a decision another client wrote that no runner took resumes the run", async () => {
  await using sb = await makeSandbox();
  await sb.write("work/xprompts/gate.yml", GATE);
  const dir = await launchWaiting(sb);
  try {
    const runner = (await readJsonFile(join(dir, "agent_meta.json")))!.pid as number;
    Deno.kill(runner, "SIGKILL");
    await waitFor("the runner to die", () => {
      try {
        Deno.kill(runner, "SIGCONT");
        return Promise.resolve(undefined);
      } catch {
        return Promise.resolve(true);
      }
    });
    // As the gateway writes it: the response file, once.
    await Deno.writeTextFile(join(dir, "hitl_response.json"), '{"action": "reject"}');
    const retried = await sase(sb, "agent", "hitl", "gate", "accept", "-j");
    assertEquals(retried.code, 0, retried.stderr);
    const result = JSON.parse(retried.stdout);
    assertEquals([result.action, result.resumed], ["reject", true]);
    assertEquals((await finished(dir)).outcome, "failed");
    assertEquals(await Deno.readTextFile(join(dir, "cleaned")), "cleaned\n");
  } finally {
    await killRunners([dir]);
  }
});
