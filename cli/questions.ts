/**
 * `sase questions`: structured user questions. An agent runs
 * `sase questions '<json>'` (the `/sase_questions` skill) and gets the
 * answers as its output; the user sees the open questions with
 * `sase questions pending` (or bare `sase questions`) and answers with
 * `sase questions answer`. `sase questions notify` is the step a jailed
 * agent's runner carries out for it.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import type { AppContext } from "../core/context.ts";
import { importOnDemand } from "../core/on_demand.ts";
import { JSON_FLAG, JSON_HELP } from "./shared/output.ts";
import { collect } from "./shared/options.ts";

function load() {
  return importOnDemand<typeof import("./questions/run.ts")>("./questions/run.ts", import.meta.url);
}

function positiveInt(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} takes a number from 1`);
    return n;
  };
}

/** Register `sase questions`. */
export function register(program: Command, app: AppContext): void {
  const questions = program
    .command("questions")
    .description("Ask the user structured questions (agents) and answer them (users)")
    .argument("[questions_json]", "JSON string containing questions to ask (agent side)")
    .option(
      "--timeout <seconds>",
      "give up waiting after this many seconds",
      positiveInt("--timeout"),
    )
    .addHelpText(
      "after",
      '\nThe JSON: {"questions": [{"question": "...", "header": "...", "options": [{"label": "A",' +
        '\n"description": "..."}, "B"], "multiSelect": false}]}. The command waits for the answer' +
        "\nand prints it. Without an argument it lists the open questions (as `pending`).",
    )
    .action(async (json, options) => (await load()).runAsk(app, json, options));
  questions.command("pending")
    .description("List the questions agents are waiting on")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) => (await load()).runPending(app, options));
  questions.command("answer")
    .description("Answer an agent's question by its notification id (or unique prefix)")
    .argument("<id>", "the UserQuestion notification's id or prefix")
    .option("-q, --question <n>", "which question (1-based; default 1)", positiveInt("--question"))
    .option("-o, --option <label>", "choose this option (repeatable for multi-select)", collect, [])
    .option(
      "-i, --index <n>",
      "choose option number N (1-based; repeatable)",
      (v, prev: number[] = []) => [...prev, positiveInt("--index")(v)],
      [] as number[],
    )
    .option("-c, --custom <text>", "a free-form answer")
    .option("-n, --note <text>", "a note for the agent beside the answers")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (id, options) => (await load()).runAnswer(app, id, options));
  questions.command("notify", { hidden: true })
    .description("Post the UserQuestion notification of a question directory (run for agents)")
    .argument("<response_dir>", "the question's directory")
    .action(async (dir) => (await load()).runNotify(app, dir));
}
