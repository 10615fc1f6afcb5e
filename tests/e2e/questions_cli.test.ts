/**
 * The `/sase_questions` path end to end: a scripted fakey agent runs
 * `sase questions '<json>'`, which returns at once and tells it to end its
 * turn; its runner posts the `UserQuestion` notification and the run shows
 * QUESTION; the user answers with `sase questions answer`; the runner
 * resumes the agent with a follow-up turn whose prompt carries the answers,
 * and the run completes.
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

/**
 * One script for both turns: the first asks (and leaves `asked`), the
 * follow-up finds `asked` and leaves `resumed`.
 */
async function askingScript(sb: Sandbox): Promise<string> {
  return await sb.write(
    "ask.json",
    JSON.stringify({
      steps: [
        {
          shell:
            `if [ -e "$SASE_ARTIFACTS_DIR/asked" ]; then touch "$SASE_ARTIFACTS_DIR/resumed"; ` +
            `else touch "$SASE_ARTIFACTS_DIR/asked"; sase questions '${
              JSON.stringify(QUESTIONS)
            }' > "$SASE_ARTIFACTS_DIR/ask_output.txt" 2>&1; fi`,
        },
        { text: "Turn over." },
      ],
    }),
  );
}

async function launchAsker(sb: Sandbox, work: string): Promise<string> {
  const launched = await sase(
    sb,
    work,
    ["run", "-d", `#cd:${work} %n:asker %m:fakey/scripted ask`],
    { SASE_FAKEY_SCRIPT: await askingScript(sb) },
  );
  assertEquals(launched.code, 0, launched.stderr);
  const [dir] = await runDirs(sb);
  return dir;
}

async function status(sb: Sandbox, work: string): Promise<string | undefined> {
  const rows = JSON.parse((await sase(sb, work, ["agent", "list", "-j", "-a"])).stdout) as {
    name: string;
    status: string;
  }[];
  return rows.find((r) => r.name === "asker")?.status;
}

/** Wait until the asker's run shows QUESTION. */
async function untilQuestion(sb: Sandbox, work: string): Promise<void> {
  await waitFor("the QUESTION status", async () => {
    return await status(sb, work) === "QUESTION" ? true : undefined;
  }, 60_000);
}

Deno.test("a fakey agent's sase questions ends its turn; the run shows QUESTION; the CLI answer resumes it with the answers and it completes", async () => {
  await using sb = await makeSandbox();
  const work = await makeGitRepo(join(sb.root, "proj"), sb.env);
  const dir = await launchAsker(sb, work);
  try {
    await untilQuestion(sb, work);
    // The command returned at once and told the agent to end its turn.
    assertEquals(
      await Deno.readTextFile(join(dir, "ask_output.txt")),
      "Your questions were sent to the user. End your turn now without doing anything else: " +
        "sase resumes you with the answers in your prompt.\n",
    );
    assertEquals(await exists(join(dir, ".sase_questions_pending")), false, "the runner took it");
    assertEquals(await exists(join(dir, "resumed")), false, "no follow-up before the answer");
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
    assertEquals(marker.request_path, join(responseDir, "question_request.json"));
    assert(responseDir.startsWith(join(dir, "user_question")), responseDir);
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
    assertEquals(await exists(join(dir, "resumed")), true, "the follow-up turn ran");
    assertEquals(
      await exists(join(dir, "pending_question.json")),
      false,
      "the marker goes with the answer",
    );
    // The follow-up's prompt (the run's recorded prompt) carries the answers.
    const chat = await Deno.readTextFile(String(done.response_path));
    assertStringIncludes(
      chat,
      "%xprompts_enabled:false\n### Questions and Answers\n\n" +
        "**Q1:** Which storage should the cache use?\n**A1:** JSONL\n\n" +
        "**Note:** keep it simple\n\n%xprompts_enabled:true",
    );
    const meta = JSON.parse(await Deno.readTextFile(join(dir, "agent_meta.json")));
    assertEquals(meta.questions_times.length, 1);
    assertEquals(meta.question_response_path, join(responseDir, "question_response.json"));
    const again = await sase(sb, work, ["questions", "answer", String(note.id), "-i", "1"]);
    assertEquals(again.code, 1);
    assertStringIncludes(again.stderr, "was already answered");
    assertEquals(await status(sb, work), "DONE");
  } finally {
    await killRunners([dir]);
  }
});

Deno.test("killing a run that waits on its questions ends it killed, the marker gone, no follow-up", async () => {
  await using sb = await makeSandbox();
  const work = await makeGitRepo(join(sb.root, "proj"), sb.env);
  const dir = await launchAsker(sb, work);
  try {
    await untilQuestion(sb, work);
    const killed = await sase(sb, work, ["agent", "kill", "-n", "asker"]);
    assertEquals(killed.code, 0, killed.stderr);
    const [done] = await allDone([dir], 60_000);
    assertEquals(done.outcome, "killed");
    assertEquals(await exists(join(dir, "pending_question.json")), false);
    assertEquals(await exists(join(dir, "resumed")), false);
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
  // One hand-off per turn: a second ask before the turn ends is refused.
  const first = await sase(sb, sb.cwd, ["questions", JSON.stringify(QUESTIONS)], {
    SASE_ARTIFACTS_DIR: sb.root,
  });
  assertEquals(first.code, 0, first.stderr);
  const second = await sase(sb, sb.cwd, ["questions", JSON.stringify(QUESTIONS)], {
    SASE_ARTIFACTS_DIR: sb.root,
  });
  assertEquals(second.code, 1);
  assertStringIncludes(
    second.stderr,
    "questions were already asked this turn; end your turn to get their answers",
  );
  const handed = JSON.parse(await Deno.readTextFile(join(sb.root, ".sase_questions_pending")));
  assertEquals(handed.questions[0].question, "Which storage should the cache use?");
  const none = await sase(sb, sb.cwd, ["questions"]);
  assertEquals([none.code, none.stdout.trim()], [0, "No open questions."]);
});
