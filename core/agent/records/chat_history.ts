/**
 * Reading chat transcripts (handbook 21.24) back: the header metadata, the
 * optional `## Previous Conversation` section, the prompt and the response,
 * and the flattened `**User:**` / `**Assistant:**` turn format that resume
 * history uses (the same text `transcript.ts` embeds in a later transcript).
 *
 * Pure text functions; reading files is the caller's business.
 *
 * @module
 */

/** What a chat transcript says about itself. */
export interface ChatMeta {
  workflow?: string;
  /** The header's `(<agent type>)`. */
  agentType?: string;
  /** `**Timestamp**`, as displayed. */
  displayTimestamp?: string;
  /** `**MODEL**` (`provider/model`, or one of them). */
  model?: string;
  /** `**AGENT**`, the agent name. */
  agent?: string;
}

/** A parsed chat transcript. */
export interface ChatDocument {
  meta: ChatMeta;
  /** The flattened history the run resumed from, when it was a fork. */
  previousConversation?: string;
  /** Absent when the file has no `## Prompt` section (not a sase transcript). */
  prompt?: string;
  response?: string;
}

/** One prompt and the reply to it. */
export interface ChatTurn {
  prompt: string;
  response: string;
}

const HEADER = /^#\s+Chat History\s*-\s*(.+?)(?:\s+\(([^)]+)\))?\s*$/m;
const PREVIOUS = /^#{1,6}[ \t]+Previous Conversations?[ \t]*$/m;
const PROMPT = /^#{1,6}[ \t]+Prompt[ \t]*$/m;
const RESPONSE = /^#{1,6}[ \t]+Response[ \t]*$/m;
// chatBody closes the previous-conversation section with `---` right before
// `## Prompt`; matching that pair keeps a `## Prompt` quoted inside the
// history from ending the section early.
const PREVIOUS_END = /\n---[ \t]*\n+#{1,6}[ \t]+Prompt[ \t]*$/m;

function metaField(head: string, label: string): string | undefined {
  const match = new RegExp(String.raw`^\*\*${label}\*\*[ \t]+(.+?)[ \t]*$`, "m").exec(head);
  return match?.[1];
}

function searchFrom(pattern: RegExp, text: string, from: number): RegExpExecArray | undefined {
  const match = pattern.exec(text.slice(from));
  if (!match) return undefined;
  match.index += from;
  return match;
}

/** Parse a chat transcript's text. */
export function parseChatDocument(content: string): ChatDocument {
  const text = content.replace(/\r\n/g, "\n");
  const firstSection = /^#+[ \t]+(?!Chat History)/m.exec(text)?.index ?? text.length;
  const head = text.slice(0, firstSection);
  const header = HEADER.exec(head);
  const meta: ChatMeta = {};
  if (header) {
    meta.workflow = header[1].trim();
    if (header[2]) meta.agentType = header[2].trim();
  }
  const displayTimestamp = metaField(head, "Timestamp");
  const model = metaField(head, "MODEL");
  const agent = metaField(head, "AGENT");
  if (displayTimestamp) meta.displayTimestamp = displayTimestamp;
  if (model) meta.model = model;
  if (agent) meta.agent = agent;

  const document: ChatDocument = { meta };
  let cursor = 0;
  const previous = PREVIOUS.exec(text);
  if (previous) {
    const bodyStart = previous.index + previous[0].length;
    const end = searchFrom(PREVIOUS_END, text, bodyStart);
    const bodyEnd = end ? end.index : searchFrom(PROMPT, text, bodyStart)?.index ?? text.length;
    const body = text.slice(bodyStart, bodyEnd).replace(/\n---\s*$/, "").trim();
    if (body) document.previousConversation = body;
    cursor = end ? end.index + 1 : bodyEnd;
  }
  const prompt = searchFrom(PROMPT, text, cursor);
  if (!prompt) return document;
  const promptStart = prompt.index + prompt[0].length;
  const response = searchFrom(RESPONSE, text, promptStart);
  document.prompt = text.slice(promptStart, response?.index ?? text.length).trim();
  document.response = response
    ? text.slice(response.index + response[0].length).replace(/\n---\s*$/, "").trim()
    : "";
  return document;
}

// A multi-source history heads each source's turns with this line.
const SOURCE_HEADING = /\n+#{1,6}[ \t]+Conversation \d+ of \d+\b[^\n]*\s*$/;

/** Split flattened history text back into turns. */
export function parseFlatTurns(text: string): ChatTurn[] {
  const turns: ChatTurn[] = [];
  for (const chunk of text.split(/\*\*User:\*\*[ \t]*/).slice(1)) {
    const split = /\*\*Assistant:\*\*[ \t]*/.exec(chunk);
    if (!split) continue;
    const response = chunk.slice(split.index + split[0].length)
      .replace(SOURCE_HEADING, "")
      .replace(/\n---\s*$/, "")
      .trim();
    turns.push({ prompt: chunk.slice(0, split.index).trim(), response });
  }
  return turns;
}

/** Render turns in the flattened resume format. */
export function formatFlatTurns(turns: readonly ChatTurn[]): string {
  return turns
    .map((turn) => `**User:**\n\n${turn.prompt}\n\n**Assistant:**\n\n${turn.response}`)
    .join("\n\n---\n\n");
}

/** A one-line, whitespace-collapsed excerpt of `text` (at most `max` characters). */
export function snippet(text: string | undefined, max: number): string | undefined {
  const flat = text?.replace(/\s+/g, " ").trim();
  if (!flat) return undefined;
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}
