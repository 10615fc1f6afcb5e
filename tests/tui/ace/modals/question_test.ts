/**
 * The question modal and the question answer service over a real request
 * file and `UserQuestion` notification in a temp SASE_HOME: single and
 * multiple choice, a custom answer, a note, the core checks shown before
 * the modal closes, the response written once, and bad request files.
 */

import { join } from "node:path";
import { assert, assertEquals, assertRejects } from "../../../_helpers/assert.ts";
import { makeSandbox, type Sandbox } from "../../../_helpers/sandbox.ts";
import { sandboxContext } from "../../../_helpers/app.ts";
import { SaseError } from "../../../../core/errors.ts";
import type { Notification } from "../../../../core/notify/model.ts";
import { answerQuestions } from "../../../../core/agent/questions/answer.ts";
import { newestActionable, openQuestion } from "../../../../tui/ace/modals/mod.ts";
import type { QuestionModal } from "../../../../tui/ace/modals/question/controller.ts";
import { press, render, runTasks } from "./_drive.ts";

const QUESTIONS = {
  questions: [
    {
      question: "Which database?",
      header: "Storage",
      options: [
        { label: "SQLite", description: "one file" },
        { label: "Postgres", description: "a server" },
      ],
      multiSelect: false,
    },
    {
      question: "Which checks should run?",
      options: [{ label: "lint" }, { label: "tests" }, { label: "bench" }],
      multiSelect: true,
    },
  ],
};

/** A request dir and its UserQuestion notification, as an asking agent leaves them. */
async function ask(sb: Sandbox, request: unknown = QUESTIONS): Promise<Notification> {
  const dir = join(sb.root, "run", "question");
  await Deno.mkdir(dir, { recursive: true });
  await Deno.writeTextFile(join(dir, "question_request.json"), JSON.stringify(request));
  const notification: Notification = {
    id: "5f0c1e2a-0000-4000-8000-000000000001",
    timestamp: "2026-03-10T12:00:00+00:00",
    sender: "question",
    notes: ["The agent asks 2 questions"],
    files: [],
    action: "UserQuestion",
    action_data: { response_dir: dir },
    read: false,
    dismissed: false,
  };
  const store = join(sb.saseHome, "notifications", "notifications.jsonl");
  await Deno.mkdir(join(store, ".."), { recursive: true });
  await Deno.writeTextFile(store, JSON.stringify(notification) + "\n");
  return notification;
}

async function response(notification: Notification) {
  const dir = notification.action_data!.response_dir as string;
  return JSON.parse(await Deno.readTextFile(join(dir, "question_response.json")));
}

Deno.test("question modal: choose one, choose several, submit; the response and the notification", async () => {
  await using sb = await makeSandbox();
  const app = sandboxContext(sb);
  const notification = await ask(sb);
  const modal = (await openQuestion(app, notification)) as QuestionModal;
  const screen = render(modal, 80, 16);
  assertEquals(screen.slice(0, 6), [
    "Question 1/2  (Storage)  choose one",
    "Which database?",
    "",
    "› ( ) SQLite — one file",
    "  ( ) Postgres — a server",
    "  ( ) Other...",
  ]);
  // Radio: choosing Postgres after SQLite keeps only Postgres.
  const first = press(modal, "space", "j", "space").modal as QuestionModal;
  assertEquals(first.state.drafts[0].selected, ["Postgres"]);
  // n goes to the next question; several may be checked there.
  const second = press(first, "n", "space", "j", "j", "space").modal as QuestionModal;
  assertEquals(second.state.current, 1);
  assertEquals(second.state.drafts[1].selected, ["lint", "bench"]);
  assert(render(second, 80, 16).includes("› [x] bench"));
  assert(render(second, 80, 16).includes("  [x] lint"));
  // Enter on the last question submits.
  const done = press(second, "enter");
  assertEquals(done.modal, null);
  const [outcome] = await runTasks(app, done.tasks);
  assertEquals(outcome.toast?.text, "Answered 2 questions");
  assertEquals(await response(notification), {
    answers: [
      { question: "Which database?", selected: ["Postgres"], custom_feedback: null },
      { question: "Which checks should run?", selected: ["lint", "bench"], custom_feedback: null },
    ],
    global_note: null,
  });
  const stored = JSON.parse(
    (await Deno.readTextFile(join(sb.saseHome, "notifications", "notifications.jsonl"))).trim(),
  );
  assertEquals([stored.read, stored.dismissed], [true, true]);
  // Answered once: a second answer is refused.
  await assertRejects(() => runTasks(app, done.tasks), SaseError, "already answered");
});

