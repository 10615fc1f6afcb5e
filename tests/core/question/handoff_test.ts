/**
 * The runner's side of an agent's questions: taking the hand-off file,
 * posting and waiting (the QUESTION marker exists exactly while waiting;
 * a stop ends the wait), and the Q&A round the follow-up prompt carries.
 */

import { join } from "node:path";
import { assertEquals, assertRejects } from "../../_helpers/assert.ts";
import { makeSandbox } from "../../_helpers/sandbox.ts";
import { SaseError } from "../../../core/errors.ts";
import {
  type AnsweredRound,
  awaitAnswers,
  qaRound,
  takeQuestions,
} from "../../../core/question/handoff.ts";
import { notificationsPath } from "../../../core/config/paths.ts";
import { readNotifications } from "../../../core/notify/store.ts";
import type { Question } from "../../../core/question/model.ts";

const QUESTION: Question = {
  question: "Which DB?",
  header: "Storage",
  options: [{ label: "SQLite", description: null }, { label: "Postgres", description: null }],
  multiSelect: true,
};

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

Deno.test("takeQuestions: none is null; a hand-off is taken once; a damaged one names the file", async () => {
  await using sb = await makeSandbox();
  const run = join(sb.root, "run");
  await Deno.mkdir(run);
  assertEquals(await takeQuestions(run), null);
  const file = await sb.write(
    "run/.sase_questions_pending",
    JSON.stringify({ questions: [{ question: "Go?", options: ["yes", "no"] }] }),
  );
  assertEquals(await takeQuestions(run), [{
    question: "Go?",
    header: null,
    options: [{ label: "yes", description: null }, { label: "no", description: null }],
    multiSelect: false,
  }]);
  assertEquals(await exists(file), false);
  assertEquals(await takeQuestions(run), null);
  await sb.write("run/.sase_questions_pending", JSON.stringify({ questions: [] }));
  await assertRejects(
    () => takeQuestions(run),
    SaseError,
    `${file}: questions must be a non-empty list`,
  );
  assertEquals(await exists(file), false, "a damaged hand-off is not read twice");
});

Deno.test("awaitAnswers: posts, marks the run QUESTION while waiting, returns the answer; a stop ends the wait", async () => {
  await using sb = await makeSandbox();
  const run = join(sb.root, "run");
  await Deno.mkdir(run);
  const marker = join(run, "pending_question.json");
  const seen: boolean[] = [];
  let responseDir = "";
  const answered = await awaitAnswers([QUESTION], {
    env: sb.env,
    runDir: run,
    agentName: "asker",
    now: () => new Date("2026-03-10T12:00:00Z"),
    sleep: async () => {
      // The user answers while the runner waits.
      seen.push(await exists(marker));
      responseDir = JSON.parse(await Deno.readTextFile(marker)).response_dir;
      await Deno.writeTextFile(
        join(responseDir, "question_response.json"),
        JSON.stringify({
          answers: [{ question: "Which DB?", selected: ["Other"], custom_feedback: "DuckDB" }],
          global_note: null,
        }),
      );
    },
  });
  assertEquals(seen, [true]);
  assertEquals(await exists(marker), false);
  assertEquals(answered?.response.answers[0].custom_feedback, "DuckDB");
  const [note] = (await readNotifications(notificationsPath(sb.env))).records;
  assertEquals([note.sender, note.action, note.notes], ["question", "UserQuestion", [
    "asker asks:",
    "Q1: Which DB?",
  ]]);
  assertEquals(note.action_data?.response_dir, responseDir);
  const meta = JSON.parse(await Deno.readTextFile(join(run, "agent_meta.json")));
  assertEquals(meta.questions_times, ["2026-03-10T12:00:00.000Z"]);
  assertEquals(meta.question_response_path, join(responseDir, "question_response.json"));

  const stop = new AbortController();
  const stopped = await awaitAnswers([QUESTION], {
    env: sb.env,
    runDir: run,
    agentName: null,
    now: () => new Date(),
    sleep: () => Promise.resolve(stop.abort()),
    abort: stop.signal,
  });
  assertEquals(stopped, null);
  assertEquals(await exists(marker), false, "the marker goes when the wait is stopped");
});

Deno.test("qaRound: chosen labels, the custom text instead of its Other mark, unanswered, the note", () => {
  const round: AnsweredRound = {
    questions: [QUESTION, { ...QUESTION, question: "Which cache?" }],
    response: {
      answers: [{
        question: "Which DB?",
        selected: ["SQLite", "Other"],
        custom_feedback: "DuckDB too",
      }],
      global_note: " soon ",
    },
    responsePath: "/r/question_response.json",
  };
  assertEquals(qaRound(round), {
    items: [
      { question: "Which DB?", answer: "SQLite, DuckDB too" },
      { question: "Which cache?", answer: "(not answered)" },
    ],
    note: "soon",
  });
});
