/**
 * Turns that continue after the agent's questions: when a turn ends with
 * questions handed over (`sase questions`), the runner posts them, waits
 * for the user's answer (the run shows QUESTION), and runs a follow-up
 * turn whose prompt is the run's prompt with the answers merged into its
 * one `### Questions and Answers` section — until a turn asks nothing, a
 * turn fails, or the run is killed. The recorded prompt keeps the Q&A
 * (handbook: the exchange is part of the prompt snapshot).
 *
 * @module
 */

import { applyQa } from "../../sdd/qa.ts";
import { awaitAnswers, qaRound, takeQuestions } from "../../question/handoff.ts";
import { type AttemptContext, attemptOnce, type AttemptsResult } from "./attempt_loop.ts";
import { sleeper } from "./run_deps.ts";

/** The prompts of a run: as recorded, and as the provider is given it (forks add history). */
export interface RunPrompts {
  prompt: string;
  providerPrompt: string;
}

/** Answer the questions the finished turn asked and run the follow-up turns. */
export async function continueAfterQuestions(
  context: AttemptContext,
  first: AttemptsResult,
  prompts: RunPrompts,
): Promise<{ result: AttemptsResult; prompt: string }> {
  const { record, deps } = context;
  let result = first;
  let { prompt, providerPrompt } = prompts;
  while (result.outcome.ok && !deps.abort?.aborted) {
    const questions = await takeQuestions(record.dir);
    if (!questions) break;
    const round = await awaitAnswers(questions, {
      env: deps.env,
      runDir: record.dir,
      agentName: record.name,
      now: () => new Date(),
      sleep: sleeper(deps),
      abort: deps.abort,
    });
    if (!round) break;
    const qa = qaRound(round);
    prompt = applyQa(prompt, [qa]);
    providerPrompt = applyQa(providerPrompt, [qa]);
    const outcome = await attemptOnce(context, providerPrompt, result.model);
    const reply = [result.outcome.reply, outcome.reply].filter(Boolean).join("\n\n");
    result = { ...result, outcome: { ...outcome, reply } };
  }
  return { result, prompt };
}