Deno.test("question modal: Enter takes the highlighted option; Other... takes a custom answer; g a note", async () => {
  await using sb = await makeSandbox();
  const app = sandboxContext(sb);
  const notification = await ask(sb);
  const modal = (await openQuestion(app, notification)) as QuestionModal;
  // Enter with no choice picks the highlighted SQLite and moves on.
  const second = press(modal, "enter").modal as QuestionModal;
  assertEquals([second.state.current, second.state.drafts[0].selected], [1, ["SQLite"]]);
  // Other... opens a field; keys type into it (j is a letter there).
  const typing = press(second, "j", "j", "j", "space").modal as QuestionModal;
  assertEquals(typing.state.input?.kind, "other");
  const typed = press(typing, "type:just lint", "enter").modal as QuestionModal;
  assertEquals(typed.state.input, null);
  assertEquals(typed.state.drafts[1], { selected: ["Other"], other: "just lint" });
  assert(render(typed, 80, 16).some((line) => line.includes("[x] Other...  just lint")));
  const noted = press(typed, "g", "type:be quick", "escape").modal as QuestionModal;
  assertEquals(noted.state.note, "be quick");
  const done = press(noted, "S");
  assertEquals(done.modal, null);
  await runTasks(app, done.tasks);
  assertEquals(await response(notification), {
    answers: [
      { question: "Which database?", selected: ["SQLite"], custom_feedback: null },
      { question: "Which checks should run?", selected: ["Other"], custom_feedback: "just lint" },
    ],
    global_note: "be quick",
  });
});

Deno.test("question modal: S with an unanswered question stays open with the reason; an empty Other is refused", async () => {
  await using sb = await makeSandbox();
  const app = sandboxContext(sb);
  const notification = await ask(sb);
  const modal = await openQuestion(app, notification);
  const refused = press(modal, "space", "S");
  assertEquals(refused.tasks, []);
  const open = refused.modal as QuestionModal;
  assertEquals(open.state.error, "question 2 has no answer");
  assertEquals(render(open, 80, 16).at(-2), "question 2 has no answer");
  const emptyOther = press(open, "n", "j", "j", "j", "space", "enter", "S");
  assertEquals(emptyOther.tasks, []);
  assertEquals(
    (emptyOther.modal as QuestionModal).state.error,
    "question 2: the custom answer is empty",
  );
  // Nothing was written.
  await assertRejects(() => response(notification), Deno.errors.NotFound);
  // q closes without answering.
  assertEquals(press(modal, "q"), { modal: null, tasks: [] });
});

Deno.test("question service: answers are checked against the request", async () => {
  await using sb = await makeSandbox();
  const app = sandboxContext(sb);
  const notification = await ask(sb);
  const one = { question: "Which database?", selected: ["SQLite"], custom_feedback: null };
  const checks = {
    question: "Which checks should run?",
    selected: ["tests"],
    custom_feedback: null,
  };
  await assertRejects(
    () => answerQuestions(app, notification, [one]),
    SaseError,
    "2 questions need 2 answers, got 1",
  );
  await assertRejects(
    () =>
      answerQuestions(app, notification, [{ ...one, selected: ["SQLite", "Postgres"] }, checks]),
    SaseError,
    "question 1 takes one choice, got 2",
  );
  await assertRejects(
    () => answerQuestions(app, notification, [one, { ...checks, selected: ["deploy"] }]),
    SaseError,
    "question 2 has no option 'deploy'",
  );
  await assertRejects(
    () => answerQuestions(app, { ...notification, action: "PlanApproval" }, [one, checks]),
    SaseError,
    "is not an agent question",
  );
  const written = await answerQuestions(app, notification, [one, checks], "  ");
  assertEquals(written.response.global_note, null);
});

Deno.test("question service: a malformed request names the file and the field", async () => {
  await using sb = await makeSandbox();
  const app = sandboxContext(sb);
  const bad = await ask(sb, { questions: [{ question: "Q?", options: [{ label: 3 }] }] });
  const file = join(bad.action_data!.response_dir as string, "question_request.json");
  await assertRejects(
    () => openQuestion(app, bad),
    SaseError,
    `${file}: questions[0].options[0].label must be a string`,
  );
  await Deno.writeTextFile(file, JSON.stringify({ questions: [] }));
  await assertRejects(
    () => openQuestion(app, bad),
    SaseError,
    "questions must be a non-empty list",
  );
  await Deno.writeTextFile(file, "{not json");
  await assertRejects(() => openQuestion(app, bad), SaseError, `${file}: the file is not JSON`);
  await Deno.remove(file);
  await assertRejects(() => openQuestion(app, bad), SaseError, `${file} does not exist`);
  // Bare-string options (the tool accepts them) read as labels.
  await Deno.writeTextFile(
    file,
    JSON.stringify({ questions: [{ question: "Go?", options: ["yes", "no"] }] }),
  );
  const modal = (await openQuestion(app, bad)) as QuestionModal;
  assertEquals(modal.state.questions[0].options, [{ label: "yes" }, { label: "no" }]);
  // ,n opens the pending question.
  assertEquals((await newestActionable(app))?.kind, "question");
});
