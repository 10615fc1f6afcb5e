/**
 * The prompt history services behind `sase prompt` (and, later, ACE's
 * prompt picker and the gateway): list, find, search, report on, prune,
 * delete, save as an xprompt and export stored prompts. The store is the
 * context's `SASE_HOME/prompt_history.json`.
 *
 * @module
 */

import { join } from "../../fs/path.ts";
import type { AppContext } from "../../context.ts";
import { configDir, type Env, homeDir } from "../../config/paths.ts";
import { SaseError } from "../../errors.ts";
import { exists } from "../../fs/access.ts";
import { atomicWriteTextFile } from "../../fs/atomic_write.ts";
import { requireKnownProject } from "../../workspace/known_project.ts";
import { type PromptEntry, promptId } from "./model.ts";
import { matchesFilter, parseDateBound, slugify } from "./query.ts";
import {
  historyDoctor,
  type HistoryDoctorReport,
  type HistoryStats,
  historyStats,
} from "./report.ts";
import { type SearchHit, type SearchOptions, searchPrompts } from "./search.ts";
import { snapshotPath, snapshotText, xpromptFileText } from "./snapshot.ts";
import {
  mutateHistory,
  promptHistoryPath,
  readHistory,
  resolveSelector,
  sortNewestFirst,
} from "./store.ts";

/** The store's entries; a corrupt store is an error with `hint`. */
async function readableEntries(env: Env, hint: string): Promise<PromptEntry[]> {
  const read = await readHistory(promptHistoryPath(env));
  if (read.corrupt) {
    throw new SaseError("prompt.corrupt_store", read.corrupt, { hint, kind: "invalid-data" });
  }
  return read.entries;
}

/** What a read-only command tells the user to do about a corrupt store. */
const READ_HINT = "run `sase prompt doctor`";

/** What a command that changes the store says when the store is corrupt. */
const CHANGE_HINT = "nothing was changed";

/** Which prompts `sase prompt list` shows. */
export interface PromptListFilter {
  /** Case-insensitive substring of the text. */
  query?: string;
  /** Cancelled prompts: left out (default), the only ones, or included. */
  cancelled?: "only" | "exclude" | "include";
  /** At most this many (0 or absent: all). */
  limit?: number;
}

/** Stored prompts, newest first; a corrupt store is an error. */
export async function listPrompts(
  env: Env,
  filter: PromptListFilter = {},
): Promise<PromptEntry[]> {
  return sortNewestFirst(await readableEntries(env, READ_HINT))
    .filter((entry) => matchesFilter(entry, { query: filter.query, cancelled: filter.cancelled }))
    .slice(0, filter.limit || undefined);
}

/**
 * The one prompt `selector` names (`ph_<hash>`, a hash prefix, or
 * `sha256:<full>`). With `readable`, a corrupt store is an error; otherwise
 * it holds no prompt to find.
 */
export async function findPrompt(
  env: Env,
  selector: string,
  options: { readable?: boolean } = {},
): Promise<PromptEntry> {
  const entries = options.readable
    ? await readableEntries(env, READ_HINT)
    : (await readHistory(promptHistoryPath(env))).entries;
  return resolveSelector(entries, selector);
}

/** What a prompt search found. */
export interface PromptSearch {
  query: string;
  /** Every hit, ranked. */
  hits: SearchHit[];
}

/** The sources `sase prompt search` can read. */
const SEARCH_SOURCES = ["sdd", "local", "all"] as const;

/** A prompt search as typed: the source by name, dates as `parseDateBound` reads them. */
export interface PromptSearchRequest {
  /** `sdd`, `local` or `all`. */
  source: string;
  /** Keep hits with one of these tags (none: every hit). */
  tags: string[];
  cancelled?: "only" | "exclude" | "include";
  /** On or after this date (`2026-06-01`, `30d`, ...). */
  after?: string;
  /** On or before this date. */
  before?: string;
}

/**
 * Search the SDD prompt snapshots under the context's directory and the
 * local history for a case-insensitive literal `query`.
 */
export async function searchPromptHistory(
  app: AppContext,
  query: string,
  request: PromptSearchRequest,
): Promise<PromptSearch> {
  if (query.trim() === "") {
    throw new SaseError("prompt.empty_query", "search query is empty", {
      hint: "give a word or phrase to look for",
      kind: "invalid-input",
    });
  }
  const source = SEARCH_SOURCES.find((name) => name === request.source);
  if (!source) {
    // No hint of its own: the CLI points at the command's help.
    throw new SaseError("prompt.bad_source", `unknown source '${request.source}'`, {
      kind: "invalid-input",
    });
  }
  const read = await readHistory(promptHistoryPath(app.env));
  const now = app.now();
  const options: SearchOptions = {
    source,
    tags: request.tags,
    cancelled: request.cancelled,
    after: request.after ? parseDateBound(request.after, now) : undefined,
    before: request.before ? parseDateBound(request.before, now) : undefined,
  };
  return { query, hits: searchPrompts(query, read.entries, app.cwd, options) };
}

/** Counts, sizes and the most used chips of the store. */
export async function promptStats(env: Env): Promise<HistoryStats> {
  return historyStats(await readHistory(promptHistoryPath(env)));
}

/** A read-only health report of the store. */
export async function promptDoctor(env: Env): Promise<HistoryDoctorReport> {
  return historyDoctor(await readHistory(promptHistoryPath(env)), env);
}

