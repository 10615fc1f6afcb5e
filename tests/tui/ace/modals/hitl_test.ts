/**
 * The HITL modal over a real detached workflow paused at a `hitl: true`
 * step: opened from its HITL notification, drawn, and decided through the
 * same service as `sase agent hitl` (accept, edit in `$EDITOR`, reject with
 * feedback).
 */

import { join } from "node:path";
import { assert, assertEquals, assertRejects } from "../../../_helpers/assert.ts";
import { makeSandbox, type Sandbox } from "../../../_helpers/sandbox.ts";
import { sandboxContext } from "../../../_helpers/app.ts";
import { killRunners, readJsonFile, runDirs, waitFor } from "../../../_helpers/runs.ts";
import { launchPrompt } from "../../../../core/agent/run/launch_prompt.ts";
import type { AppContext } from "../../../../core/context.ts";
import { SaseError } from "../../../../core/errors.ts";
import { openHitl } from "../../../../tui/ace/modals/mod.ts";
import type { HitlModal } from "../../../../tui/ace/modals/hitl/controller.ts";
import { press, render, runTasks } from "./_drive.ts";

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
].join("\n");

type Json = Record<string, unknown>;

/** Launch `#!gate` detached and wait until it waits at its checkpoint. */
async function paused(sb: Sandbox): Promise<{ app: AppContext; dir: string; hitl: Json }> {
  sb.env.SASE_HITL_POLL_MS = "100";
  await sb.write("work/xprompts/gate.yml", GATE);
  const app = sandboxContext(sb);
  await launchPrompt(app, { text: `#cd:${sb.cwd} #!gate`, daemon: true });
  const [dir] = await runDirs(sb);
  await waitFor("the checkpoint", async () => {
    const meta = await readJsonFile(join(dir, "agent_meta.json"));
    const request = await readJsonFile(join(dir, "hitl_request.json"));
    return meta?.status === "waiting_input" && request ? true : undefined;
  });
  const notes = (await Deno.readTextFile(join(sb.saseHome, "notifications", "notifications.jsonl")))
    .trim().split("\n").map((line) => JSON.parse(line));
  return { app, dir, hitl: notes.find((note) => note.action === "HITL") };
}

async function finished(dir: string): Promise<Json> {
  return await waitFor("the run to finish", () => readJsonFile(join(dir, "done.json")), 60_000);
}

Deno.test("hitl modal: opened from the HITL notification, drawn, a accepts and the workflow continues", async () => {
  await using sb = await makeSandbox();
  const { app, dir, hitl } = await paused(sb);
  try {
    const modal = (await openHitl(app, hitl as never)) as HitlModal;
    assertEquals([modal.kind, modal.title], ["hitl", "Human checkpoint · gate · prompt_user"]);
    const screen = render(modal, 70, 10);
    assertEquals(screen[0], "gate waits at step prompt_user (bash)");
    assert(screen.includes('    "message": "Continue with operation?"'), screen.join("\n"));
    assertEquals(
      screen.at(-1),
      "a accept  e edit output  r reject  f reject with feedback  q close",
    );
    const { modal: after, tasks } = press(modal, "a");
    assertEquals(after, null);
    const [outcome] = await runTasks(app, tasks);
    assertEquals(outcome.toast?.text, "gate: step 'prompt_user' accepted");
    const done = await finished(dir);
    assertEquals(done.outcome, "completed");
    const context = ((await readJsonFile(join(dir, "workflow_state.json")))!.context) as Json;
    assertEquals(context.execute_if_approved, { ran: true });
    // Nothing is left to decide.
    await assertRejects(() => openHitl(app, "gate"), SaseError, "already finished");
  } finally {
    await killRunners([dir]);
  }
});

Deno.test("hitl modal: f rejects with feedback typed in the modal; the run stops with it", async () => {
  await using sb = await makeSandbox();
  const { app, dir } = await paused(sb);
  try {
    const modal = await openHitl(app, "gate");
    // r rejects at once; q closes without deciding.
    assertEquals(press(modal, "r").tasks.map((t) => t.label), ["reject checkpoint of gate"]);
    assertEquals(press(modal, "q"), { modal: null, tasks: [] });
    const typing = press(modal, "f").modal as HitlModal;
    assert(render(typing, 70, 10).at(-2)!.startsWith("Feedback: "));
    // Empty feedback is not sent; Esc goes back.
    assertEquals(press(typing, "enter").modal, typing);
    assertEquals((press(typing, "escape").modal as HitlModal).state.feedback, null);
    const sent = press(typing, "type:not now", "enter");
    assertEquals(sent.modal, null);
    await runTasks(app, sent.tasks);
    const done = await finished(dir);
    assertEquals(done.outcome, "failed");
    assertEquals(done.error, "Step 'prompt_user' was rejected at its human checkpoint: not now");
  } finally {
    await killRunners([dir]);
  }
});

Deno.test("hitl modal: e edits the output as JSON in $EDITOR (interactive); bad JSON writes no decision", async () => {
  await using sb = await makeSandbox();
  const { app, dir } = await paused(sb);
  try {
    const modal = await openHitl(app, "gate");
    const { tasks } = press(modal, "e");
    assertEquals([tasks[0].label, tasks[0].interactive], ["edit checkpoint output of gate", true]);
    const editor = async (text: string) => {
      const script = await sb.write("bin/editor.sh", `#!/bin/sh\nprintf '%s' '${text}' > "$1"\n`);
      await Deno.chmod(script, 0o755);
      return { ...app, env: { ...app.env, EDITOR: script } };
    };
    await assertRejects(
      async () => await runTasks(await editor("{oops"), tasks),
      SaseError,
      "the edited output is not JSON",
    );
    assertEquals(await readJsonFile(join(dir, "hitl_response.json")), undefined);
    await runTasks(await editor('{"message": "edited"}'), tasks);
    const done = await finished(dir);
    assertEquals(done.outcome, "completed");
    const context = ((await readJsonFile(join(dir, "workflow_state.json")))!.context) as Json;
    assertEquals((context.prompt_user as Json).message, "edited");
  } finally {
    await killRunners([dir]);
  }
});
