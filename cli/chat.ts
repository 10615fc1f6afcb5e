/**
 * `sase chat`: list saved chat transcripts and show one by agent name,
 * basename or path (handbook 24.6.47). Bare `sase chat` runs `list`. Each
 * command's body loads when it runs.
 *
 * @module
 */

import { type Command, Option } from "@commander-js/extra-typings";
import type { AppContext } from "../core/context.ts";
import { JSON_FLAG, JSON_HELP } from "./shared/output.ts";
import { nonNegativeInt } from "./shared/options.ts";
import { importOnDemand } from "../core/on_demand.ts";

function addList(group: Command, app: AppContext): void {
  group
    .command("list")
    .description("List recent chat transcripts, newest first")
    .option(JSON_FLAG, JSON_HELP)
    .option("-l, --limit <n>", "show at most N transcripts", nonNegativeInt("--limit"))
    .option("-q, --query <text>", "only transcripts whose path or text contains TEXT")
    .option("-a, --agent <name>", "only transcripts of this agent name")
    .option("-p, --project <project>", "only transcripts of this project (file-name prefix)")
    .action(async (options) =>
      (await importOnDemand<typeof import("./shared/chat_list.ts")>(
        "./shared/chat_list.ts",
        import.meta.url,
      )).printChatList(app.env, options)
    );
}

function addShow(group: Command, app: AppContext): void {
  group
    .command("show")
    .description("Show one chat transcript by agent name, basename or path")
    .argument("[target]", "agent name, transcript basename or path")
    .option("-n, --agent <name>", "the transcript of this agent")
    .option("-p, --path <path>", "the transcript at this path")
    .option("-b, --basename <basename>", "the transcript with this file name (no directory)")
    .addOption(
      new Option("-f, --format <format>", "raw transcript, sanitized resume history, or reply")
        .choices(["raw", "resume", "response"] as const)
        .default("raw" as const),
    )
    .option(JSON_FLAG, "print metadata and body as JSON")
    .action(async (target, options) =>
      (await importOnDemand<typeof import("./chat/show.ts")>("./chat/show.ts", import.meta.url))
        .runShow(app, target, options)
    );
}

/** Register `sase chat` and its subcommands. */
export function register(program: Command, app: AppContext): void {
  const group = program
    .command("chat")
    .description("Chat transcripts: list recent ones and show one");
  addList(group, app);
  addShow(group, app);
}
