/**
 * The chat-history catalog: transcripts under `SASE_HOME/chats/` (monthly
 * `YYYYMM/` shards plus legacy top-level files), listed newest first, and
 * resolved from an agent name, a basename or a path.
 *
 * An agent name resolves through the permanent name registry to its artifact
 * directory, whose `done.json` `response_path` names the transcript; a run
 * that has not finished has none yet.
 *
 * @module
 */

import { basename as baseName, isAbsolute, join, resolve } from "../../fs/path.ts";
import type { Env } from "../../config/paths.ts";
import { homeDir, saseHome } from "../../config/paths.ts";
import { isNotFound, SaseError, usageError } from "../../errors.ts";
import { ARTIFACT_FILES } from "./artifacts.ts";
import { parseChatDocument, snippet } from "./chat_history.ts";
import { nameRegistryPath } from "../identity/naming.ts";
import { readJsonObject } from "../../fs/json_object.ts";
import { isFile } from "../../fs/access.ts";

/** One transcript in the catalog (its wire form, the `sase chat list -j` row, is in `../wire.ts`). */
export interface ChatInfo {
  path: string;
  /** File name without `.md`. */
  basename: string;
  /** Modification time, ISO 8601. */
  mtime: string;
  sizeBytes: number;
  /** The file name's branch/workspace part (the project for `sase run`). */
  project: string | null;
  workflow: string | null;
  agentType: string | null;
  /** The `**AGENT**` name. */
  agent: string | null;
  model: string | null;
  /** `YYmmdd_HHMMSS` from the file name. */
  timestamp: string | null;
  promptSnippet: string | null;
  responseSnippet: string | null;
}

/** Filters for {@linkcode listChatFiles}. */
export interface ChatListOptions {
  /** At most this many rows. */
  limit?: number;
  /** Case-insensitive substring of the path or the transcript's head. */
  query?: string;
  /** Only transcripts of this agent name. */
  agent?: string;
  /** Only transcripts whose file name starts with this branch/workspace/project. */
  project?: string;
}

const HEAD_BYTES = 64 * 1024;
const SNIPPET_CHARS = 140;
const FILE_STAMP = /--(\d{6}_\d{6})$/;

/** `SASE_HOME/chats`. */
export function chatsDir(env: Env): string {
  return join(saseHome(env), "chats");
}

async function markdownFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  try {
    for await (const entry of Deno.readDir(dir)) {
      if (entry.isFile && entry.name.endsWith(".md")) files.push(join(dir, entry.name));
    }
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  return files;
}

