/**
 * `sase questions '<json>'`, the agent side: check the questions and hand
 * them to the agent's runner by leaving `.sase_questions_pending` in the
 * run directory, then tell the agent to end its turn. The command returns
 * at once (a provider's tool timeout cannot cut a wait short); the runner
 * posts the question, waits for the answer and resumes the agent with a
 * follow-up carrying the answers (`handoff.ts`).
 *
 * @module
 */

import type { AppContext } from "../context.ts";
import { SaseError } from "../errors.ts";
import { createFileOnce } from "../fs/create_once.ts";
import { join } from "../fs/path.ts";
import { parseQuestions, QUESTIONS_HANDOFF, questionsJson } from "./model.ts";

/** What the agent reads after asking. */
export const END_TURN_TEXT =
  "Your questions were sent to the user. End your turn now without doing anything else: " +
  "sase resumes you with the answers in your prompt.";

/** Hand the questions in `text` (the questions JSON) to the run's runner. */
export async function askQuestions(app: AppContext, text: string): Promise<void> {
  const questions = parseQuestions(text);
  const artifacts = app.env.SASE_ARTIFACTS_DIR?.trim();
  if (!artifacts) {
    throw new SaseError(
      "question.no_run",
      "sase questions is for agents sase launched: SASE_ARTIFACTS_DIR is not set",
      { hint: "humans answer questions with `sase questions answer`", kind: "invalid-input" },
    );
  }
  const path = join(artifacts, QUESTIONS_HANDOFF);
  const handed = await createFileOnce(
    path,
    JSON.stringify(
      { questions: questionsJson(questions), submitted_at: app.now().toISOString() },
      null,
      2,
    ) + "\n",
  );
  if (!handed) {
    throw new SaseError(
      "question.pending",
      "questions were already asked this turn; end your turn to get their answers",
      { kind: "conflict" },
    );
  }
}
