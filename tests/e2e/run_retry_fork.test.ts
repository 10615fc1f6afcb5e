import { join } from "node:path";
import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { runSase } from "../_helpers/cli.ts";
import { allDone, readJsonFile, runDirs, waitFor } from "../_helpers/runs.ts";
import { makeSandbox } from "../_helpers/sandbox.ts";

Deno.test("spawn-on-retry: the failing run hands over to a detached child, both records linked", async () => {
  await using sb = await makeSandbox();
  await sb.write(
    "home/.config/sase/sase.yml",
    "llm_provider:\n  retry:\n    fakey:\n      spawn_new_agent: true\n      max_retries: 0\n" +
      "      wait_times: [0]\n      fallback_model: fakey/reply\n",
  );
  const result = await runSase(["run", "%n:flaky %model:fakey/retryable go"], {
    env: sb.env,
    cwd: sb.cwd,
  });
  // The foreground parent ends failed-and-retried; the child carries on in the background.
  assertEquals(result.code, 1);
  assertStringIncludes(result.stderr, "retry handed to agent flaky.r1");
  const dirs = await waitFor("the retry child's run", async () => {
    const found = await runDirs(sb);
    return found.length === 2 ? found : undefined;
  });
  const [parent, child] = await allDone(dirs);
  assertEquals([parent.name, parent.outcome], ["flaky", "failed"]);
  assertEquals([child.name, child.outcome, child.model], ["flaky.r1", "completed", "reply"]);
  assertEquals(parent.retried_as_timestamp, child.timestamp);
  assertEquals(child.retry_of_timestamp, parent.timestamp);
  assertEquals([child.retry_chain_root_timestamp, child.retry_attempt], [parent.timestamp, 1]);
  const childMeta = await readJsonFile(join(dirs[1], "agent_meta.json"));
  assertEquals(childMeta?.retry_of_timestamp, parent.timestamp);
  const handoff = await readJsonFile(join(dirs[0], "retry_handoff.json"));
  assertEquals([handoff?.child_timestamp, handoff?.child_name], [child.timestamp, "flaky.r1"]);
  // The child got the continuation nudge.
  const reply = await Deno.readTextFile(join(dirs[1], "live_reply.md"));
  assertStringIncludes(reply, "Your previous attempt");
});

Deno.test("%wait + #fork continues a finished agent's conversation; --resume does the same", async () => {
  await using sb = await makeSandbox();
  const prompt = "%n:design %m:fakey/reply propose a design\n---\n" +
    "%n:build %w:design #fork:design %m:fakey/reply implement it";
  const launch = await runSase(["run", prompt], {
    env: { ...sb.env, SASE_WAIT_POLL_MS: "100" },
    cwd: sb.cwd,
  });
  assertEquals(launch.code, 0, launch.stderr);
  const dirs = await runDirs(sb);
  const [design, build] = await allDone(dirs);
  assertEquals([design.outcome, build.outcome], ["completed", "completed"]);
  const chat = await Deno.readTextFile(String(build.response_path));
  assertStringIncludes(chat, "## Previous Conversation");
  assertStringIncludes(chat, "propose a design");
  assertStringIncludes(chat, "Hello from fakey. You asked: propose a design");
  const meta = await readJsonFile(join(dirs[1], "agent_meta.json"));
  assertEquals((meta?.forked_from as { name: string }[])[0].name, "design");

  const resumed = await runSase(["run", "--resume", "build", "%m:fakey/reply and test it"], {
    env: sb.env,
    cwd: sb.cwd,
  });
  assertEquals(resumed.code, 0, resumed.stderr);
  const all = await runDirs(sb);
  const last = await readJsonFile(join(all[2], "done.json"));
  const resumedChat = await Deno.readTextFile(String(last?.response_path));
  assertStringIncludes(resumedChat, "implement it");
  assertStringIncludes(resumedChat, "propose a design");
  assert(!resumedChat.includes("#fork"), "fork references are not sent on");
});

Deno.test("-e opens $EDITOR on the prompt; -l lists chat files", async () => {
  await using sb = await makeSandbox();
  const editor = join(sb.root, "editor.sh");
  await Deno.writeTextFile(
    editor,
    `#!/bin/sh\nprintf '%%model:fakey/reply edited in the editor' > "$1"\n`,
  );
  await Deno.chmod(editor, 0o755);
  const edited = await runSase(["run", "-e", "draft"], {
    env: { ...sb.env, EDITOR: editor },
    cwd: sb.cwd,
  });
  assertEquals(edited.code, 0, edited.stderr);
  assertEquals(edited.stdout, "Hello from fakey. You asked: edited in the editor\n");
  const listed = await runSase(["run", "-l", "-j"], { env: sb.env, cwd: sb.cwd });
  assertEquals(listed.code, 0, listed.stderr);
  const chats = JSON.parse(listed.stdout);
  assertEquals(chats.length, 1);
  assertStringIncludes(chats[0].basename, "ace_run");
});
