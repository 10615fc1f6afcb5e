/**
 * The runner's side of an agent's questions (the original's question
 * hand-off): after a turn, the questions `sase questions` left in
 * `.sase_questions_pending` are taken; the request goes to
 * `<run>/user_question/<id>/question_request.json`, the `UserQuestion`
 * notification is posted, `pending_question.json` marks the run QUESTION
 * while the runner waits for `question_response.json`, and the answers
 * become one round of the prompt's `### Questions and Answers` section for
 * the follow-up turn. `agent_meta.json` records `questions_times` (one per
 * ask) and `question_response_path` (the last answer).
 *
 * @module
 */

import type { Env } from "../config/paths.ts";
import { SaseError } from "../errors.ts";
import { atomicWriteJson } from "../fs/atomic_write.ts";
import { readJsonObject } from "../fs/json_object.ts";
import { join } from "../fs/path.ts";
import { updateAgentMeta } from "../agent/records/meta.ts";
import type { QaRound } from "../sdd/qa.ts";
import {
  OTHER_LABEL,
  parseResponse,
  PENDING_MARKER,
  type Question,
  type QuestionResponse,
  QUESTIONS_HANDOFF,
  questionsJson,
  readQuestionsFile,
  REQUEST_FILE,
  RESPONSE_FILE,
} from "./model.ts";
import { postQuestion } from "./post.ts";

/** How often the runner looks for the answer. */
const POLL_MS = 500;

/**
 * The questions the agent handed over this turn (the hand-off file is
 * removed), or null when it asked none. The agent wrote the file, so a
 * damaged one is an error naming it.
 */
export async function takeQuestions(runDir: string): Promise<Question[] | null> {
  const path = join(runDir, QUESTIONS_HANDOFF);
  try {
    return await readQuestionsFile(path);
  } catch (error) {
    if (error instanceof SaseError && error.code === "question.not_found") return null;
    throw error;
  } finally {
    await Deno.remove(path).catch(() => {});
  }
}

/** What waiting for the answer needs. */
export interface AwaitAnswersOptions {
  env: Env;
  runDir: string;
  agentName: string | null;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  /** Stops the wait (the run is killed); the wait then resolves to null. */
  abort?: AbortSignal;
}

/** One answered round of questions. */
export interface AnsweredRound {
  questions: Question[];
  response: QuestionResponse;
  responsePath: string;
}

/**
 * Post `questions` and wait for their answer (null when stopped first).
 * `pending_question.json` exists exactly while waiting.
 */
export async function awaitAnswers(
  questions: Question[],
  options: AwaitAnswersOptions,
): Promise<AnsweredRound | null> {
  const { runDir } = options;
  const sessionId = crypto.randomUUID().replaceAll("-", "").slice(0, 12);
  const dir = join(runDir, "user_question", sessionId);
  const requestPath = join(dir, REQUEST_FILE);
  const asked = options.now().toISOString();
  await atomicWriteJson(requestPath, {
    questions: questionsJson(questions),
    session_id: sessionId,
    agent_name: options.agentName,
    created_at: asked,
  });
  const notificationId = await postQuestion(
    options.env,
    dir,
    questions,
    options.agentName,
    options.now(),
  );
  await updateAgentMeta(runDir, (current) => ({
    questions_times: [
      ...(Array.isArray(current.questions_times) ? current.questions_times : []),
      asked,
    ],
  }));
  const marker = join(runDir, PENDING_MARKER);
  await atomicWriteJson(marker, {
    session_id: sessionId,
    request_path: requestPath,
    response_dir: dir,
    notification_id: notificationId,
    submitted_at: asked,
  });
  try {
    const responsePath = join(dir, RESPONSE_FILE);
    while (!options.abort?.aborted) {
      const response = parseResponse(await readJsonObject(responsePath));
      if (response) {
        await updateAgentMeta(runDir, { question_response_path: responsePath });
        return { questions, response, responsePath };
      }
      await options.sleep(POLL_MS);
    }
    return null;
  } finally {
    await Deno.remove(marker).catch(() => {});
  }
}

/**
 * The round the follow-up prompt carries: per question the chosen labels
 * and the custom answer (`Other` is its mark, not an answer), matched by
 * question text, else by position when every question was answered.
 */
export function qaRound(round: AnsweredRound): QaRound {
  const { questions, response } = round;
  const items = questions.map((q, index) => {
    const answer = response.answers.find((a) => a.question === q.question) ??
      (response.answers.length === questions.length ? response.answers[index] : undefined);
    const parts = answer
      ? [
        ...answer.selected.filter((label) => !(label === OTHER_LABEL && answer.custom_feedback)),
        ...(answer.custom_feedback ? [answer.custom_feedback] : []),
      ]
      : [];
    return { question: q.question, answer: parts.join(", ") || "(not answered)" };
  });
  const note = response.global_note?.trim();
  return note ? { items, note } : { items };
}
