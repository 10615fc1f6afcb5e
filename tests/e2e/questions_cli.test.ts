/**
 * The `/sase_questions` path end to end: a scripted fakey agent runs
 * `sase questions '<json>'` (through its runner's broker when jailed), the
 * run shows QUESTION, a `UserQuestion` notification is posted, the user
 * answers with `sase questions answer`, and the agent gets the answer as
 * its command's output and completes.
 */

import { join } from "node:path";
import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { runSase } from "../_helpers/cli.ts";
import { makeGitRepo } from "../_helpers/git.ts";
import { allDone, killRunners, runDirs, waitFor } from "../_helpers/runs.ts";
import { makeSandbox, type Sandbox } from "../_helpers/sandbox.ts";

const QUESTIONS = {
  questions: [{
    question: "Which storage should the cache use?",
    header: "Storage",
    options: [{ label: "SQLite", description: "one file" }, { label: "JSONL" }],
    multiSelect: false,
  }],
};

function sase(sb: Sandbox, cwd: string, args: string[], env: Record<string, string> = {}) {
  return runSase(args, { env: { ...sb.env, ...env }, cwd });
}

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

Deno.test("a fakey agent's sase questions shows QUESTION; the CLI answer reaches it and it completes", async () => {
  await using sb = await makeSandbox();
  const work = await makeGitRepo(join(sb.root, "proj"), sb.env);
  const script = await sb.write(
    "ask.json",
    JSON.stringify({
      steps: [
        {
          shell: `sase questions '${
            JSON.stringify(QUESTIONS)
          }' > "$SASE_ARTIFACTS_DIR/answers.md" 2>&1`,
        },
        { text: "Thanks, going with the answer." },
      ],
    }),
  );
  const launched = await sase(
    sb,
    work,
    ["run", "-d", `#cd:${work} %n:asker %m:fakey/scripted ask`],
    {
      SASE_FAKEY_SCRIPT: script,
    },
  );
  assertEquals(launched.code, 0, launched.stderr);
  const [dir] = await runDirs(sb);
  try {
    const row = await waitFor("the QUESTION status", async () => {
      const rows = JSON.parse((await sase(sb, work, ["agent", "list", "-j"])).stdout) as {
        name: string;
        status: string;
      }[];
      return rows.find((r) => r.name === "asker" && r.status === "QUESTION");
    }, 60_000);
    assertEquals(row.status, "QUESTION");
    const marker = JSON.parse(await Deno.readTextFile(join(dir, "pending_question.json")));

    const notes = JSON.parse((await sase(sb, work, ["notify", "list", "-j"])).stdout) as Record<
      string,
      unknown
    >[];
    const list = Array.isArray(notes)
      ? notes
      : (notes as { notifications: Record<string, unknown>[] }).notifications;
    const note = list.find((n) => n.action === "UserQuestion")!;
    assert(note, JSON.stringify(list));
    assertEquals(note.sender, "question");
    assertEquals(note.id, marker.notification_id);
    const responseDir = (note.action_data as Record<string, string>).response_dir;
    assertEquals(responseDir, marker.response_dir);
    assert(responseDir.startsWith(await Deno.realPath(dir)), responseDir);
    const request = JSON.parse(await Deno.readTextFile(join(responseDir, "question_request.json")));
    assertEquals(request.questions[0].options.map((o: { label: string }) => o.label), [
      "SQLite",
      "JSONL",
    ]);

    const pending = JSON.parse((await sase(sb, work, ["questions", "pending", "-j"])).stdout);
    assertEquals(pending.questions.map((q: { notification_id: string }) => q.notification_id), [
      note.id,
    ]);

    const wrong = await sase(sb, work, [
      "questions",
      "answer",
      String(note.id).slice(0, 8),
      "-i",
      "3",
    ]);
    assertEquals(wrong.code, 2);
    assertStringIncludes(wrong.stderr, "question 1 has no option 3 (it has 2)");
    const answer = await sase(sb, work, [
      "questions",
      "answer",
      String(note.id).slice(0, 8),
      "-o",
      "JSONL",
      "-n",
      "keep it simple",
    ]);
    assertEquals(answer.code, 0, answer.stderr);

    const [done] = await allDone([dir], 60_000);
    assertEquals(done.outcome, "completed", String(done.error));
    assertEquals(
      await Deno.readTextFile(join(dir, "answers.md")),
      "### Questions and Answers\n\n#### Q1: Storage\n\n> Which storage should the cache use?\n\n" +
        "- [ ] SQLite\n- [x] JSONL\n\nNote from the user: keep it simple\n\n",
    );
    assertEquals(
      await exists(join(dir, "pending_question.json")),
      false,
      "the marker goes with the answer",
    );
    const again = await sase(sb, work, ["questions", "answer", String(note.id), "-i", "1"]);
    assertEquals(again.code, 1);
    assertStringIncludes(again.stderr, "was already answered");
    const rows = JSON.parse((await sase(sb, work, ["agent", "list", "-j", "-a"])).stdout) as {
      name: string;
      status: string;
    }[];
    assertEquals(rows.find((r) => r.name === "asker")?.status, "DONE");
  } finally {
    await killRunners([dir]);
  }
});

Deno.test("sase questions refuses bad JSON and runs outside an agent", async () => {
  await using sb = await makeSandbox();
  const bad = await sase(sb, sb.cwd, ["questions", '{"questions": [{"question": ""}]}'], {
    SASE_ARTIFACTS_DIR: sb.root,
  });
  assertEquals(bad.code, 2);
  assertStringIncludes(bad.stderr, "questions JSON: questions[0].question must be non-empty text");
  const dup = await sase(sb, sb.cwd, ["questions", '[{"question": "Q?", "options": ["A", "A"]}]'], {
    SASE_ARTIFACTS_DIR: sb.root,
  });
  assertStringIncludes(dup.stderr, "repeat the label 'A'");
  const human = await sase(sb, sb.cwd, ["questions", JSON.stringify(QUESTIONS)]);
  assertEquals(human.code, 2);
  assertStringIncludes(human.stderr, "SASE_ARTIFACTS_DIR is not set");
  const none = await sase(sb, sb.cwd, ["questions"]);
  assertEquals([none.code, none.stdout.trim()], [0, "No open questions."]);
});
