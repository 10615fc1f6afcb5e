/**
 * Answering an agent's questions — the one service ACE's question modal,
 * and later the CLI and the gateway, go through. The answers are checked
 * against the request (one answer per question; only offered labels, or
 * `Other` with text; a single-select question takes one choice), written
 * once to `question_response.json` under a lock, and the `UserQuestion`
 * notification is marked read and dismissed.
 *
 * @module
 */

import { join } from "../../fs/path.ts";
import type { AppContext } from "../../context.ts";
import { SaseError } from "../../errors.ts";
import { withFileLock } from "../../fs/lock.ts";
import { exists } from "../../fs/access.ts";
import { recordResponse } from "../../notify/respond.ts";
import type { Notification } from "../../notify/model.ts";
import {
  OTHER_LABEL,
  type Question,
  QUESTION_RESPONSE_FILE,
  type QuestionAnswer,
  type QuestionResponse,
  readQuestionRequest,
} from "./request.ts";

/** The response directory of a `UserQuestion` notification. */
export function questionDir(notification: Notification): string {
  const dir = notification.action_data?.response_dir;
  if (notification.action !== "UserQuestion" || typeof dir !== "string") {
    throw new SaseError(
      "question.not_found",
      `notification ${notification.id.slice(0, 8)} is not an agent question`,
      { kind: "invalid-input" },
    );
  }
  return dir;
}

function refuse(message: string): SaseError {
  return new SaseError("question.bad_answer", message, { kind: "invalid-input" });
}

/** Check `answers` against `questions` (throws on the first problem). */
export function checkAnswers(
  questions: readonly Question[],
  answers: readonly QuestionAnswer[],
): void {
  if (answers.length !== questions.length) {
    throw refuse(
      `${questions.length} questions need ${questions.length} answers, got ${answers.length}`,
    );
  }
  questions.forEach((question, i) => {
    const answer = answers[i];
    const n = `question ${i + 1}`;
    if (answer.selected.length === 0) throw refuse(`${n} has no answer`);
    if (!question.multiSelect && answer.selected.length > 1) {
      throw refuse(`${n} takes one choice, got ${answer.selected.length}`);
    }
    const labels = new Set(question.options.map((option) => option.label));
    for (const label of answer.selected) {
      if (label !== OTHER_LABEL && !labels.has(label)) {
        throw refuse(`${n} has no option '${label}'`);
      }
    }
    const custom = answer.custom_feedback?.trim() ?? "";
    if (answer.selected.includes(OTHER_LABEL) && custom === "") {
      throw refuse(`${n}: the custom answer is empty`);
    }
  });
}

/** Answer the questions of `notification`; resolves to the response written. */
export async function answerQuestions(
  app: AppContext,
  notification: Notification,
  answers: readonly QuestionAnswer[],
  globalNote: string | null = null,
): Promise<{ responsePath: string; response: QuestionResponse }> {
  const dir = questionDir(notification);
  const questions = await readQuestionRequest(dir);
  checkAnswers(questions, answers);
  const responsePath = join(dir, QUESTION_RESPONSE_FILE);
  const response: QuestionResponse = {
    answers: answers.map((answer, i) => ({
      question: questions[i].question,
      selected: [...answer.selected],
      custom_feedback: answer.selected.includes(OTHER_LABEL)
        ? answer.custom_feedback!.trim()
        : null,
    })),
    global_note: globalNote?.trim() || null,
  };
  await withFileLock(responsePath, async () => {
    if (await exists(responsePath)) {
      throw new SaseError(
        "question.already_answered",
        `the questions of notification ${notification.id.slice(0, 8)} were already answered`,
        { kind: "conflict" },
      );
    }
    await recordResponse(app.env, notification.id, responsePath, response);
  });
  return { responsePath, response };
}
