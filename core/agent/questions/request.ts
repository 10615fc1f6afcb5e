/**
 * The user-question protocol's files. An agent that asks (`/sase_questions`,
 * the `AskUserQuestion` tool) gets a `UserQuestion` notification whose
 * `action_data.response_dir` holds `question_request.json`:
 * `{"questions": [{"question", "header"?, "options": [{"label",
 * "description"?}], "multiSelect"?}]}` — the shape of the tool's input. The
 * answer is `question_response.json`, written once: `{"answers":
 * [{"question", "selected": [labels, "Other" for a custom answer],
 * "custom_feedback": text | null}], "global_note": text | null}`.
 *
 * @module
 */

import { join } from "../../fs/path.ts";
import { SaseError } from "../../errors.ts";
import { READ_LIMITS, readTextBounded } from "../../fs/bounded_read.ts";

/** The request file in a response directory. */
export const QUESTION_REQUEST_FILE = "question_request.json";
/** The answer file, created once. */
export const QUESTION_RESPONSE_FILE = "question_response.json";
/** The label a custom (free-text) answer is selected as. */
export const OTHER_LABEL = "Other";

/** One option of a question. */
export interface QuestionOption {
  readonly label: string;
  readonly description?: string;
}

/** One question. */
export interface Question {
  readonly question: string;
  readonly header?: string;
  readonly options: readonly QuestionOption[];
  readonly multiSelect: boolean;
}

/** The answer to one question. */
export interface QuestionAnswer {
  readonly question: string;
  /** The chosen option labels; {@linkcode OTHER_LABEL} when a custom answer was given. */
  readonly selected: readonly string[];
  readonly custom_feedback: string | null;
}

/** `question_response.json`. */
export interface QuestionResponse {
  readonly answers: readonly QuestionAnswer[];
  readonly global_note: string | null;
}

function invalid(path: string, field: string, problem: string): SaseError {
  return new SaseError("question.corrupt", `${path}: ${field} ${problem}`, {
    kind: "invalid-data",
  });
}

function text(value: unknown, path: string, field: string, optional = false): string | undefined {
  if (value === undefined && optional) return undefined;
  if (typeof value !== "string") throw invalid(path, field, "must be a string");
  return value;
}

function parseQuestion(value: unknown, path: string, at: string): Question {
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    throw invalid(path, at, "must be an object");
  }
  const record = value as Record<string, unknown>;
  const options = record.options ?? [];
  if (!Array.isArray(options)) throw invalid(path, `${at}.options`, "must be a list");
  const multi = record.multiSelect ?? false;
  if (typeof multi !== "boolean") throw invalid(path, `${at}.multiSelect`, "must be true or false");
  const header = text(record.header, path, `${at}.header`, true);
  return {
    question: text(record.question, path, `${at}.question`)!,
    ...(header ? { header } : {}),
    options: options.map((option, i): QuestionOption => {
      const where = `${at}.options[${i}]`;
      // The tool also takes bare strings as options.
      if (typeof option === "string") return { label: option };
      if (!option || typeof option !== "object") throw invalid(path, where, "must be an object");
      const item = option as Record<string, unknown>;
      const description = text(item.description, path, `${where}.description`, true);
      return {
        label: text(item.label, path, `${where}.label`)!,
        ...(description ? { description } : {}),
      };
    }),
    multiSelect: multi,
  };
}

/** The questions of `question_request.json` in `dir`; a missing or malformed file is an error naming it. */
export async function readQuestionRequest(dir: string): Promise<Question[]> {
  const path = join(dir, QUESTION_REQUEST_FILE);
  let raw: unknown;
  try {
    raw = JSON.parse(await readTextBounded(path, READ_LIMITS.record));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new SaseError("question.not_found", `${path} does not exist`, { kind: "not-found" });
    }
    if (error instanceof SyntaxError) {
      throw invalid(path, "the file", `is not JSON (${error.message})`);
    }
    throw error;
  }
  const questions = (raw as { questions?: unknown } | null)?.questions;
  if (!Array.isArray(questions) || questions.length === 0) {
    throw invalid(path, "questions", "must be a non-empty list");
  }
  return questions.map((question, i) => parseQuestion(question, path, `questions[${i}]`));
}
