/**
 * `sase run [PROMPT]`: run one agent in the foreground. The prompt comes
 * from the argument or stdin; the reply streams to stdout while the run's
 * artifacts are written; the exit code is the agent's outcome (0 completed,
 * 1 failed).
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import { loadConfig } from "../core/config/load.ts";
import { processEnv } from "../core/config/paths.ts";
import { SaseError, usageError } from "../core/errors.ts";
import { parseInterimDirectives } from "../core/agent/interim_directives.ts";
import { runAgent } from "../core/agent/run.ts";
import { createProviderRegistry } from "../providers/llm/registry.ts";
import { style } from "./output.ts";

async function readPrompt(argument: string | undefined): Promise<string> {
  if (argument !== undefined) return argument;
  if (Deno.stdin.isTerminal()) {
    throw usageError("no prompt given", "pass the prompt as an argument or pipe it on stdin");
  }
  return await new Response(Deno.stdin.readable).text();
}

const encoder = new TextEncoder();

function writeOut(text: string): void {
  const bytes = encoder.encode(text);
  let written = 0;
  while (written < bytes.length) written += Deno.stdout.writeSync(bytes.subarray(written));
}

/** Register `sase run`. */
export function register(program: Command): void {
  program
    .command("run")
    .description("Run an agent on a prompt in the foreground and record its artifacts")
    .argument("[prompt]", "the prompt (default: read from stdin); may start with %model:<value>")
    .addHelpText(
      "after",
      "\nTry it offline: sase run '%model:fakey/reply Hello'  (scenarios: reply, tools, edit," +
        " question, plan, fail, retryable, slow, hang, noresult)",
    )
    .action(async (argument) => {
      const text = await readPrompt(argument);
      const { model, prompt } = parseInterimDirectives(text);
      if (prompt.trim() === "") throw usageError("the prompt is empty");
      const env = processEnv();
      const cwd = Deno.cwd();
      const { config } = await loadConfig({ env, cwd });
      let wrote = false;
      const result = await runAgent({ prompt, rawPrompt: text, model }, {
        providers: createProviderRegistry(),
        config,
        env,
        cwd,
        echo(chunk) {
          wrote = true;
          writeOut(chunk);
        },
        warn: (message) => console.error(style("yellow", `warning: ${message}`)),
      });
      if (wrote) writeOut("\n");
      if (result.outcome === "failed") {
        throw new SaseError("run.failed", `agent ${result.name} failed: ${result.error}`, {
          hint: `artifacts: ${result.dir}`,
        });
      }
      console.error(style("dim", `agent ${result.name} completed; artifacts: ${result.dir}`));
    });
}
