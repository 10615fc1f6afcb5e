/**
 * The rules every transport's answer goes through (`buildResponse`,
 * `answerQuestions`) and the one request parser: each refused case with
 * its message, and the exact `question_response.json` written — a custom
 * answer is `"Other"` in `selected` plus its text in `custom_feedback`
 * (the original ACE modal's form), options in the question's order, a
 * blank note `null`.
 */

import { join } from "node:path";
import { assertEquals, assertRejects, assertThrows } from "../../_helpers/assert.ts";
import { sandboxContext } from "../../_helpers/app.ts";
import { makeSandbox, type Sandbox } from "../../_helpers/sandbox.ts";
import { SaseError } from "../../../core/errors.ts";
import { answerQuestions, buildResponse } from "../../../core/question/answer.ts";
import {
  parseQuestions,
  type Question,
  readQuestionRequest,
} from "../../../core/question/model.ts";
import { createNotification } from "../../../core/notify/create.ts";
import { notificationsPath } from "../../../core/config/paths.ts";
import { readNotifications } from "../../../core/notify/store.ts";

const QUESTIONS: Question[] = [
  {
    question: "Which database?",
    header: null,
    options: [
      { id: "lite", label: "SQLite", description: null },
      { label: "Postgres", description: null },
    ],
    multiSelect: false,
  },
  {
    question: "Which checks?",
    header: null,
    options: [
      { label: "lint", description: null },
      { label: "tests", description: null },
      { label: "bench", description: null },
    ],
    multiSelect: true,
  },
];

Deno.test("answer rules: each refused case names the question and the problem", () => {
  const refused = (inputs: Parameters<typeof buildResponse>[1], message: string) =>
    assertThrows(() => buildResponse(QUESTIONS, inputs), SaseError, message);
  refused([], "give at least one answer");
  refused([{ question: 3, indexes: [1] }], "question 3 does not exist (there are 2)");
  refused([{ question: 0, indexes: [1] }], "question 0 does not exist (there are 2)");
  refused(
    [{ question: 1, indexes: [1] }, { question: 1, indexes: [2] }],
    "question 1 is answered twice",
  );
  refused([{ options: ["MySQL"] }], "'MySQL' is not an option of question 1: SQLite, Postgres");
  // "Other" is not an option label: a custom answer goes as `custom`.
  refused([{ options: ["Other"] }], "'Other' is not an option of question 1");
  refused([{ indexes: [3] }], "question 1 has no option 3 (it has 2)");
  refused([{ indexes: [0] }], "question 1 has no option 0 (it has 2)");
  refused([{ ids: ["pg"] }], "question 1 has no option with id 'pg'");
  refused([{ custom: "  " }], "question 1: the custom answer is empty");
  refused([{}], "question 1 has no answer: choose an option or give a custom answer");
  // Single-select: one choice, and a custom answer counts as one.
  refused([{ indexes: [1, 2] }], "question 1 takes one choice, got 2");
  refused([{ indexes: [1], custom: "MySQL" }], "question 1 takes one choice, got 2");
  // The same option twice (by label, number and id) is one choice.
  assertEquals(
    buildResponse(QUESTIONS, [{ options: ["SQLite"], indexes: [1], ids: ["lite"] }]).answers,
    [{ question: "Which database?", selected: ["SQLite"], custom_feedback: null }],
  );
  const error = assertThrows(() => buildResponse(QUESTIONS, [{}]), SaseError);
  assertEquals([(error as SaseError).code, (error as SaseError).kind], [
    "question.answer",
    "invalid-input",
  ]);
});

Deno.test("answer rules: the response shape — option order, Other plus text, question order, null note", () => {
  assertEquals(
    buildResponse(QUESTIONS, [
      { question: 2, options: ["bench", "lint"], custom: "  and fuzz  " },
      { question: 1, custom: "MySQL" },
    ], "  be quick "),
    {
      answers: [
        { question: "Which database?", selected: ["Other"], custom_feedback: "MySQL" },
        {
          question: "Which checks?",
          selected: ["lint", "bench", "Other"],
          custom_feedback: "and fuzz",
        },
      ],
      global_note: "be quick",
    },
  );
  // Without a number an input answers the question at its position; a blank note is null.
  assertEquals(buildResponse(QUESTIONS, [{ ids: ["lite"] }, { indexes: [2] }], "   "), {
    answers: [
      { question: "Which database?", selected: ["SQLite"], custom_feedback: null },
      { question: "Which checks?", selected: ["tests"], custom_feedback: null },
    ],
    global_note: null,
  });
});

