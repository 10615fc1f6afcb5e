/**
 * Answering a question from the CLI (`sase questions answer`) and listing
 * the open ones: the `UserQuestion` notification names the response
 * directory; the answer is written once (`question_response.json`, created
 * exclusively, so two answers cannot both land) and the notification is
 * marked handled (read and dismissed).
 *
 * @module
 */

import type { AppContext } from "../context.ts";
import { notificationsPath } from "../config/paths.ts";
import { SaseError } from "../errors.ts";
import { readJsonObject } from "../fs/json_object.ts";
import { join } from "../fs/path.ts";
import { recordResponse } from "../notify/respond.ts";
import { findNotification } from "../notify/catalog.ts";
import type { Notification } from "../notify/model.ts";
import { readNotifications } from "../notify/store.ts";
import {
  type Answer,
  parseQuestions,
  type Question,
  REQUEST_FILE,
  RESPONSE_FILE,
} from "./model.ts";

/** An open question as `sase questions list` shows it. */
export interface OpenQuestion {
  notification: Notification;
  responseDir: string;
  questions: Question[];
}

async function questionsIn(dir: string): Promise<Question[] | null> {
  const request = await readJsonObject(join(dir, REQUEST_FILE));
  if (!request) return null;
  try {
    return parseQuestions(JSON.stringify(request));
  } catch {
    return null;
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
  /** 1-based question number (default 1). */
  question?: number;
  /** Option labels chosen. */
  options: string[];
  /** 1-based option numbers chosen. */
  indexes: number[];
  /** Option ids chosen (options that carry an `id`). */
  ids?: string[];
  /** A free-form answer instead of (or beside) options. */
  custom?: string;
  note?: string;
}

function bad(message: string): SaseError {
  return new SaseError("question.answer", message, { kind: "invalid-input" });
}

/**
 * Answer the question of notification `ref` (id or unique prefix, or the
 * notification a caller resolved itself); resolves to the response path.
 * Every transport (CLI, ACE, the gateway) answers through here.
 */
export async function answerQuestion(
  app: AppContext,
  ref: string | Notification,
  input: AnswerInput,
): Promise<{ path: string; answer: Answer; notification: Notification }> {
  const store = notificationsPath(app.env);
  const notification = typeof ref === "string"
    ? findNotification((await readNotifications(store)).records, ref)
    : ref;
  const dir = notification.action === "UserQuestion" ? responseDirOf(notification) : null;
  if (!dir) throw bad(`notification ${notification.id} is not a user question`);
  const questions = await questionsIn(dir);
  if (!questions) {
    throw new SaseError("question.gone", `the question of ${notification.id} is gone (${dir})`, {
      kind: "not-found",
    });
  }
  const number = input.question ?? 1;
  const question = questions[number - 1];
  if (!question) throw bad(`question ${number} does not exist (there are ${questions.length})`);
  const selected: string[] = [];
  for (const label of input.options) {
    if (!question.options.some((o) => o.label === label)) {
      throw bad(
        `'${label}' is not an option of question ${number}: ${
          question.options.map((o) => o.label).join(", ")
        }`,
      );
    }
    selected.push(label);
  }
  for (const index of input.indexes) {
    const option = question.options[index - 1];
    if (!option) {
      throw bad(`question ${number} has no option ${index} (it has ${question.options.length})`);
    }
    selected.push(option.label);
  }
  for (const id of input.ids ?? []) {
    const option = question.options.find((o) => o.id === id);
    if (!option) throw bad(`question ${number} has no option with id '${id}'`);
    selected.push(option.label);
  }
  const unique = [...new Set(selected)];
  const custom = input.custom?.trim() || null;
  if (unique.length === 0 && !custom) {
    throw bad("choose an option (-o/-i) or give a custom answer (-c)");
  }
  if (unique.length > 1 && !question.multiSelect) {
    throw bad(`question ${number} takes one option; it is not multi-select`);
  }
  const answer: Answer = { question: question.question, selected: unique, custom_feedback: custom };
  const path = join(dir, RESPONSE_FILE);
  await recordResponse(app.env, notification.id, path, {
    answers: [answer],
    global_note: input.note?.trim() ?? "",
  });
  return { path, answer, notification };
}
