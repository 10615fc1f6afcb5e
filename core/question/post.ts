/**
 * Posting a question's `UserQuestion` notification (sender `question`,
 * `action_data.response_dir`), the step of `sase questions` that writes
 * `SASE_HOME`. A jailed agent's `sase questions notify <dir>` reaches here
 * through its runner's broker; the directory must hold a question request
 * and, for an agent, lie inside its own run directory.
 *
 * @module
 */

import type { AppContext } from "../context.ts";
import { notificationsPath } from "../config/paths.ts";
import { SaseError } from "../errors.ts";
import { READ_LIMITS, readTextBounded } from "../fs/bounded_read.ts";
import { join, resolve } from "../fs/path.ts";
import { createNotification } from "../notify/create.ts";
import { parseQuestions, REQUEST_FILE } from "./model.ts";

async function real(path: string): Promise<string | null> {
  return await Deno.realPath(path).catch(() => null);
}

/** Post the notification for the question in `responseDir`; resolves to its id. */
export async function postQuestion(app: AppContext, responseDir: string): Promise<string> {
  const dir = await real(resolve(app.cwd, responseDir));
  const refuse = (why: string) =>
    new SaseError("question.post", `cannot post the question in ${responseDir}: ${why}`, {
      kind: "invalid-input",
    });
  if (!dir) throw refuse("no such directory");
  const artifacts = app.env.SASE_ARTIFACTS_DIR ? await real(app.env.SASE_ARTIFACTS_DIR) : null;
  if (artifacts && !dir.startsWith(artifacts + "/")) {
    throw refuse("it is outside the run's directory");
  }
  let text: string;
  try {
    text = await readTextBounded(join(dir, REQUEST_FILE), READ_LIMITS.record);
  } catch {
    throw refuse(`it has no readable ${REQUEST_FILE}`);
  }
  const request = JSON.parse(text) as Record<string, unknown>;
  const questions = parseQuestions(JSON.stringify(request));
  const agent = typeof request.agent_name === "string" ? request.agent_name : null;
  const notes = questions.map((q, i) => `Q${i + 1}: ${q.question}`);
  const record = await createNotification(notificationsPath(app.env), {
    sender: "question",
    notes: [agent ? `${agent} asks:` : "An agent asks:", ...notes],
    files: [join(dir, REQUEST_FILE)],
    action: "UserQuestion",
    action_data: {
      response_dir: dir,
      ...(agent ? { agent_name: agent } : {}),
      ...(typeof request.session_id === "string" ? { session_id: request.session_id } : {}),
    },
  }, { now: app.now() });
  return record.id;
}