async function ask(sb: Sandbox, id: string, request: unknown) {
  const dir = join(sb.root, id);
  await sb.write(`${id}/question_request.json`, JSON.stringify(request));
  await createNotification(notificationsPath(sb.env), {
    id,
    sender: "question",
    notes: ["asks"],
    action: "UserQuestion",
    action_data: { response_dir: dir },
  });
  return dir;
}

Deno.test("answerQuestions writes the exact file once over a request the original wrote", async () => {
  await using sb = await makeSandbox();
  const app = sandboxContext(sb);
  // The original's runner writes the tool's questions plus session_id and timestamp.
  const dir = await ask(sb, "ques0001-a", {
    questions: [{ question: "Go?", header: "Go", options: ["yes", "no"], multiSelect: false }],
    session_id: "0f6d",
    timestamp: 1767225600.5,
  });
  const written = await answerQuestions(app, "ques0001", [{ custom: "later" }], null);
  assertEquals(written.path, join(dir, "question_response.json"));
  assertEquals(
    await Deno.readTextFile(written.path),
    JSON.stringify(
      {
        answers: [{ question: "Go?", selected: ["Other"], custom_feedback: "later" }],
        global_note: null,
      },
      null,
      2,
    ) + "\n",
  );
  const [record] = (await readNotifications(notificationsPath(sb.env))).records;
  assertEquals([record.read, record.dismissed], [true, true]);
  const again = await assertRejects(
    () => answerQuestions(app, "ques0001", [{ indexes: [1] }]),
    SaseError,
    "was already answered",
  );
  assertEquals((again as SaseError).kind, "conflict");
  // A refused answer writes nothing.
  const other = await ask(sb, "ques0002-b", { questions: [{ question: "Go?", options: ["yes"] }] });
  await assertRejects(
    () => answerQuestions(app, "ques0002", [{ indexes: [2] }]),
    SaseError,
    "question 1 has no option 2 (it has 1)",
  );
  await assertRejects(
    () => Deno.stat(join(other, "question_response.json")),
    Deno.errors.NotFound,
  );
});

Deno.test("the one parser: agent input and request files refuse the same things, naming the source and field", async () => {
  await using sb = await makeSandbox();
  const cases: [unknown, string][] = [
    [{ questions: [] }, "questions must be a non-empty list"],
    [{ questions: [{ question: " " }] }, "questions[0].question must be non-empty text"],
    [{ questions: [{ question: "Q", options: "A" }] }, "questions[0].options must be a list"],
    [
      { questions: [{ question: "Q", options: [""] }] },
      "questions[0].options[0] must be non-empty text",
    ],
    [
      { questions: [{ question: "Q", options: [{ label: 3 }] }] },
      "questions[0].options[0].label must be non-empty text",
    ],
    [
      { questions: [{ question: "Q", options: [{ label: "A", id: 7 }] }] },
      "questions[0].options[0].id must be a string",
    ],
    [
      { questions: [{ question: "Q", options: ["A", "A"] }] },
      "questions[0].options repeat the label 'A'",
    ],
    [
      {
        questions: [{ question: "Q", options: [{ id: "x", label: "A" }, { id: "x", label: "B" }] }],
      },
      "questions[0].options repeat the id 'x'",
    ],
    [
      { questions: [{ question: "Q", multiSelect: "yes" }] },
      "questions[0].multiSelect must be true or false",
    ],
    [{ questions: [{ question: "Q", header: 1 }] }, "questions[0].header must be a string"],
  ];
  const file = join(sb.root, "q", "question_request.json");
  for (const [value, problem] of cases) {
    const input = assertThrows(
      () => parseQuestions(JSON.stringify(value)),
      SaseError,
      `questions JSON: ${problem}`,
    );
    assertEquals([(input as SaseError).code, (input as SaseError).kind], [
      "question.invalid",
      "invalid-input",
    ]);
    await sb.write("q/question_request.json", JSON.stringify(value));
    const stored = await assertRejects(
      () => readQuestionRequest(join(sb.root, "q")),
      SaseError,
      `${file}: ${problem}`,
    );
    assertEquals([(stored as SaseError).code, (stored as SaseError).kind], [
      "question.corrupt",
      "invalid-data",
    ]);
  }
});
