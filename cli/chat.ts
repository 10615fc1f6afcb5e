/**
 * `sase chat`: list saved chat transcripts and show one by agent name,
 * basename or path (handbook 24.6.47). Bare `sase chat` runs `list`.
 *
 * @module
 */

import { type Command, Option } from "@commander-js/extra-typings";
import { processEnv } from "../core/config/paths.ts";
import { SaseError, usageError } from "../core/errors.ts";
import { parseChatDocument } from "../core/agent/records/chat_history.ts";
import { chatInfo, resolveChatRef, resolveChatTarget } from "../core/agent/records/chats.ts";
import { resumeHistory } from "../core/agent/identity/fork.ts";
import { JSON_FLAG, JSON_HELP, printJson } from "./shared/output.ts";
import { forTerminal } from "./shared/agent_text.ts";
import { printChatList } from "./shared/chat_list.ts";

function parseLimit(value: string): number {
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 0) {
    throw usageError(`--limit must be a non-negative integer, got '${value}'`);
  }
  return limit;
}

function addList(group: Command): void {
  group
    .command("list")
    .description("List recent chat transcripts, newest first")
    .option(JSON_FLAG, JSON_HELP)
    .option("-l, --limit <n>", "show at most N transcripts", parseLimit)
    .option("-q, --query <text>", "only transcripts whose path or text contains TEXT")
    .option("-a, --agent <name>", "only transcripts of this agent name")
    .option("-p, --project <project>", "only transcripts of this project (file-name prefix)")
    .action((options) => printChatList(processEnv(), options));
}

/** Write transcript text: exact bytes into a pipe, control characters neutralised on a terminal. */
function write(text: string): void {
  const shown = forTerminal(text);
  Deno.stdout.writeSync(new TextEncoder().encode(shown.endsWith("\n") ? shown : `${shown}\n`));
}

async function pickTranscript(
  target: string | undefined,
  selector: { agent?: string; path?: string; basename?: string },
): Promise<string> {
  const given = [target, selector.agent, selector.path, selector.basename].filter((value) =>
    value !== undefined
  );
  if (given.length === 0) {
    throw usageError(
      "which transcript? pass an agent name, a basename or a path",
      "list transcripts with `sase chat list`",
    );
  }
  if (given.length > 1) {
    throw usageError("give only one of TARGET, --agent, --path and --basename");
  }
  const env = processEnv();
  return target !== undefined
    ? await resolveChatTarget(env, target)
    : await resolveChatRef(env, selector);
}

function addShow(group: Command): void {
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
    .action(async (target, options) => {
      const path = await pickTranscript(target, options);
      let body: string;
      try {
        body = await Deno.readTextFile(path);
      } catch (error) {
        throw new SaseError("chat.missing", `cannot read chat transcript ${path}`, {
          cause: error,
        });
      }
      const resume = options.format === "resume" ? await resumeHistory(path, processEnv()) : "";
      const document = parseChatDocument(body);
      if (options.json) {
        printJson({
          schema_version: 1,
          ...chatInfo(path, await Deno.stat(path), body),
          previous_conversation: document.previousConversation ?? null,
          prompt: document.prompt ?? null,
          response: document.response ?? null,
          body,
          ...(options.format === "resume" ? { resume_history: resume } : {}),
        });
        return;
      }
      if (options.format === "raw") {
        Deno.stdout.writeSync(new TextEncoder().encode(forTerminal(body)));
      } else if (options.format === "resume") write(resume);
      else if (document.response) write(document.response);
      else throw new SaseError("chat.no_response", `no response section in ${path}`);
    });
}

/** Register `sase chat` and its subcommands. */
export function register(program: Command): void {
  const group = program
    .command("chat")
    .description("Chat transcripts: list recent ones and show one");
  addList(group);
  addShow(group);
}
