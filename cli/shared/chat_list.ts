/**
 * The chat transcript listing, shared by `sase chat list` and `sase run -l`.
 *
 * @module
 */

import type { Env } from "../../core/config/paths.ts";
import {
  type ChatInfo,
  type ChatListOptions,
  listChatFiles,
} from "../../core/agent/records/chats.ts";
import { chatInfoWire } from "../../core/agent/wire.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";
import { formatTable, printJson, style } from "./output.ts";
import { formatTime, truncate } from "./agent_text.ts";

const PROMPT_WIDTH = 60;

/** Print chat transcripts, newest first: a table, or JSON with `json`. */
export async function printChatList(
  env: Env,
  options: ChatListOptions & { json?: boolean },
): Promise<void> {
  const rows = await listChatFiles(env, options);
  if (options.json) printJson(rows.map(chatInfoWire));
  else printTable(rows);
}

function printTable(rows: readonly ChatInfo[]): void {
  console.log(style("bold", `Chat transcripts (${rows.length})`));
  if (rows.length === 0) {
    console.log("No chat transcripts found.");
    return;
  }
  console.log(formatTable(
    ["MODIFIED", "AGENT", "BASENAME", "PROMPT"],
    rows.map((row) => [
      formatTime(row.mtime),
      truncate(row.agent, PROMPT_WIDTH),
      neutralizeControls(row.basename, { keepLayout: false }),
      truncate(row.promptSnippet, PROMPT_WIDTH),
    ]),
  ));
}
