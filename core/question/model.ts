/**
 * Structured user questions (`/sase_questions`): the request an agent
 * posts (`question_request.json`: questions with options, multi-select,
 * and whether a custom answer is allowed) and the response the user gives
 * (`question_response.json`: per question the selected option labels and
 * custom text, plus a global note — the shape ACE, the gateway and the
 * original's runner exchange).
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import { READ_LIMITS, readTextBounded } from "../fs/bounded_read.ts";
import { join } from "../fs/path.ts";

/** The label `selected` carries for a custom (free-text) answer, as the original's ACE modal writes it. */
export const OTHER_LABEL = "Other";

/** One option of a question. */
export interface QuestionOption {
  /** A stable id some clients give their options (phones answer by it); kept when present. */
  id?: string;
  label: string;
  description: string | null;
}

/** One question. */
export interface Question {
  question: string;
  header: string | null;
  options: QuestionOption[];
  multiSelect: boolean;
}

/**
 * One answer: the chosen option labels (in the question's option order),
 * then {@linkcode OTHER_LABEL} when a custom answer was given, whose text
 * is `custom_feedback`.
 */
export interface Answer {
  question: string;
  selected: string[];
  custom_feedback: string | null;
}

/** `question_response.json`. */
export interface QuestionResponse {
  answers: Answer[];
  /** The note for all answers; null when none was written. */
  global_note: string | null;
}

/** The files of a question's response directory. */
export const REQUEST_FILE = "question_request.json";
/** Written once by whoever answers. */
export const RESPONSE_FILE = "question_response.json";
/** The marker in the run's artifact directory while the agent waits for the answer. */
export const PENDING_MARKER = "pending_question.json";
/** What `sase questions` leaves in the run directory for the runner (the original's name). */
export const QUESTIONS_HANDOFF = ".sase_questions_pending";

/** Where questions come from, for the errors that name it. */
interface Source {
  /** Prefix of every message: `questions JSON` or the request file's path. */
  name: string;
  code: string;
  kind: "invalid-input" | "invalid-data";
  hint?: string;
}

const AGENT_INPUT: Source = {
  name: "questions JSON",
  code: "question.invalid",
  kind: "invalid-input",
  hint: `example: '{"questions": [{"question": "Which approach?", "options": ` +
    `[{"label": "A", "description": "..."}, {"label": "B"}], "multiSelect": false}]}'`,
};

function failure(source: Source, field: string, problem: string): SaseError {
  return new SaseError(source.code, `${source.name}: ${field} ${problem}`, {
    ...(source.hint ? { hint: source.hint } : {}),
    kind: source.kind,
  });
}

function optionalText(value: unknown, source: Source, field: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") throw failure(source, field, "must be a string");
  return value.trim() || null;
}

function requiredText(value: unknown, source: Source, field: string): string {
  const text = typeof value === "string" ? value.trim() : "";
  if (!text) throw failure(source, field, "must be non-empty text");
  return text;
}

function parseOption(option: unknown, source: Source, at: string): QuestionOption {
  // The tool also takes bare strings as options.
  if (typeof option === "string") {
    return { label: requiredText(option, source, at), description: null };
  }
  if (!option || typeof option !== "object" || Array.isArray(option)) {
    throw failure(source, at, "must be a label or {label, description}");
  }
  const o = option as Record<string, unknown>;
  const label = requiredText(o.label, source, `${at}.label`);
  const id = optionalText(o.id, source, `${at}.id`);
  return {
    ...(id !== null ? { id } : {}),
    label,
    description: optionalText(o.description, source, `${at}.description`),
  };
}

