/**
 * Structured user questions (`/sase_questions`): the request an agent
 * posts (`question_request.json`: questions with options, multi-select,
 * and whether a custom answer is allowed) and the response the user gives
 * (`question_response.json`: per question the selected option labels and
 * custom text, plus a global note — the shape ACE, the gateway and the
 * original's runner exchange), and the Markdown the agent reads back.
 *
 * @module
 */

import { SaseError } from "../errors.ts";

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

/** One answer. */
export interface Answer {
  question: string;
  selected: string[];
  custom_feedback: string | null;
}

/** `question_response.json`. */
export interface QuestionResponse {
  answers: Answer[];
  global_note: string;
}

/** The files of a question's response directory. */
export const REQUEST_FILE = "question_request.json";
/** Written once by whoever answers. */
export const RESPONSE_FILE = "question_response.json";
/** The marker in the run's artifact directory while the agent waits. */
export const PENDING_MARKER = "pending_question.json";

function invalid(where: string, message: string): SaseError {
  return new SaseError("question.invalid", `questions JSON: ${where} ${message}`, {
    hint: `example: '{"questions": [{"question": "Which approach?", "options": ` +
      `[{"label": "A", "description": "..."}, {"label": "B"}], "multiSelect": false}]}'`,
    kind: "invalid-input",
  });
}

function optionalText(value: unknown, where: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") throw invalid(where, "must be a string");
  return value.trim() || null;
}

/**
 * Parse the questions an agent posts: a JSON object with a `questions`
 * list (or the list itself). Each question needs non-empty `question`
 * text; `options` are strings or `{label, description}` objects with
 * distinct labels; `multiSelect` is a boolean.
 */
export function parseQuestions(text: string): Question[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw invalid("input", `is not valid JSON: ${(error as Error).message}`);
  }
  const list = Array.isArray(value)
    ? value
    : (value && typeof value === "object"
      ? (value as Record<string, unknown>).questions
      : undefined);
  if (!Array.isArray(list) || list.length === 0) {
    throw invalid("`questions`", "must be a non-empty list");
  }
  return list.map((raw, index) => {
    const where = `questions[${index}]`;
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
      throw invalid(where, "must be an object");
    }
    const entry = raw as Record<string, unknown>;
    const question = typeof entry.question === "string" ? entry.question.trim() : "";
    if (!question) throw invalid(`${where}.question`, "must be non-empty text");
    const rawOptions = entry.options ?? [];
    if (!Array.isArray(rawOptions)) throw invalid(`${where}.options`, "must be a list");
    const options = rawOptions.map((option, i): QuestionOption => {
      const at = `${where}.options[${i}]`;
      if (typeof option === "string" && option.trim()) {
        return { label: option.trim(), description: null };
      }
      if (option && typeof option === "object" && !Array.isArray(option)) {
        const o = option as Record<string, unknown>;
        const label = typeof o.label === "string" ? o.label.trim() : "";
        if (!label) throw invalid(`${at}.label`, "must be non-empty text");
        const id = optionalText(o.id, `${at}.id`);
        return {
          ...(id !== null ? { id } : {}),
          label,
          description: optionalText(o.description, `${at}.description`),
        };
      }
      throw invalid(at, "must be a label or {label, description}");
    });
    const labels = new Set<string>();
    for (const option of options) {
      if (labels.has(option.label)) {
        throw invalid(`${where}.options`, `repeat the label '${option.label}'`);
      }
      labels.add(option.label);
    }
    const multi = entry.multiSelect ?? entry.multi_select ?? false;
    if (typeof multi !== "boolean") throw invalid(`${where}.multiSelect`, "must be true or false");
    return {
      question,
      header: optionalText(entry.header, `${where}.header`),
      options,
      multiSelect: multi,
    };
  });
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
  return { answers, global_note: typeof data.global_note === "string" ? data.global_note : "" };
}

/**
 * The Q&A the agent reads: every question with every option checked or
 * not, custom answers and the note. Answers match questions by text, else
 * by position (a client may answer one question of several).
 */
export function renderAnswers(questions: readonly Question[], response: QuestionResponse): string {
  const lines = ["### Questions and Answers", ""];
  questions.forEach((q, index) => {
    const answer = response.answers.find((a) => a.question === q.question) ??
      (response.answers.length === questions.length ? response.answers[index] : undefined);
    lines.push(`#### Q${index + 1}${q.header ? `: ${q.header}` : ""}`, "", `> ${q.question}`, "");
    if (!answer) {
      lines.push("_Not answered._", "");
      return;
    }
    for (const option of q.options) {
      lines.push(`- [${answer.selected.includes(option.label) ? "x" : " "}] ${option.label}`);
    }
    for (const label of answer.selected.filter((s) => !q.options.some((o) => o.label === s))) {
      lines.push(`- [x] ${label}`);
    }
    if (answer.custom_feedback) lines.push("", `Answer: ${answer.custom_feedback}`);
    lines.push("");
  });
  if (response.global_note.trim()) {
    lines.push(`Note from the user: ${response.global_note.trim()}`, "");
  }
  return lines.join("\n");
}
