/**
 * sase as a library: everything here comes from `mod.ts`, the way a script
 * or an editor plugin would use it. A fakey agent is launched with an
 * application context, in the foreground and detached, then killed.
 */

import { join } from "node:path";
import { assert, assertEquals, assertRejects } from "./_helpers/assert.ts";
import { makeSandbox } from "./_helpers/sandbox.ts";
import { killAgent, launchOutcomeWire, launchPrompt, saseContext, SaseError } from "../mod.ts";

Deno.test("library: launchPrompt runs a fakey agent in the foreground and reports it", async () => {
  await using sb = await makeSandbox();
  const warnings: string[] = [];
  const app = saseContext({ env: sb.env, cwd: sb.cwd, warn: (m) => warnings.push(m) });
  const chunks: string[] = [];
  const outcome = await launchPrompt(app, {
    text: "%model:fakey/reply Hello from a library",
    echo: (chunk) => chunks.push(chunk),
  });
  const wire = launchOutcomeWire(outcome);
  assertEquals(wire.mode, "foreground");
  const [run] = wire.agents;
  assertEquals([run.outcome, run.provider, run.model], ["completed", "fakey", "reply"]);
  assertEquals(run.reply, "Hello from fakey. You asked: Hello from a library");
  assertEquals(chunks.join(""), run.reply);
  // The run's artifacts are where the wire says, and prompt history holds the prompt.
  const done = JSON.parse(await Deno.readTextFile(join(run.dir, "done.json")));
  assertEquals(done.outcome, "completed");
  const history = JSON.parse(await Deno.readTextFile(join(sb.saseHome, "prompt_history.json")));
  assertEquals(history.prompts.map((p: { text: string }) => p.text), [
    "%model:fakey/reply Hello from a library",
  ]);
  assertEquals(warnings, []);
});

Deno.test("library: a detached launch is killed by name through the same context", async () => {
  await using sb = await makeSandbox();
  const app = saseContext({ env: sb.env, cwd: sb.cwd, warn: () => {} });
  const outcome = await launchPrompt(app, {
    text: "%name:sleeper %model:fakey/hang wait here",
    daemon: true,
    record: false,
  });
  assertEquals(outcome.foreground, undefined);
  const [agent] = outcome.launched;
  assertEquals(agent.name, "sleeper");
  // Wait until the runner has started the provider, then stop it.
  const meta = join(agent.dir, "agent_meta.json");
  const deadline = Date.now() + 30_000;
  while (!(JSON.parse(await Deno.readTextFile(meta)).agent_pid > 0)) {
    assert(Date.now() < deadline, "the provider never started");
    await new Promise((done) => setTimeout(done, 50));
  }
  const killed = await killAgent(app, "sleeper");
  assertEquals(killed.outcome, "killed");
  const done = JSON.parse(await Deno.readTextFile(join(agent.dir, "done.json")));
  assertEquals(done.outcome, "killed");
  await assertRejects(() => killAgent(app, "sleeper"), SaseError, "already finished");
  // Nothing went to prompt history: `record: false`.
  assertEquals(
    await Deno.stat(join(sb.saseHome, "prompt_history.json")).then(() => true, () => false),
    false,
  );
});
