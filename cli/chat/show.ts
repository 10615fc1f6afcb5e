/**
 * `sase chat show`: one transcript, raw, as its resume history, its reply,
 * or JSON.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { SaseError, usageError } from "../../core/errors.ts";
import { readChat } from "../../core/agent/identity/chat_read.ts";
import { resolveChatRef, resolveChatTarget } from "../../core/agent/records/chats.ts";
import { chatDocumentWire } from "../../core/agent/wire.ts";
import { forTerminal } from "../shared/agent_text.ts";
import { printJson } from "../shared/output.ts";

/** Write transcript text: exact bytes into a pipe, control characters neutralised on a terminal. */
function write(text: string): void {
  const shown = forTerminal(text);
  Deno.stdout.writeSync(new TextEncoder().encode(shown.endsWith("\n") ? shown : `${shown}\n`));
}

/** The transcript exactly one of TARGET, `--agent`, `--path` and `--basename` names. */
async function pickTranscript(
  app: AppContext,
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
  return target !== undefined
    ? await resolveChatTarget(app.env, target, app.cwd)
    : await resolveChatRef(app.env, selector, app.cwd);
}

/** Run `sase chat show`. */
export async function runShow(
  app: AppContext,
  target: string | undefined,
  options: {
    agent?: string;
    path?: string;
    basename?: string;
    format: "raw" | "resume" | "response";
    json?: boolean;
  },
): Promise<void> {
  const path = await pickTranscript(app, target, options);
  const chat = await readChat(app.env, path, { resume: options.format === "resume" });
  if (options.json) return printJson(chatDocumentWire(chat));
  if (options.format === "raw") {
    Deno.stdout.writeSync(new TextEncoder().encode(forTerminal(chat.body)));
  } else if (options.format === "resume") write(chat.resumeHistory ?? "");
  else if (chat.response) write(chat.response);
  else {
    throw new SaseError("chat.no_response", `no response section in ${path}`, {
      kind: "not-found",
    });
  }
}