function parseQuestion(raw: unknown, source: Source, where: string): Question {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
    throw failure(source, where, "must be an object");
  }
  const entry = raw as Record<string, unknown>;
  const question = requiredText(entry.question, source, `${where}.question`);
  const rawOptions = entry.options ?? [];
  if (!Array.isArray(rawOptions)) throw failure(source, `${where}.options`, "must be a list");
  const options = rawOptions.map((o, i) => parseOption(o, source, `${where}.options[${i}]`));
  const labels = new Set<string>();
  const ids = new Set<string>();
  for (const option of options) {
    if (labels.has(option.label)) {
      throw failure(source, `${where}.options`, `repeat the label '${option.label}'`);
    }
    if (option.id !== undefined && ids.has(option.id)) {
      throw failure(source, `${where}.options`, `repeat the id '${option.id}'`);
    }
    labels.add(option.label);
    if (option.id !== undefined) ids.add(option.id);
  }
  const multi = entry.multiSelect ?? entry.multi_select ?? false;
  if (typeof multi !== "boolean") {
    throw failure(source, `${where}.multiSelect`, "must be true or false");
  }
  return {
    question,
    header: optionalText(entry.header, source, `${where}.header`),
    options,
    multiSelect: multi,
  };
}

/**
 * The one question parser: a `{questions: [...]}` object (or the list
 * itself). Each question needs non-empty `question` text; `options` are
 * strings or `{id?, label, description?}` objects with distinct labels and
 * ids; `multiSelect` is a boolean. Errors name the source and the field.
 */
function parseQuestionValue(value: unknown, source: Source): Question[] {
  const list = Array.isArray(value)
    ? value
    : (value && typeof value === "object"
      ? (value as Record<string, unknown>).questions
      : undefined);
  if (!Array.isArray(list) || list.length === 0) {
    throw failure(source, "questions", "must be a non-empty list");
  }
  return list.map((raw, index) => parseQuestion(raw, source, `questions[${index}]`));
}

/** Parse the questions an agent posts (`sase questions '<json>'`); errors are usage errors. */
export function parseQuestions(text: string): Question[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw failure(AGENT_INPUT, "input", `is not valid JSON: ${(error as Error).message}`);
  }
  return parseQuestionValue(value, AGENT_INPUT);
}

/**
 * The questions of `question_request.json` in `dir` (ours or the
 * original's): a missing file is `question.not_found`, a malformed one an
 * error naming the file and the field.
 */
export async function readQuestionRequest(dir: string): Promise<Question[]> {
  return await readQuestionsFile(join(dir, REQUEST_FILE));
}

/** The questions of the file at `path` (a request, or an agent's hand-off), checked the same way. */
export async function readQuestionsFile(path: string): Promise<Question[]> {
  const source: Source = { name: path, code: "question.corrupt", kind: "invalid-data" };
  let value: unknown;
  try {
    value = JSON.parse(await readTextBounded(path, READ_LIMITS.record));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new SaseError("question.not_found", `${path} does not exist`, { kind: "not-found" });
    }
    if (error instanceof SyntaxError) {
      throw failure(source, "the file", `is not JSON (${error.message})`);
    }
    throw error;
  }
  return parseQuestionValue(value, source);
}

/** The request file's JSON form of `questions` (the original's field names). */
export function questionsJson(questions: readonly Question[]): Record<string, unknown>[] {
  return questions.map((q) => ({
    question: q.question,
    header: q.header,
    options: q.options.map((o) => ({
      ...(o.id !== undefined ? { id: o.id } : {}),
      label: o.label,
      description: o.description,
    })),
    multiSelect: q.multiSelect,
  }));
}

/** Parse a response file's JSON; null when it is not one (still being written, or foreign). */
export function parseResponse(value: unknown): QuestionResponse | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const data = value as Record<string, unknown>;
  if (!Array.isArray(data.answers)) return null;
  const answers: Answer[] = [];
  for (const raw of data.answers) {
    if (!raw || typeof raw !== "object") return null;
    const a = raw as Record<string, unknown>;
    const selected = Array.isArray(a.selected)
      ? a.selected.filter((s) => typeof s === "string")
      : [];
    answers.push({
      question: typeof a.question === "string" ? a.question : "",
      selected,
      custom_feedback: typeof a.custom_feedback === "string" && a.custom_feedback.trim()
        ? a.custom_feedback
        : null,
    });
  }
  return {
    answers,
    global_note: typeof data.global_note === "string" ? data.global_note : null,
  };
}