async function allChatFiles(env: Env): Promise<string[]> {
  const root = chatsDir(env);
  const files = await markdownFiles(root);
  try {
    for await (const entry of Deno.readDir(root)) {
      if (entry.isDirectory) files.push(...await markdownFiles(join(root, entry.name)));
    }
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  return files;
}

async function readHead(path: string): Promise<string> {
  using file = await Deno.open(path);
  const buffer = new Uint8Array(HEAD_BYTES);
  let filled = 0;
  while (filled < buffer.length) {
    const read = await file.read(buffer.subarray(filled));
    if (read === null) break;
    filled += read;
  }
  return new TextDecoder().decode(buffer.subarray(0, filled));
}

function stem(path: string): string {
  return baseName(path).replace(/\.md$/, "");
}

function projectOf(name: string): string | null {
  const parts = name.split("--");
  return parts.length > 1 ? parts[0] : null;
}

/** Catalog row for one transcript, given its head. */
export function chatInfo(path: string, stat: Deno.FileInfo, head: string): ChatInfo {
  const name = stem(path);
  const document = parseChatDocument(head);
  return {
    path,
    basename: name,
    mtime: (stat.mtime ?? new Date(0)).toISOString(),
    sizeBytes: stat.size,
    project: projectOf(name),
    workflow: document.meta.workflow ?? null,
    agentType: document.meta.agentType ?? null,
    agent: document.meta.agent ?? null,
    model: document.meta.model ?? null,
    timestamp: FILE_STAMP.exec(name)?.[1] ?? null,
    promptSnippet: snippet(document.prompt, SNIPPET_CHARS) ?? null,
    responseSnippet: snippet(document.response, SNIPPET_CHARS) ?? null,
  };
}

/** Chat transcripts, newest first (by modification time), filtered. */
export async function listChatFiles(env: Env, options: ChatListOptions = {}): Promise<ChatInfo[]> {
  const stats = await Promise.all(
    (await allChatFiles(env)).map(async (path) => {
      try {
        return { path, stat: await Deno.stat(path) };
      } catch {
        // Removed while listing.
        return undefined;
      }
    }),
  );
  const entries = stats
    .filter((entry) => entry !== undefined)
    .sort((a, b) =>
      (b.stat.mtime?.getTime() ?? 0) - (a.stat.mtime?.getTime() ?? 0) ||
      stem(b.path).localeCompare(stem(a.path))
    );
  const query = options.query?.toLowerCase();
  const rows: ChatInfo[] = [];
  for (const { path, stat } of entries) {
    if (options.limit !== undefined && rows.length >= options.limit) break;
    if (options.project !== undefined && projectOf(stem(path)) !== options.project) continue;
    let head: string;
    try {
      head = await readHead(path);
    } catch {
      continue;
    }
    if (query && !path.toLowerCase().includes(query) && !head.toLowerCase().includes(query)) {
      continue;
    }
    const info = chatInfo(path, stat, head);
    if (options.agent !== undefined && info.agent !== options.agent) continue;
    rows.push(info);
  }
  return rows;
}

/** The transcript called `name` (with or without `.md`), if there is one. */
export async function findChatByBasename(env: Env, name: string): Promise<string | undefined> {
  const file = name.endsWith(".md") ? name : `${name}.md`;
  const root = chatsDir(env);
  const stamp = FILE_STAMP.exec(stem(file))?.[1];
  const candidates = [
    ...(stamp ? [join(root, `20${stamp.slice(0, 4)}`, file)] : []),
    join(root, file),
  ];
  for (const candidate of candidates) if (await isFile(candidate)) return candidate;
  return (await allChatFiles(env)).find((path) => baseName(path) === file);
}

/** The artifact directory of agent `name`, from the name registry. */
export async function agentArtifactsDir(env: Env, name: string): Promise<string | undefined> {
  const registry = await readJsonObject(nameRegistryPath(env));
  const names = registry?.names;
  if (!names || typeof names !== "object" || !Object.hasOwn(names, name)) return undefined;
  const dir = (names as Record<string, { artifacts_dir?: unknown }>)[name]?.artifacts_dir;
  return typeof dir === "string" && dir ? dir : undefined;
}

function expandHome(env: Env, path: string): string {
  return path === "~" || path.startsWith("~/") ? join(homeDir(env), path.slice(1)) : path;
}

/** The chat transcript of agent `name`; a clear error when it has none. */
export async function chatPathForAgent(env: Env, name: string): Promise<string> {
  const dir = await agentArtifactsDir(env, name);
  if (!dir) {
    throw new SaseError("chat.unknown_agent", `no agent named '${name}'`, {
      hint: "agent names come from %name (or are auto-assigned); see `sase chat list`",
      kind: "not-found",
    });
  }
  const done = await readJsonObject(join(dir, ARTIFACT_FILES.done));
  const meta = done ? undefined : await readJsonObject(join(dir, ARTIFACT_FILES.meta));
  const recorded = done?.response_path ?? meta?.chat_path;
  if (typeof recorded !== "string" || !recorded) {
    throw new SaseError(
      "chat.agent_unfinished",
      `agent '${name}' has no chat transcript yet: it has not finished (${dir})`,
      {
        hint:
          `its transcript appears when it finishes; to fork it, wait first: '%wait:${name} #fork:${name} ...'`,
        kind: "conflict",
      },
    );
  }
  const path = expandHome(env, recorded);
  if (!await isFile(path)) {
    throw new SaseError(
      "chat.missing",
      `the chat transcript of agent '${name}' is missing: ${path}`,
      { hint: `done.json in ${dir} names a file that was moved or deleted`, kind: "not-found" },
    );
  }
  return path;
}

/**
 * Whether `value` names a transcript file (a path, a `.md` name or a
 * `...--YYmmdd_HHMMSS` basename) rather than an agent.
 */
export function looksLikeChatFile(value: string): boolean {
  return value.includes("/") || value.startsWith("~") || value.endsWith(".md") ||
    FILE_STAMP.test(value);
}

/** A transcript given as a path (`~` allowed) or a basename. */
export async function resolveChatFile(env: Env, value: string, cwd = Deno.cwd()): Promise<string> {
  if (value.includes("/") || value.startsWith("~")) {
    const expanded = expandHome(env, value);
    const path = isAbsolute(expanded) ? expanded : resolve(cwd, expanded);
    if (await isFile(path)) return path;
    throw new SaseError("chat.missing", `chat transcript not found: ${path}`, {
      hint: "list transcripts with `sase chat list`",
      kind: "not-found",
    });
  }
  const found = await findChatByBasename(env, value);
  if (found) return found;
  throw new SaseError("chat.not_found", `no chat transcript named '${value}' in ${chatsDir(env)}`, {
    hint: "list transcripts with `sase chat list`",
    kind: "not-found",
  });
}

/** Exactly one selector for {@linkcode resolveChatRef}. */
export interface ChatSelector {
  agent?: string;
  path?: string;
  basename?: string;
}

/** The transcript picked by an explicit selector. */
export async function resolveChatRef(
  env: Env,
  selector: ChatSelector,
  cwd?: string,
): Promise<string> {
  if (selector.agent !== undefined) return await chatPathForAgent(env, selector.agent);
  if (selector.path !== undefined) {
    // A bare file name given as --path means a file in cwd, not a basename lookup.
    const path = selector.path.includes("/") ? selector.path : `./${selector.path}`;
    return await resolveChatFile(env, path, cwd);
  }
  if (selector.basename !== undefined) return await resolveChatFile(env, selector.basename, cwd);
  throw usageError("which transcript? give an agent name, a basename or a path");
}

/** The transcript named by `value`: a path, else an agent name, else a basename. */
export async function resolveChatTarget(env: Env, value: string, cwd?: string): Promise<string> {
  if (value.includes("/") || value.startsWith("~")) return resolveChatFile(env, value, cwd);
  if (await agentArtifactsDir(env, value)) return chatPathForAgent(env, value);
  const found = await findChatByBasename(env, value);
  if (found) return found;
  throw new SaseError(
    "chat.not_found",
    `'${value}' is neither an agent name nor a chat transcript`,
    {
      hint: "list transcripts with `sase chat list`",
      kind: "not-found",
    },
  );
}
