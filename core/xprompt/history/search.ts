/**
 * `sase prompt search`: repo SDD prompt snapshots and local history, with
 * SDD hits first, then title/locator/path hits before body-only hits, then
 * newer before older, then by id (so output is byte-identical across runs).
 * Read-only: never locks or writes either store.
 *
 * @module
 */

import { join, relative } from "../../fs/path.ts";
import { splitFrontMatter } from "../frontmatter.ts";
import { type PromptEntry, promptId } from "./model.ts";
import { type EntryFilter, matchesFilter, promptChips } from "./query.ts";
import { listDirSync } from "../../fs/list_dir.ts";
import { READ_LIMITS, readTextBoundedSync } from "../../fs/bounded_read.ts";

/** One search hit. */
export interface SearchHit {
  source: "sdd" | "local";
  id: string;
  title: string;
  path?: string;
  plan?: string;
  tags: string[];
  date: string;
  text: string;
  /** Which fields matched (`title`, `path`, `id`, `plan`, `tags`, `body`). */
  matched: string[];
  /** An SDD snapshot whose text is also in local history. */
  alsoInLocal?: boolean;
}

const SNAPSHOT_ROOTS = [join("sdd", "prompts"), "prompts", join(".sase", "sdd", "prompts")];

function walk(dir: string, out: string[]): void {
  for (const entry of listDirSync(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) walk(path, out);
    else if (entry.name.endsWith(".md")) out.push(path);
  }
}

/** Read SDD prompt snapshots under `cwd`. */
export function readSnapshots(cwd: string): SearchHit[] {
  const files: string[] = [];
  for (const root of SNAPSHOT_ROOTS) walk(join(cwd, root), files);
  return files.sort().map((file) => {
    const text = readTextBoundedSync(file, READ_LIMITS.document);
    let data: Record<string, unknown> = {};
    let body = text;
    try {
      const doc = splitFrontMatter(text, file);
      data = doc.data ?? {};
      body = doc.body.trim();
    } catch {
      // a snapshot with broken front matter is still searchable by body
    }
    const month = /(\d{6})/.exec(relative(cwd, file))?.[1];
    const date = typeof data.timestamp === "string"
      ? data.timestamp
      : month
      ? `${month.slice(2)}01_000000`
      : "";
    const tags = Array.isArray(data.prompt_tags) ? data.prompt_tags.map(String) : [];
    return {
      source: "sdd" as const,
      id: typeof data.id === "string" ? data.id : promptId(body),
      title: typeof data.title === "string" ? data.title : body.split("\n")[0].slice(0, 80),
      path: relative(cwd, file),
      plan: typeof data.plan === "string" ? data.plan : undefined,
      tags: [
        ...new Set([...tags, ...promptChips(body).xprompts.map((c) => c.replace(/^#!?/, ""))]),
      ],
      date,
      text: body,
      matched: [],
    };
  });
}

/** Search options. */
export interface SearchOptions extends EntryFilter {
  source: "sdd" | "local" | "all";
  tags: string[];
}

function matchFields(hit: SearchHit, needle: string): string[] {
  const fields: [string, string | undefined][] = [
    ["title", hit.title],
    ["id", hit.id],
    ["path", hit.path],
    ["plan", hit.plan],
    ["tags", hit.tags.join(" ")],
    ["body", hit.text],
  ];
  return fields.filter(([, value]) => value?.toLowerCase().includes(needle)).map(([name]) => name);
}

/** Run a search; returns every match, ranked. */
export function searchPrompts(
  query: string,
  entries: readonly PromptEntry[],
  cwd: string,
  options: SearchOptions,
): SearchHit[] {
  const needle = query.toLowerCase();
  const hits: SearchHit[] = [];
  if (options.source !== "local") hits.push(...readSnapshots(cwd));
  if (options.source !== "sdd") {
    for (const entry of entries) {
      if (!matchesFilter(entry, { cancelled: options.cancelled })) continue;
      hits.push({
        source: "local",
        id: promptId(entry.text),
        title: entry.text.split("\n")[0].slice(0, 80),
        tags: promptChips(entry.text).xprompts.map((c) => c.replace(/^#!?/, "")),
        date: entry.last_used,
        text: entry.text,
        matched: [],
      });
    }
  }
  const matched = hits.map((hit) => ({ ...hit, matched: matchFields(hit, needle) })).filter((hit) =>
    hit.matched.length > 0 &&
    (options.tags.length === 0 ||
      options.tags.some((tag) => hit.tags.includes(tag.replace(/^#/, "")))) &&
    (!options.after || hit.date >= options.after) && (!options.before || hit.date <= options.before)
  );
  const sddTexts = new Set(matched.filter((hit) => hit.source === "sdd").map((hit) => hit.text));
  const deduped = matched.filter((hit) => hit.source === "sdd" || !sddTexts.has(hit.text)).map((
    hit,
  ) =>
    hit.source === "sdd" && matched.some((o) => o.source === "local" && o.text === hit.text)
      ? { ...hit, alsoInLocal: true }
      : hit
  );
  const rank = (
    hit: SearchHit,
  ) => [hit.source === "sdd" ? 0 : 1, hit.matched.some((f) => f !== "body") ? 0 : 1];
  return deduped.sort((a, b) => {
    const [ra, rb] = [rank(a), rank(b)];
    return ra[0] - rb[0] || ra[1] - rb[1] || (a.date < b.date ? 1 : a.date > b.date ? -1 : 0) ||
      a.id.localeCompare(b.id);
  });
}
