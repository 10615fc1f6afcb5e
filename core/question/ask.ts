/**
 * `sase questions '<json>'`, the agent side: write the request into the
 * run's directory, post the `UserQuestion` notification (through
 * `sase questions notify`, which a jailed agent's runner brokers), leave the
 * `pending_question.json` marker (the run shows QUESTION while it exists),
 * then wait for `question_response.json` and hand the answers back as the
 * command's output. `agent_meta.json` records `questions_times` and, once
 * answered, `question_response_path`. The marker goes when the answer arrives or the command
 * is stopped.
 *
 * @module
 */

import type { AppContext } from "../context.ts";
import { definedEnv } from "../env.ts";
import { SaseError } from "../errors.ts";
import { atomicWriteJson } from "../fs/atomic_write.ts";
import { readJsonObject } from "../fs/json_object.ts";
import { join } from "../fs/path.ts";
import { saseCommand } from "../self_command.ts";
import { agentIdentity } from "../memory/identity.ts";
import { updateAgentMeta } from "../agent/records/meta.ts";
import {
  parseQuestions,
  parseResponse,
  PENDING_MARKER,
  questionsJson,
  renderAnswers,
  REQUEST_FILE,
  RESPONSE_FILE,
} from "./model.ts";

/** How long between looks for the answer. */
const POLL_MS = 200;

/** What the agent gets back. */
export interface AskResult {
  responseDir: string;
  notificationId: string;
  /** The Q&A Markdown for the agent. */
  output: string;
}

async function post(app: AppContext, dir: string): Promise<string> {
  const [program, ...args] = saseCommand();
  const output = await new Deno.Command(program, {
    args: [...args, "questions", "notify", dir],
    cwd: app.cwd,
    env: definedEnv(app.env),
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  const id = decoder.decode(output.stdout).trim();
  if (!output.success || !id) {
    throw new SaseError(
      "question.post",
      `the question could not be posted: ${
        decoder.decode(output.stderr).trim() || "no id returned"
      }`,
      { kind: "failed" },
    );
  }
  return id;
}

/** Ask the user `text` (the questions JSON) and wait for the answer. */
export async function askQuestions(
  app: AppContext,
  text: string,
  options: { timeoutMs?: number } = {},
): Promise<AskResult> {
  const questions = parseQuestions(text);
  const artifacts = app.env.SASE_ARTIFACTS_DIR?.trim();
  if (!artifacts) {
    throw new SaseError(
      "question.no_run",
      "sase questions is for agents sase launched: SASE_ARTIFACTS_DIR is not set",
      { hint: "humans answer questions with `sase questions answer`", kind: "invalid-input" },
    );
  }
  const agent = await agentIdentity(app.env);
  const id = crypto.randomUUID().replaceAll("-", "").slice(0, 12);
  const dir = join(artifacts, "user_question", id);
  await atomicWriteJson(join(dir, REQUEST_FILE), {
    schema_version: 1,
    questions: questionsJson(questions),
    agent_name: agent?.name ?? null,
    created_at: app.now().toISOString(),
  });
  const notificationId = await post(app, dir);
  // ACE's family view: this run asked (when), and later where the answer is.
  await updateAgentMeta(artifacts, (current) => ({
    questions_times: [
      ...(Array.isArray(current.questions_times) ? current.questions_times : []),
      app.now().toISOString(),
    ],
  }));
  const marker = join(artifacts, PENDING_MARKER);
  await atomicWriteJson(marker, {
    schema_version: 1,
    response_dir: dir,
    notification_id: notificationId,
    created_at: app.now().toISOString(),
  });
  const removeMarker = () => {
    try {
      Deno.removeSync(marker);
    } catch {
      // Already gone.
    }
  };
  const stop = (code: number) => () => {
    removeMarker();
    Deno.exit(code);
  };
  const handlers = [["SIGTERM", stop(143)], ["SIGINT", stop(130)]] as const;
  for (const [signal, handler] of handlers) Deno.addSignalListener(signal, handler);
  try {
    const deadline = options.timeoutMs === undefined ? Infinity : Date.now() + options.timeoutMs;
    while (true) {
      const response = parseResponse(await readJsonObject(join(dir, RESPONSE_FILE)));
      if (response) {
        await updateAgentMeta(artifacts, { question_response_path: join(dir, RESPONSE_FILE) });
        return { responseDir: dir, notificationId, output: renderAnswers(questions, response) };
      }
      if (Date.now() > deadline) {
        throw new SaseError("question.timeout", "no answer arrived before --timeout", {
          hint: `the question stays in the inbox (${notificationId}); ask again later`,
          kind: "unavailable",
        });
      }
      await new Promise((done) => setTimeout(done, POLL_MS));
    }
  } finally {
    for (const [signal, handler] of handlers) Deno.removeSignalListener(signal, handler);
    removeMarker();
  }
}
