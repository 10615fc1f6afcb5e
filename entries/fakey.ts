/**
 * `sase __fakey` (hidden): the scripted fake agent behind the `fakey`
 * provider. Reads the prompt on stdin and writes Claude-format stream-json.
 *
 * @module
 */

import { readStdinBounded } from "../core/fs/bounded_read.ts";
import { runFakey } from "../providers/llm/fakey_agent/run.ts";

/** The options fakey reads; anything else a provider passes is ignored, as Claude would. */
interface FakeyArgs {
  model: string;
  sessionId?: string;
  script?: string;
}

/** Parse `--model X`, `--session-id X`, `--script X` (also `--flag=X`); other words are ignored. */
export function parseFakeyArgs(args: readonly string[]): FakeyArgs {
  const parsed: FakeyArgs = { model: "reply" };
  const keys: Record<string, keyof FakeyArgs> = {
    "--model": "model",
    "--session-id": "sessionId",
    "--script": "script",
  };
  for (let at = 0; at < args.length; at++) {
    const [flag, inline] = args[at].split(/=(.*)/s, 2);
    const key = keys[flag];
    if (!key) continue;
    const value = inline ?? args[++at];
    if (value !== undefined) parsed[key] = value;
  }
  return parsed;
}

async function readStdin(): Promise<string> {
  return Deno.stdin.isTerminal() ? "" : await readStdinBounded();
}

/** Run `sase __fakey ARGS`: play a scenario for the prompt on stdin; resolves to the exit code. */
export async function main(args: readonly string[]): Promise<number> {
  const options = parseFakeyArgs(args);
  return await runFakey({
    model: options.model,
    sessionId: options.sessionId,
    scriptPath: options.script,
    cwd: Deno.cwd(),
    env: Deno.env.toObject(),
  }, await readStdin());
}
