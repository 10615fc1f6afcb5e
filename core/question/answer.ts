/**
 * Answering an agent's questions — the one writer every transport uses
 * (`sase questions answer`, ACE's question modal, the gateway's question
 * route) — and listing the open ones. The `UserQuestion` notification
 * names the response directory; each answer is checked against the request
 * (a known question answered once; options by label, 1-based number or id;
 * a single-select question takes one choice, a custom answer counting as
 * one; a custom answer needs text; something must be chosen), then
 * `question_response.json` is created once and the notification marked
 * handled (read and dismissed).
 *
 * @module
 */

import type { AppContext } from "../context.ts";
import { notificationsPath } from "../config/paths.ts";
import { SaseError } from "../errors.ts";
import { join } from "../fs/path.ts";
import { recordResponse } from "../notify/respond.ts";
import { findNotification } from "../notify/catalog.ts";
import type { Notification } from "../notify/model.ts";
import { readNotifications } from "../notify/store.ts";
import {
  type Answer,
  OTHER_LABEL,
  type Question,
  type QuestionResponse,
  readQuestionRequest,
  RESPONSE_FILE,
} from "./model.ts";

/** An open question as `sase questions list` shows it. */
export interface OpenQuestion {
  notification: Notification;
  responseDir: string;
  questions: Question[];
}

/** The questions in `dir`, or null when its request is missing or malformed (not listed as open). */
async function questionsIn(dir: string): Promise<Question[] | null> {
  try {
    return await readQuestionRequest(dir);
  } catch (error) {
    if (error instanceof SaseError) return null;
    throw error;
  }
}

async function answered(dir: string): Promise<boolean> {
  return await Deno.lstat(join(dir, RESPONSE_FILE)).then(() => true, () => false);
}

function responseDirOf(record: Notification): string | null {
  const dir = (record.action_data as Record<string, unknown> | undefined)?.response_dir;
  return typeof dir === "string" && dir ? dir : null;
}

/** Questions whose request exists and whose answer does not, oldest first. */
export async function openQuestions(app: AppContext): Promise<OpenQuestion[]> {
  const { records } = await readNotifications(notificationsPath(app.env));
  const open: OpenQuestion[] = [];
  for (const record of records) {
    const dir = record.action === "UserQuestion" ? responseDirOf(record) : null;
    if (!dir || await answered(dir)) continue;
    const questions = await questionsIn(dir);
    if (questions) open.push({ notification: record, responseDir: dir, questions });
  }
  return open;
}

/** How the user answers one question. */
export interface AnswerInput {
  /** 1-based question number (default: the input's position, so a lone answer is question 1). */
  question?: number;
  /** Option labels chosen. */
  options?: readonly string[];
  /** 1-based option numbers chosen. */
  indexes?: readonly number[];
  /** Option ids chosen (options that carry an `id`). */
  ids?: readonly string[];
  /** A free-form answer (selected as {@linkcode OTHER_LABEL}); present but blank is refused. */
  custom?: string;
}

function bad(message: string): SaseError {
  return new SaseError("question.answer", message, { kind: "invalid-input" });
}

function resolveAnswer(question: Question, number: number, input: AnswerInput): Answer {
  const chosen = new Set<string>();
  for (const label of input.options ?? []) {
    if (!question.options.some((o) => o.label === label)) {
      throw bad(
        `'${label}' is not an option of question ${number}: ${
          question.options.map((o) => o.label).join(", ") || "it has none"
        }`,
      );
    }
    chosen.add(label);
  }
  for (const index of input.indexes ?? []) {
    const option = Number.isInteger(index) ? question.options[index - 1] : undefined;
    if (!option) {
      throw bad(`question ${number} has no option ${index} (it has ${question.options.length})`);
    }
    chosen.add(option.label);
  }
  for (const id of input.ids ?? []) {
    const option = question.options.find((o) => o.id === id);
    if (!option) throw bad(`question ${number} has no option with id '${id}'`);
    chosen.add(option.label);
  }
  const custom = input.custom === undefined ? null : input.custom.trim();
  if (custom === "") throw bad(`question ${number}: the custom answer is empty`);
  const choices = chosen.size + (custom === null ? 0 : 1);
  if (choices === 0) {
    throw bad(`question ${number} has no answer: choose an option or give a custom answer`);
  }
  if (choices > 1 && !question.multiSelect) {
    throw bad(`question ${number} takes one choice, got ${choices}`);
  }
  // Option order, not click order: the same answer reads the same from every transport.
  const selected = question.options.map((o) => o.label).filter((label) => chosen.has(label));
  return {
    question: question.question,
    selected: custom === null ? selected : [...selected, OTHER_LABEL],
    custom_feedback: custom,
  };
}

/**
 * Check `inputs` against `questions` and build the response (answers in
 * question order; a blank note is null). Throws `question.answer` naming
 * the first problem. Questions left out stay unanswered.
 */
export function buildResponse(
  questions: readonly Question[],
  inputs: readonly AnswerInput[],
  note?: string | null,
): QuestionResponse {
  if (inputs.length === 0) throw bad("give at least one answer");
  const answers = new Map<number, Answer>();
  inputs.forEach((input, position) => {
    const number = input.question ?? position + 1;
    const question = Number.isInteger(number) ? questions[number - 1] : undefined;
    if (!question) throw bad(`question ${number} does not exist (there are ${questions.length})`);
    if (answers.has(number)) throw bad(`question ${number} is answered twice`);
    answers.set(number, resolveAnswer(question, number, input));
  });
  return {
    answers: [...answers.entries()].sort(([a], [b]) => a - b).map(([, answer]) => answer),
    global_note: note?.trim() || null,
  };
}

/** The response directory of a `UserQuestion` notification. */
export function questionDir(notification: Notification): string {
  const dir = notification.action === "UserQuestion" ? responseDirOf(notification) : null;
  if (!dir) throw bad(`notification ${notification.id.slice(0, 8)} is not a user question`);
  return dir;
}

/**
 * Answer the questions of notification `ref` (id or unique prefix, or the
 * notification a caller resolved itself) with one or several answers and
 * an optional note; resolves to the response written.
 */
export async function answerQuestions(
  app: AppContext,
  ref: string | Notification,
  inputs: readonly AnswerInput[],
  note?: string | null,
): Promise<{ path: string; response: QuestionResponse; notification: Notification }> {
  const notification = typeof ref === "string"
    ? findNotification((await readNotifications(notificationsPath(app.env))).records, ref)
    : ref;
  const dir = questionDir(notification);
  const response = buildResponse(await readQuestionRequest(dir), inputs, note);
  const path = join(dir, RESPONSE_FILE);
  await recordResponse(app.env, notification.id, path, response);
  return { path, response, notification };
}