/** The prompt `selector` names, about to be deleted (a corrupt store is an error). */
export async function promptToDelete(env: Env, selector: string): Promise<PromptEntry> {
  return resolveSelector(await readableEntries(env, CHANGE_HINT), selector);
}

/** Remove every stored copy of `entry`'s text. */
export async function deletePrompt(env: Env, entry: PromptEntry): Promise<void> {
  await mutateHistory(promptHistoryPath(env), (entries) => ({
    entries: entries.filter((candidate) => candidate.text !== entry.text),
    result: undefined,
  }));
}

/** What `sase prompt prune` removes; the criteria intersect. */
export interface PruneCriteria {
  /** Only cancelled prompts. */
  cancelled?: boolean;
  /** Always keep the newest N prompts. */
  keep?: number;
  /** Only prompts last used before this `YYMMDD_HHMMSS` bound. */
  before?: string;
}

/** The entries `criteria` select, in store order. */
export function pruneSelection(
  entries: readonly PromptEntry[],
  criteria: PruneCriteria,
): PromptEntry[] {
  const kept = new Set(sortNewestFirst(entries).slice(0, criteria.keep ?? 0).map((e) => e.text));
  return entries.filter((entry) =>
    !kept.has(entry.text) && (!criteria.cancelled || entry.cancelled) &&
    (!criteria.before || entry.last_used < criteria.before)
  );
}

/** The prompts a prune would remove now (a corrupt store is an error). */
export async function pruneCandidates(env: Env, criteria: PruneCriteria): Promise<PromptEntry[]> {
  return pruneSelection(await readableEntries(env, CHANGE_HINT), criteria);
}

/** Remove what `criteria` select, decided again under the store's lock; resolves to the count. */
export async function prunePrompts(env: Env, criteria: PruneCriteria): Promise<number> {
  return await mutateHistory(promptHistoryPath(env), (entries) => {
    const gone = new Set(pruneSelection(entries, criteria).map((entry) => entry.text));
    return { entries: entries.filter((entry) => !gone.has(entry.text)), result: gone.size };
  });
}

/** Write `text` to a new file (or over one with `force`); never half-written. */
async function writeNew(path: string, text: string, force: boolean | undefined): Promise<void> {
  if (!force && await exists(path)) {
    throw new SaseError("prompt.exists", `${path} already exists`, {
      hint: "pass --force to replace it",
      kind: "conflict",
    });
  }
  await Deno.mkdir(join(path, ".."), { recursive: true });
  await atomicWriteTextFile(path, text);
}

/** Where and how `sase prompt save` writes an xprompt. */
export interface SaveOptions {
  /** The xprompt's name (default: a slug of the prompt). */
  name?: string;
  tags?: readonly string[];
  /** Write to `~/.xprompts/` (default: `./xprompts/` of the context's directory). */
  global?: boolean;
  /** Write to the project's `~/.config/sase/xprompts/<project>/` (name or alias). */
  project?: string;
  /** Replace an existing file. */
  force?: boolean;
}

/** A prompt saved as an xprompt. */
export interface SavedPrompt {
  id: string;
  /** The reference that now names it: `#name` or `#project/name`. */
  reference: string;
  path: string;
}

/** Save the prompt `selector` names as a reusable xprompt file. */
export async function savePrompt(
  app: AppContext,
  selector: string,
  options: SaveOptions = {},
): Promise<SavedPrompt> {
  const entry = await findPrompt(app.env, selector);
  const name = options.name ?? slugify(entry.text);
  if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)) {
    throw new SaseError("prompt.bad_name", `invalid xprompt name '${name}'`, {
      hint: "use letters, digits, '_' and '-', starting with a letter",
      kind: "invalid-input",
    });
  }
  const project = options.project === undefined
    ? undefined
    : await requireKnownProject(options.project, app.env);
  const dir = project
    ? join(configDir(app.env), "xprompts", project)
    : options.global
    ? join(homeDir(app.env), ".xprompts")
    : join(app.cwd, "xprompts");
  const path = join(dir, `${name}.md`);
  await writeNew(path, xpromptFileText(entry, options.tags ?? []), options.force);
  return {
    id: promptId(entry.text),
    reference: project ? `#${project}/${name}` : `#${name}`,
    path,
  };
}

/** Where `sase prompt export` puts a prompt. */
export interface ExportOptions {
  /** As an SDD snapshot, `sdd/prompts/YYYYMM/<slug>-<id>.md` under the context's directory. */
  sdd?: boolean;
  /** To this file. */
  output?: string;
  /** Wrap the text in provenance front matter (always for `sdd`). */
  metadata?: boolean;
  force?: boolean;
}

/** An exported prompt: its text, and the file it went to (none: the caller prints it). */
export interface ExportedPrompt {
  id: string;
  text: string;
  path: string | null;
}

/** Export the prompt `selector` names to a file, or just render it when no file is asked for. */
export async function exportPrompt(
  app: AppContext,
  selector: string,
  options: ExportOptions = {},
): Promise<ExportedPrompt> {
  const entry = await findPrompt(app.env, selector);
  const text = options.sdd || options.metadata ? snapshotText(entry) : entry.text;
  const path = options.sdd ? join(app.cwd, snapshotPath(entry)) : options.output ?? null;
  if (path) await writeNew(path, text, options.force);
  return { id: promptId(entry.text), text, path };
}
