/**
 * Opening the question modal for a `UserQuestion` notification: its
 * questions come from the request file the question service reads.
 *
 * @module
 */

import type { AppContext } from "../../../../core/context.ts";
import { questionDir } from "../../../../core/agent/questions/answer.ts";
import { readQuestionRequest } from "../../../../core/agent/questions/request.ts";
import type { Notification } from "../../../../core/notify/model.ts";
import type { AceModal } from "../modal.ts";
import { createQuestionState } from "./context.ts";
import { QuestionModal } from "./controller.ts";

/** The question modal of `notification`. */
export async function loadQuestion(
  _app: AppContext,
  notification: Notification,
): Promise<AceModal> {
  const questions = await readQuestionRequest(questionDir(notification));
  return new QuestionModal(createQuestionState(questions), notification);
}
