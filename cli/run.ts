/**
 * `sase run [PROMPT]`: launch the agents a prompt describes. The prompt
 * comes from the argument, stdin, `$EDITOR` (`-e`, or no argument on a
 * terminal) or prompt history (`.`); it is expanded through the XPrompt
 * launch plan. One agent without waits runs in the foreground (its reply
 * streams to stdout; the exit code is its outcome); `--daemon`, multi-agent
 * plans and `%wait` launch detached agents that outlive the CLI. Simple
 * invocations skip commander (`run/quick_args.ts`); both paths share
 * `run/action.ts`.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import type { AppContext } from "../core/context.ts";
import { JSON_FLAG, JSON_HELP } from "./shared/output.ts";
import { importOnDemand } from "../core/on_demand.ts";

/** Register `sase run`. */
export function register(program: Command, app: AppContext): void {
  program
    .command("run")
    .description("Launch an agent (or several) from a prompt, xprompt or history")
    .argument(
      "[query]",
      "prompt text, #xprompt or #!workflow reference; '.' picks from history; default: stdin or $EDITOR",
    )
    .option("-d, --daemon", "launch detached background agents, even for a single prompt")
    .option("-e, --edit", "edit the prompt in $EDITOR before launching")
    .option(
      "-r, --resume <agent>",
      "continue a previous conversation (agent name, chat basename or path)",
    )
    .option("-l, --list", "list chat history files (for --resume) and exit")
    .option(JSON_FLAG, JSON_HELP)
    .addHelpText(
      "after",
      [
        "",
        "fakey, the built-in offline agent, plays a scenario: reply, tools, edit, question, plan,",
        "fail, retryable, slow, hang or noresult. A line holding only --- starts the next agent.",
        "",
        "Examples:",
        "  sase run '%model:fakey/reply Hello'   # one agent, offline",
        "  printf '%s\\n' '%n:a %m:fakey/reply one' --- '%n:b %w:a %m:fakey/reply two' | sase run" +
        "   # two agents; b waits for a",
      ].join("\n"),
    )
    .action(async (query, options) => {
      const { runCommand } = await importOnDemand<typeof import("./run/action.ts")>(
        "./run/action.ts",
        import.meta.url,
      );
      await runCommand(app, query, options);
    });
}
