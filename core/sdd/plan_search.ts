/**
 * `sase plan search [QUERY]`: recall prior plans. Committed SDD plans
 * (tales, epics, legends, legacy `plans/`) come first, then the machine-local
 * `SASE_HOME/plans/` archive. With a query, hits rank by relevance (title and
 * path hits before body-only hits, more hits first); without one, by recency.
 * Read-only: it never writes or locks either store.
 *
 * @module
 */

import { join, relative } from "../fs/path.ts";
import type { AppContext } from "../context.ts";
import { SaseError } from "../errors.ts";
import { neutralizeControls } from "../text/control_chars.ts";
import { normalizeTier, PLAN_LIKE_KINDS } from "./layout.ts";
import { readSddDocument } from "./read.ts";
import { scanSddTree } from "./scan.ts";
import { parseFrontmatter } from "./frontmatter.ts";
import { PlanFrontmatterSchema } from "./plan_history_schema.ts";
import { plansArchiveDir } from "./proposals.ts";
import { resolveSddRoot } from "./root.ts";

/** Where a plan came from. */
export type PlanSource = "sdd" | "local";

/** One searchable plan. */
export interface PlanDoc {
  source: PlanSource;
  /** Path shown to the user (root-relative for SDD, absolute for the archive). */
  path: string;
  tier: string;
  status: string | null;
  title: string;
  /** `YYYY-MM-DD HH:MM:SS`-ish creation time, or the file's modification time. */
  created: string;
  body: string;
}

/** Search filters. */
export interface PlanSearchQuery {
  query?: string;
  kind?: string;
  status?: string;
  source?: PlanSource;
  /** Inclusive lower bound, `YYYY-MM-DD`. */
  since?: string;
  /** Inclusive upper bound, `YYYY-MM-DD`. */
  until?: string;
}

/** One ranked hit. */
export interface PlanHit extends PlanDoc {
  score: number;
  /** A line around the first body match (empty without a query). */
  snippet: string;
}

function describe(text: string, fallbackTitle: string, mtime: Date | null) {
  const parsed = parseFrontmatter(text);
  const data = parsed.ok ? PlanFrontmatterSchema.safeParse(parsed.data) : undefined;
  const fm = data?.success ? data.data : {};
  const body = parsed.ok ? parsed.body : text;
  const heading = /^#\s+(.+)$/m.exec(body)?.[1];
  return {
    tier: normalizeTier(fm.tier) ?? "tale",
    status: fm.status ?? null,
    title: fm.title ?? heading ?? fallbackTitle,
    created: fm.create_time ?? (mtime ? mtime.toISOString().slice(0, 19).replace("T", " ") : ""),
    body,
  };
}

async function walkMarkdown(dir: string, out: string[]): Promise<void> {
  let entries: Deno.DirEntry[];
  try {
    entries = await Array.fromAsync(Deno.readDir(dir));
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.isDirectory) await walkMarkdown(join(dir, entry.name), out);
    else if (entry.isFile && entry.name.endsWith(".md")) out.push(join(dir, entry.name));
  }
}

/** The searchable plans, and the files that could not be read (`path: reason`). */
export interface LoadedPlans {
  docs: PlanDoc[];
  skipped: string[];
}

async function load(
  path: string,
  skipped: string[],
): Promise<{ text: string; mtime: Date | null } | null> {
  try {
    const text = await readSddDocument(path);
    return { text, mtime: (await Deno.stat(path)).mtime };
  } catch (error) {
    if (!(error instanceof SaseError) && !(error instanceof Deno.errors.NotFound)) throw error;
    skipped.push(error instanceof SaseError ? error.message : `${path}: does not exist`);
    return null;
  }
}

/** Load the plans of an SDD root (if given) and of the archive; unreadable files are skipped. */
export async function loadPlanDocs(
  sddRoot: string | null,
  archiveDir: string,
): Promise<LoadedPlans> {
  const docs: PlanDoc[] = [];
  const skipped: string[] = [];
  if (sddRoot) {
    const files = await scanSddTree(sddRoot).catch(() => []);
    for (const file of files.filter((f) => PLAN_LIKE_KINDS.has(f.kind))) {
      const read = await load(file.path, skipped);
      if (!read) continue;
      const info = describe(read.text, file.name, read.mtime);
      docs.push({ source: "sdd", path: file.relpath, ...info, tier: file.tier ?? info.tier });
    }
  }
  const archived: string[] = [];
  await walkMarkdown(archiveDir, archived);
  for (const path of archived.sort()) {
    const read = await load(path, skipped);
    if (!read) continue;
    const info = describe(read.text, relative(archiveDir, path), read.mtime);
    docs.push({ source: "local", path, ...info });
  }
  return { docs, skipped };
}

function countHits(haystack: string, needle: string): number {
  let count = 0;
  for (
    let at = haystack.indexOf(needle);
    at !== -1;
    at = haystack.indexOf(needle, at + needle.length)
  ) {
    count++;
  }
  return count;
}

/** Filter and rank documents. Pure. */
export function searchPlanDocs(docs: readonly PlanDoc[], query: PlanSearchQuery): PlanHit[] {
  const needle = query.query?.trim().toLowerCase() ?? "";
  const hits: PlanHit[] = [];
  for (const doc of docs) {
    if (query.kind && doc.tier !== query.kind) continue;
    if (query.status && doc.status !== query.status) continue;
    if (query.source && doc.source !== query.source) continue;
    const day = doc.created.slice(0, 10);
    if (query.since && day < query.since) continue;
    if (query.until && day > query.until) continue;
    if (!needle) {
      hits.push({ ...doc, score: 0, snippet: "" });
      continue;
    }
    const headHits = countHits(`${doc.title}\n${doc.path}`.toLowerCase(), needle);
    const lower = doc.body.toLowerCase();
    const bodyHits = countHits(lower, needle);
    if (headHits + bodyHits === 0) continue;
    const at = lower.indexOf(needle);
    const snippet = at === -1
      ? ""
      : doc.body.slice(doc.body.lastIndexOf("\n", at) + 1).split("\n")[0].trim();
    hits.push({ ...doc, score: headHits * 10 + bodyHits, snippet });
  }
  return hits.sort((a, b) =>
    (a.source === b.source ? 0 : a.source === "sdd" ? -1 : 1) ||
    b.score - a.score ||
    b.created.localeCompare(a.created) ||
    a.path.localeCompare(b.path)
  );
}

/** A `YYYY-MM-DD` bound, or an `invalid-input` error naming `flag`. */
function checkDay(flag: string, value: string | undefined): void {
  if (value !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    throw new SaseError("plan.bad_date", `${flag}: expected YYYY-MM-DD, got '${value}'`, {
      hint: "write the date as year-month-day, e.g. 2026-05-01",
      kind: "invalid-input",
    });
  }
}

/**
 * Search the plans of the context's project (its SDD tree) and the local
 * archive. Files that cannot be read are skipped, each with a warning.
 */
export async function searchPlans(app: AppContext, query: PlanSearchQuery): Promise<PlanHit[]> {
  checkDay("--since", query.since);
  checkDay("--until", query.until);
  const sdd = await resolveSddRoot({ cwd: app.cwd, env: app.env });
  const { docs, skipped } = await loadPlanDocs(sdd.root, plansArchiveDir(app.env));
  for (const reason of skipped) {
    app.warn(`skipped ${neutralizeControls(reason, { keepLayout: false })}`);
  }
  return searchPlanDocs(docs, query);
}
