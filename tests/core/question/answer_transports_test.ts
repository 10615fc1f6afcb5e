/**
 * One question, several transports: the gateway's question action answers
 * through the same service as `sase questions answer`, so an option is
 * found by its id, and a question the CLI already answered is refused on
 * the phone without touching the response.
 */

import { assertEquals, assertRejects } from "../../_helpers/assert.ts";
import { sandboxContext } from "../../_helpers/app.ts";
import { makeSandbox } from "../../_helpers/sandbox.ts";
import { join } from "node:path";
import { answerQuestion } from "../../../core/question/answer.ts";
import { runQuestionAction } from "../../../core/gateway/actions.ts";
import { GatewayError } from "../../../core/gateway/errors.ts";
import { notificationsPath } from "../../../core/config/paths.ts";
import { readNotifications } from "../../../core/notify/store.ts";
import { createNotification } from "../../../core/notify/create.ts";

const REQUEST = {
  questions: [{
    question: "Which DB?",
    options: [{ id: "pg", label: "PostgreSQL" }, { label: "SQLite" }],
  }],
};

async function question(sb: Awaited<ReturnType<typeof makeSandbox>>, id: string) {
  const dir = join(sb.root, id);
  await sb.write(`${id}/question_request.json`, JSON.stringify(REQUEST));
  const store = notificationsPath(sb.env);
  await createNotification(store, {
    id,
    sender: "agent",
    notes: ["Which DB?"],
    action: "UserQuestion",
    action_data: { response_dir: dir },
  });
  return { dir, store };
}

Deno.test("the phone answers a question by option id through the shared service: response written, notification handled", async () => {
  await using sb = await makeSandbox();
  const app = sandboxContext(sb);
  const { dir, store } = await question(sb, "ques0001-a");
  await runQuestionAction(app, "ques0001", {
    choice: "answer",
    questionIndex: 0,
    optionId: "pg",
    optionIndex: null,
    optionLabel: null,
    customAnswer: null,
    globalNote: null,
  });
  assertEquals(JSON.parse(await Deno.readTextFile(join(dir, "question_response.json"))), {
    answers: [{ question: "Which DB?", selected: ["PostgreSQL"], custom_feedback: null }],
    global_note: "",
  });
  const [record] = (await readNotifications(store)).records;
  assertEquals([record.read, record.dismissed], [true, true]);
});

Deno.test("a question answered from the CLI is refused on the phone as already handled, the response untouched", async () => {
  await using sb = await makeSandbox();
  const app = sandboxContext(sb);
  const { dir } = await question(sb, "ques0002-b");
  await answerQuestion(app, "ques0002", { options: [], indexes: [2] });
  const before = await Deno.readTextFile(join(dir, "question_response.json"));
  const error = await assertRejects(
    () =>
      runQuestionAction(app, "ques0002-b", {
        choice: "custom",
        questionIndex: 0,
        optionId: null,
        optionIndex: null,
        optionLabel: null,
        customAnswer: "MySQL",
        globalNote: null,
      }),
    GatewayError,
  );
  assertEquals((error as GatewayError).code, "gateway.conflict_already_handled");
  assertEquals(await Deno.readTextFile(join(dir, "question_response.json")), before);
  assertEquals(JSON.parse(before).answers[0].selected, ["SQLite"]);
});

Deno.test("an unknown option id is an invalid request naming the id", async () => {
  await using sb = await makeSandbox();
  const app = sandboxContext(sb);
  const { dir } = await question(sb, "ques0003-c");
  await assertRejects(
    () =>
      runQuestionAction(app, "ques0003", {
        choice: "answer",
        questionIndex: 0,
        optionId: "mysql",
        optionIndex: null,
        optionLabel: null,
        customAnswer: null,
        globalNote: null,
      }),
    GatewayError,
    "no option with id 'mysql'",
  );
  await assertRejects(() => Deno.stat(join(dir, "question_response.json")), Deno.errors.NotFound);
});
