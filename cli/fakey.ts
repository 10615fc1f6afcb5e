/**
 * `sase __fakey` (hidden): the scripted fake agent behind the `fakey`
 * provider. Reads the prompt on stdin and writes Claude-format stream-json.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import { runFakey } from "../providers/llm/fakey_agent/run.ts";

async function readStdin(): Promise<string> {
  if (Deno.stdin.isTerminal()) return "";
  return await new Response(Deno.stdin.readable).text();
}

/** Register `sase __fakey`. */
export function register(program: Command): void {
  program
    .command("__fakey", { hidden: true })
    .description("scripted fake agent speaking Claude's stream-json (for tests and offline use)")
    .option("--model <scenario>", "built-in scenario to play", "reply")
    .option("--session-id <id>", "session id to report")
    .option("--script <file>", "JSON/YAML script to play (else $SASE_FAKEY_SCRIPT)")
    .allowUnknownOption(true)
    .allowExcessArguments(true)
    .action(async (options) => {
      const prompt = await readStdin();
      Deno.exitCode = await runFakey({
        model: options.model,
        sessionId: options.sessionId,
        scriptPath: options.script,
        cwd: Deno.cwd(),
        env: Deno.env.toObject(),
      }, prompt);
    });
}
