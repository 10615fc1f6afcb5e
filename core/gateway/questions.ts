/**
 * The questions of a user question's `question_request.json`: what the
 * phone shows (detail answers) and what an answer is checked against
 * (`runQuestionAction`). Entries that are not a question with text, and
 * options without a label, are skipped rather than refused: the file is
 * written by an agent, and one odd entry must not hide the others.
 *
 * @module
 */

/** One question of `question_request.json`. */
export interface AskedQuestion {
  question: string;
  options: { id?: string; label: string }[];
}

/** The questions of a parsed `question_request.json` (none when it has no list). */
export function askedQuestions(data: unknown): AskedQuestion[] {
  const list = (data as { questions?: unknown })?.questions;
  if (!Array.isArray(list)) return [];
  return list.flatMap((item) => {
    const question = (item as { question?: unknown })?.question;
    const options = (item as { options?: unknown })?.options;
    if (typeof question !== "string") return [];
    const parsed = Array.isArray(options)
      ? options.flatMap((option) => {
        const label = typeof option === "string" ? option : (option as { label?: unknown })?.label;
        const id = (option as { id?: unknown })?.id;
        return typeof label === "string"
          ? [{ label, ...(typeof id === "string" ? { id } : {}) }]
          : [];
      })
      : [];
    return [{ question, options: parsed }];
  });
}
