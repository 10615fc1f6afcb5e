/**
 * Reading one chat transcript for `sase chat show` (and, later, ACE's chat
 * view and the gateway): its catalog row, its sections, its text and, when
 * asked, the sanitized history a resumed agent is given.
 *
 * @module
 */

import type { Env } from "../../config/paths.ts";
import { SaseError } from "../../errors.ts";
import { parseChatDocument } from "../records/chat_history.ts";
import { type ChatInfo, chatInfo } from "../records/chats.ts";
import { resumeHistory } from "./fork.ts";

/** A transcript as `sase chat show` shows it. */
export interface ChatDocument {
  info: ChatInfo;
  previousConversation: string | null;
  prompt: string | null;
  response: string | null;
  /** The whole file. */
  body: string;
  /** The sanitized history a resumed agent is given (only when asked for). */
  resumeHistory?: string;
}

/** Read the transcript at `path`; with `resume`, also build its resume history. */
export async function readChat(
  env: Env,
  path: string,
  options: { resume?: boolean } = {},
): Promise<ChatDocument> {
  let body: string;
  try {
    body = await Deno.readTextFile(path);
  } catch (error) {
    throw new SaseError("chat.missing", `cannot read chat transcript ${path}`, {
      cause: error,
      kind: "not-found",
    });
  }
  const resume = options.resume ? await resumeHistory(path, env) : undefined;
  const document = parseChatDocument(body);
  return {
    info: chatInfo(path, await Deno.stat(path), body),
    previousConversation: document.previousConversation ?? null,
    prompt: document.prompt ?? null,
    response: document.response ?? null,
    body,
    ...(resume === undefined ? {} : { resumeHistory: resume }),
  };
}
