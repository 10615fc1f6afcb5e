/**
 * Text a finished run leaves behind, as pure formatting: the chat-history
 * file name and body (handbook 21.24) and the `sase.md` log entry (21.23.3).
 *
 * @module
 */

/** What a chat transcript records. */
export interface ChatInput {
  /** Branch or workspace name (file-name prefix). */
  branchOrWorkspace: string;
  workflow: string;
  /** Agent type; omitted from the file name when equal to the workflow. */
  agentType: string;
  /** `YYmmdd_HHMMSS`. */
  timestamp: string;
  displayTimestamp: string;
  provider?: string;
  model?: string;
  agentName?: string;
  previousConversation?: string;
  prompt: string;
  response: string;
}

function normalize(part: string): string {
  return part.replace(/[-/]/g, "_");
}

/** `<branch_or_workspace>--<workflow>--[<agent>--]<timestamp>.md` */
export function chatFileName(
  input: Pick<ChatInput, "branchOrWorkspace" | "workflow" | "agentType" | "timestamp">,
): string {
  const workflow = normalize(input.workflow);
  const agent = normalize(input.agentType);
  const parts = [normalize(input.branchOrWorkspace), workflow];
  if (agent !== workflow) parts.push(agent);
  parts.push(input.timestamp);
  return `${parts.join("--")}.md`;
}

/** `provider/model`, without doubling a prefix the model already has. */
export function modelLabel(provider?: string, model?: string): string | undefined {
  if (provider && model) return model.startsWith(`${provider}/`) ? model : `${provider}/${model}`;
  return model ?? provider;
}

/** The chat-history file body. */
export function chatBody(input: ChatInput): string {
  const lines = [
    `# Chat History - ${input.workflow} (${input.agentType})`,
    "",
    `**Timestamp** ${input.displayTimestamp}`,
    "",
  ];
  const model = modelLabel(input.provider, input.model);
  if (model) lines.push(`**MODEL** ${model}`, "");
  if (input.agentName) lines.push(`**AGENT** ${input.agentName}`, "");
  if (input.previousConversation) {
    lines.push("## Previous Conversation", "", input.previousConversation.trim(), "", "---", "");
  }
  lines.push(
    "## Prompt",
    "",
    input.prompt.trim(),
    "",
    "## Response",
    "",
    input.response.trim(),
    "",
  );
  return lines.join("\n");
}

function fenced(text: string): string {
  let fence = "```";
  while (text.includes(fence)) fence += "`";
  return `${fence}\n${text.trim()}\n${fence}`;
}

/** One `sase.md` entry. */
export function logEntry(input: {
  displayTimestamp: string;
  agentType: string;
  iteration?: number;
  tag?: string;
  prompt: string;
  response: string;
}): string {
  const heading = [input.displayTimestamp, input.agentType];
  if (input.iteration !== undefined) heading.push(`iteration ${input.iteration}`);
  if (input.tag) heading.push(`tag ${input.tag}`);
  return [
    `## ${heading.join(" - ")}`,
    "",
    "### PROMPT:",
    "",
    fenced(input.prompt),
    "",
    "### RESPONSE:",
    "",
    fenced(input.response),
    "",
    "---",
    "",
  ].join("\n");
}

/** `YYYY-MM-DD HH:MM:SS` in local time. */
export function displayTimestamp(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
