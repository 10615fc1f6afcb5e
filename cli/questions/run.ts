/**
 * The bodies of `sase questions` and its subcommands.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { answerQuestion, openQuestions } from "../../core/question/answer.ts";
import { askQuestions } from "../../core/question/ask.ts";
import { postQuestion } from "../../core/question/post.ts";
import { questionsJson } from "../../core/question/model.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";
import { printJson } from "../shared/output.ts";

const inert = (text: string) => neutralizeControls(text, { keepLayout: false });

/** `sase questions [json]`: ask (agent) or list the open questions. */
export async function runAsk(
  app: AppContext,
  json: string | undefined,
  options: { timeout?: number },
): Promise<void> {
  if (json === undefined) return await runPending(app, {});
  const result = await askQuestions(app, json, {
    timeoutMs: options.timeout === undefined ? undefined : options.timeout * 1000,
  });
  console.log(result.output);
}

/** `sase questions pending`. */
export async function runPending(app: AppContext, options: { json?: boolean }): Promise<void> {
  const open = await openQuestions(app);
  if (options.json) {
    return printJson({
      schema_version: 1,
      questions: open.map((q) => ({
        notification_id: q.notification.id,
        response_dir: q.responseDir,
        agent_name:
          (q.notification.action_data as Record<string, unknown> | undefined)?.agent_name ??
            null,
        questions: questionsJson(q.questions),
      })),
    });
  }
  if (open.length === 0) {
    console.log("No open questions.");
    return;
  }
  for (const q of open) {
    const agent = (q.notification.action_data as Record<string, unknown> | undefined)?.agent_name;
    console.log(
      `${q.notification.id.slice(0, 8)}  ${inert(typeof agent === "string" ? agent : "agent")}`,
    );
    q.questions.forEach((question, i) => {
      console.log(
        `  Q${i + 1}${question.multiSelect ? " (multi-select)" : ""}: ${inert(question.question)}`,
      );
      question.options.forEach((option, j) => {
        console.log(
          `    ${j + 1}. ${inert(option.label)}${
            option.description ? ` - ${inert(option.description)}` : ""
          }`,
        );
      });
    });
  }
  console.log("\nAnswer with: sase questions answer <id> -i <n> (or -o <label>, -c <text>)");
}

/** `sase questions answer`. */
export async function runAnswer(
  app: AppContext,
  id: string,
  options: {
    question?: number;
    option: string[];
    index: number[];
    custom?: string;
    note?: string;
    json?: boolean;
  },
): Promise<void> {
  const result = await answerQuestion(app, id, {
    question: options.question,
    options: options.option,
    indexes: options.index,
    custom: options.custom,
    note: options.note,
  });
  if (options.json) {
    return printJson({
      schema_version: 1,
      notification_id: result.notification.id,
      response_path: result.path,
      answer: result.answer,
    });
  }
  console.log(`answered ${result.notification.id.slice(0, 8)}: ${inert(result.path)}`);
}

/** `sase questions notify <dir>`: prints the notification id. */
export async function runNotify(app: AppContext, dir: string): Promise<void> {
  console.log(await postQuestion(app, dir));
}
