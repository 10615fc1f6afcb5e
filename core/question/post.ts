/**
 * Posting a question's `UserQuestion` notification (sender `question`,
 * `action_data.response_dir`): the runner does it for its agent once the
 * request is in the question's response directory.
 *
 * @module
 */

import { type Env, notificationsPath } from "../config/paths.ts";
import { join } from "../fs/path.ts";
import { createNotification } from "../notify/create.ts";
import { type Question, REQUEST_FILE } from "./model.ts";

/** Post the notification for `questions`, whose request is in `responseDir`; resolves to its id. */
export async function postQuestion(
  env: Env,
  responseDir: string,
  questions: readonly Question[],
  agentName: string | null,
  now: Date,
): Promise<string> {
  const notes = questions.map((q, i) => `Q${i + 1}: ${q.question}`);
  const record = await createNotification(notificationsPath(env), {
    sender: "question",
    notes: [agentName ? `${agentName} asks:` : "An agent asks:", ...notes],
    files: [join(responseDir, REQUEST_FILE)],
    action: "UserQuestion",
    action_data: { response_dir: responseDir, ...(agentName ? { agent_name: agentName } : {}) },
  }, { now });
  return record.id;
}
