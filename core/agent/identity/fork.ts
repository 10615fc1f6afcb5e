/**
 * `#fork` / `#fork_by_chat` (and legacy `#resume` / `#resume_by_chat`),
 * resolved right before an agent launches, after any `%wait`, so the source
 * agent has finished and left its transcript (handbook 21.24.3).
 *
 * The references leave the prompt; the transcripts they name become the
 * previous-conversation text: flattened `**User:**` / `**Assistant:**` turns
 * with the user prompts sanitized (`resume_sanitize.ts`). Forks inside a
 * loaded transcript expand recursively; a transcript already on the current
 * chain is skipped, so histories that reference each other terminate.
 *
 * @module
 */

import { resolve } from "../../fs/path.ts";
import type { Env } from "../../config/paths.ts";
import { SaseError, usageError } from "../../errors.ts";
import {
  extractForkRefs,
  findForkRefs,
  type ForkRef,
  forkRefText,
} from "../../xprompt/fork_refs.ts";
import {
  type ChatTurn,
  formatFlatTurns,
  parseChatDocument,
  parseFlatTurns,
} from "../records/chat_history.ts";
import { chatPathForAgent, looksLikeChatFile, resolveChatFile } from "../records/chats.ts";
import { sanitizeResumePrompt } from "./resume_sanitize.ts";
import { READ_LIMITS, readTextBounded } from "../../fs/bounded_read.ts";

/** A transcript a launch forks from. */
export interface ForkSource {
  /** The agent, for `#fork:<name>`. */
  name?: string;
  chatPath: string;
}

/** A prompt with its fork references resolved. */
export interface ForkResolution {
  /** The prompt without fork references. */
  prompt: string;
  /** The history to resume from (absent when the prompt forks nothing). */
  previousConversation?: string;
  forkedFrom: ForkSource[];
}

async function canonical(path: string): Promise<string> {
  try {
    return await Deno.realPath(path);
  } catch {
    return resolve(path);
  }
}

async function sourceOf(env: Env, ref: ForkRef, target: string): Promise<ForkSource> {
  if (ref.kind === "chat") return { chatPath: await resolveChatFile(env, target) };
  return { name: target, chatPath: await chatPathForAgent(env, target) };
}

async function readTranscript(path: string): Promise<string> {
  try {
    return await readTextBounded(path, READ_LIMITS.document);
  } catch (error) {
    throw new SaseError("chat.missing", `cannot read chat transcript ${path}`, {
      hint: "it was moved or deleted; see `sase chat list`",
      cause: error,
      kind: "not-found",
    });
  }
}

/** The turns of one transcript, nested forks first; `chain` holds the paths being expanded. */
async function transcriptTurns(
  env: Env,
  path: string,
  chain: readonly string[],
): Promise<ChatTurn[]> {
  const document = parseChatDocument(await readTranscript(path));
  const previous = document.previousConversation
    ? parseFlatTurns(document.previousConversation)
    : [];
  if (document.prompt === undefined) {
    return previous.length ? previous : [{ prompt: "", response: document.response ?? "" }];
  }
  const { text: prompt, refs } = extractForkRefs(document.prompt);
  const nested: ChatTurn[] = [];
  let unresolved = false;
  for (const ref of refs) {
    for (const target of ref.targets) {
      let source: ForkSource;
      try {
        source = await sourceOf(env, ref, target);
      } catch (error) {
        // An old transcript may name an agent since wiped: its own embedded
        // history (below) still carries the conversation.
        if (!(error instanceof SaseError)) throw error;
        unresolved = true;
        continue;
      }
      const key = await canonical(source.chatPath);
      if (chain.includes(key)) continue;
      nested.push(...await transcriptTurns(env, key, [...chain, key]));
    }
  }
  const earlier = refs.length === 0 || unresolved ? previous : nested;
  return [...earlier, { prompt, response: document.response ?? "" }];
}

function renderTurns(turns: readonly ChatTurn[]): string {
  return formatFlatTurns(
    turns.map((turn) => ({ prompt: sanitizeResumePrompt(turn.prompt), response: turn.response })),
  );
}

/**
 * The resume history of one transcript: its turns (recursively expanded
 * forks included) with sanitized prompts, flattened.
 */
export async function resumeHistory(chatPath: string, env: Env): Promise<string> {
  const key = await canonical(chatPath);
  return renderTurns(await transcriptTurns(env, key, [key]));
}

function sourceLabel(source: ForkSource): string {
  return source.name ? `agent \`${source.name}\`` : `chat \`${source.chatPath}\``;
}

/**
 * Remove the fork references from `prompt` and build the history they name.
 * Errors (unknown agent, unfinished agent, missing transcript) are SaseErrors.
 */
export async function resolveForks(prompt: string, env: Env): Promise<ForkResolution> {
  const { text, refs } = extractForkRefs(prompt);
  if (refs.length === 0) return { prompt, forkedFrom: [] };
  const sources: ForkSource[] = [];
  const keys: string[] = [];
  for (const ref of refs) {
    if (ref.targets.length === 0) {
      throw usageError(
        `'${ref.raw}' names nothing to fork from`,
        ref.kind === "chat"
          ? `write #${ref.name}:<chat path or basename>`
          : `write #${ref.name}:<agent name>`,
      );
    }
    for (const target of ref.targets) {
      const source = await sourceOf(env, ref, target);
      const key = await canonical(source.chatPath);
      if (keys.includes(key)) continue;
      keys.push(key);
      sources.push(source);
    }
  }
  const histories = await Promise.all(keys.map(async (key) => {
    return renderTurns(await transcriptTurns(env, key, [key]));
  }));
  if (sources.length === 1) {
    return { prompt: text, previousConversation: histories[0], forkedFrom: sources };
  }
  const count = sources.length;
  const sections = sources.map((source, index) =>
    `### Conversation ${index + 1} of ${count} — ${sourceLabel(source)}\n\n${histories[index]}`
  );
  const previousConversation = [
    `You are forking from ${count} prior conversations. Each section is an independent ` +
    "transcript, in no order of priority; the new query takes precedence over anything " +
    "in them that conflicts with it.",
    ...sections,
  ].join("\n\n---\n\n");
  return { prompt: text, previousConversation, forkedFrom: sources };
}

/** The text the forked agent receives: the history, then the new query. */
export function forkedAgentPrompt(resolution: ForkResolution): string {
  if (!resolution.previousConversation) return resolution.prompt;
  return [
    "# Previous Conversation",
    "",
    resolution.previousConversation.trim(),
    "",
    "---",
    "",
    "# New Query",
    "",
    resolution.prompt.trim(),
  ].join("\n");
}

/**
 * The reference `sase run --resume <value>` prepends: `#fork_by_chat:` for
 * a transcript path or basename, `#fork:` for an agent name.
 */
export function resumeReference(value: string): string {
  const target = value.trim();
  if (!target) {
    throw usageError("--resume needs an agent name, a chat basename or a chat path");
  }
  const existing = findForkRefs(target);
  if (existing.length === 1 && existing[0].raw === target) return target;
  return forkRefText(looksLikeChatFile(target) ? "fork_by_chat" : "fork", [target]);
}
