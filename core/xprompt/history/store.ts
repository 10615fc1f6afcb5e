/**
 * Reading and writing the prompt history store.
 *
 * Writers take the store's file lock, re-read, change and write the whole
 * file through temp + rename, so concurrent recorders never lose an entry.
 * Readers never lock. A corrupt store is reported, never rewritten.
 *
 * @module
 */

import { join } from "../../fs/path.ts";
import { SaseError } from "../../errors.ts";
import { atomicWriteJson } from "../../fs/atomic_write.ts";
import { withFileLock } from "../../fs/lock.ts";
import { type Env, processEnv, saseHome } from "../../config/paths.ts";
import {
  isRecordable,
  type PromptEntry,
  PromptEntrySchema,
  promptHash,
  promptId,
} from "./model.ts";
import { saseTimestamp } from "../../time.ts";
import { plural } from "../../text/plural.ts";
import { READ_LIMITS, readTextBounded } from "../../fs/bounded_read.ts";

/** Path of the store. */
export function promptHistoryPath(env: Env = processEnv()): string {
  return join(saseHome(env), "prompt_history.json");
}

/** What reading the store found. */
export interface HistoryRead {
  path: string;
  exists: boolean;
  entries: PromptEntry[];
  /** Why the file could not be used (then `entries` is empty). */
  corrupt?: string;
  /** Entries skipped because they did not match the schema. */
  invalid: number;
  sizeBytes: number;
}

/** Read the store (no lock). */
export async function readHistory(path: string): Promise<HistoryRead> {
  let text: string;
  try {
    text = await readTextBounded(path, READ_LIMITS.store);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      return { path, exists: false, entries: [], invalid: 0, sizeBytes: 0 };
    }
    throw error;
  }
  const sizeBytes = new TextEncoder().encode(text).length;
  const corrupt = (reason: string): HistoryRead => ({
    path,
    exists: true,
    entries: [],
    invalid: 0,
    sizeBytes,
    corrupt: `${path}: ${reason}`,
  });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return corrupt(`invalid JSON: ${(error as Error).message}`);
  }
  const prompts = (data as { prompts?: unknown })?.prompts;
  if (!Array.isArray(prompts)) return corrupt("missing 'prompts' list");
  const entries: PromptEntry[] = [];
  let invalid = 0;
  for (const raw of prompts) {
    const parsed = PromptEntrySchema.safeParse(raw);
    if (parsed.success) entries.push(parsed.data);
    else invalid++;
  }
  return { path, exists: true, entries, invalid, sizeBytes };
}

/** Apply `change` to the entries under the lock; refuses a corrupt store. */
export async function mutateHistory<T>(
  path: string,
  change: (entries: PromptEntry[]) => { entries: PromptEntry[]; result: T },
): Promise<T> {
  await Deno.mkdir(join(path, ".."), { recursive: true });
  return await withFileLock(path, async () => {
    const current = await readHistory(path);
    if (current.corrupt) {
      throw new SaseError("prompt.corrupt_store", current.corrupt, {
        hint: "the store is left untouched; run `sase prompt doctor`, then fix or move the file",
        kind: "invalid-data",
      });
    }
    const { entries, result } = change(current.entries);
    await atomicWriteJson(path, { prompts: entries });
    return result;
  });
}

/** Options for {@linkcode recordPrompt}. */
export interface RecordOptions {
  cancelled?: boolean;
  workspace?: string;
  branchOrWorkspace?: string;
  now?: Date;
}

/** Record a submitted (or cancelled) prompt; returns its id, or undefined when not stored. */
export async function recordPrompt(
  path: string,
  text: string,
  options: RecordOptions = {},
): Promise<string | undefined> {
  if (!isRecordable(text)) return undefined;
  const stamp = saseTimestamp(options.now);
  const cancelled = options.cancelled ?? false;
  return await mutateHistory(path, (entries) => {
    const existing = entries.find((entry) => entry.text === text);
    if (existing) {
      existing.last_used = stamp;
      existing.use_count += 1;
      existing.cancelled = existing.cancelled && cancelled;
    } else {
      entries.push({
        text,
        timestamp: stamp,
        last_used: stamp,
        branch_or_workspace: options.branchOrWorkspace ?? "unknown",
        workspace: options.workspace ?? "unknown",
        cancelled,
        use_count: 1,
      });
    }
    return { entries, result: promptId(text) };
  });
}

/** Entries matching a selector: `ph_<hex>`, a bare hex prefix, or `sha256:<full>`. */
export function matchSelector(entries: readonly PromptEntry[], selector: string): PromptEntry[] {
  const wanted = selector.trim().toLowerCase();
  if (wanted.startsWith("sha256:")) {
    return entries.filter((entry) => promptHash(entry.text) === wanted.slice(7));
  }
  const prefix = wanted.startsWith("ph_") ? wanted.slice(3) : wanted;
  if (!/^[0-9a-f]+$/.test(prefix)) return [];
  return entries.filter((entry) => promptHash(entry.text).startsWith(prefix));
}

/** Exactly one entry for `selector`, or a clear error (not found / ambiguous). */
export function resolveSelector(entries: readonly PromptEntry[], selector: string): PromptEntry {
  const matches = matchSelector(entries, selector);
  if (matches.length === 1) return matches[0];
  if (matches.length === 0) {
    throw new SaseError("prompt.not_found", `no prompt matches '${selector}'`, {
      hint: "run `sase prompt list -a` to see ids",
      kind: "not-found",
    });
  }
  throw new SaseError(
    "prompt.ambiguous",
    `'${selector}' matches ${plural(matches.length, "prompt")}: ${
      matches.map((e) => promptId(e.text)).join(", ")
    }`,
    { hint: "use a longer id prefix", kind: "conflict" },
  );
}

/** Newest first by last use. */
export function sortNewestFirst(entries: readonly PromptEntry[]): PromptEntry[] {
  return [...entries].sort((
    a,
    b,
  ) => (a.last_used < b.last_used ? 1 : a.last_used > b.last_used ? -1 : 0));
}
