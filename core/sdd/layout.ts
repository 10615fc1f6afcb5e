/**
 * The shape of an SDD tree: which directories hold which artifact kinds,
 * the `{YYYYMM}` month buckets, and the legacy layouts that still resolve
 * (flat files without a bucket, the old `specs/` prompt directory and the
 * old `plans/` directory whose files carry their tier in frontmatter).
 *
 * Everything here is pure path arithmetic, so the scanner, the validator and
 * the plan pipeline agree on what a path means.
 *
 * @module
 */

/** Plan-like tiers an approved plan can be committed under (handbook 6.1, 6.5). */
export const SDD_TIERS = ["tale", "epic", "legend"] as const;

/** One plan-like tier. */
export type SddTier = typeof SDD_TIERS[number];

/**
 * The tier a `tier:` frontmatter value names, or null when it names none.
 * The original compares trimmed, lowercased text, so `Epic ` is an epic.
 */
export function normalizeTier(value: unknown): SddTier | null {
  if (typeof value !== "string") return null;
  const tier = value.trim().toLowerCase();
  return (SDD_TIERS as readonly string[]).includes(tier) ? tier as SddTier : null;
}

/** The kind of an SDD markdown file, decided by where it lives. */
export type SddKind =
  | "prompt"
  | "tale"
  | "epic"
  | "legend"
  /**
   * A file in `plans/`: the newer layout, whose files declare their tier in
   * `tier:` frontmatter, or the legacy directory of tale-like plans.
   */
  | "plan"
  | "myth"
  | "research";

/** Kinds that take part in the prompt/plan link validator. */
export const LINKED_KINDS: ReadonlySet<SddKind> = new Set([
  "prompt",
  "tale",
  "epic",
  "legend",
  "plan",
]);

/** Plan-like kinds (the counterpart of a prompt). */
export const PLAN_LIKE_KINDS: ReadonlySet<SddKind> = new Set(["tale", "epic", "legend", "plan"]);

/** The directory of each tier under the SDD root. */
export const TIER_DIRS: Readonly<Record<SddTier, string>> = {
  tale: "tales",
  epic: "epics",
  legend: "legends",
};

/**
 * Values `sase sdd list -k` accepts, mapped to what they select: prompt
 * snapshots, or plan-like files of a tier wherever they live (`tales/`, or
 * `plans/` with `tier: tale`).
 */
export const LIST_KIND_FILTERS: Readonly<Record<string, readonly ListedKind[]>> = {
  prompts: ["prompt"],
  tales: ["tale"],
  epics: ["epic"],
  legends: ["legend"],
  all: ["prompt", "tale", "epic", "legend"],
};

/** What a listed file counts as: a prompt snapshot or a plan of a tier. */
export type ListedKind = "prompt" | SddTier;

const TOP_DIRS: Readonly<Record<string, SddKind>> = {
  prompts: "prompt",
  specs: "prompt",
  tales: "tale",
  epics: "epic",
  legends: "legend",
  plans: "plan",
  myths: "myth",
  research: "research",
};

/** Directories under the root that never hold SDD documents. */
export const SKIPPED_DIRS: ReadonlySet<string> = new Set([".git", "beads", "assets"]);

const BUCKET = /^\d{6}$/;

/**
 * The tier of a plan-like file: its directory for `tales/`, `epics/` and
 * `legends/`; its `tier:` frontmatter for `plans/` (a legacy `plans/` file
 * without one is a tale-like plan); null for other kinds and for a `plans/`
 * file whose `tier:` names no tier.
 */
export function tierOf(
  kind: SddKind,
  frontmatter: Readonly<Record<string, unknown>>,
): SddTier | null {
  if (kind === "tale" || kind === "epic" || kind === "legend") return kind;
  if (kind !== "plan") return null;
  return frontmatter.tier === undefined || frontmatter.tier === null
    ? "tale"
    : normalizeTier(frontmatter.tier);
}

/** Where a root-relative path sits in the layout. */
export interface PathClass {
  kind: SddKind;
  /** The `YYYYMM` bucket, or null for the flat layout. */
  bucket: string | null;
  /** File name without `.md`. */
  name: string;
}

/**
 * Classify a root-relative POSIX path such as `tales/202605/x.md`. Accepted
 * shapes: `<dir>/<name>.md`, `<dir>/<YYYYMM>/<name>.md`, and the prompt
 * snapshots of the newer `plans/` layout, `plans/<YYYYMM>/prompts/<name>.md`.
 * Generated `README.md` guides and anything else return null.
 */
export function classifyPath(relpath: string): PathClass | null {
  const parts = relpath.split("/");
  const file = parts[parts.length - 1];
  if (!file.endsWith(".md") || file === "README.md") return null;
  const kind = TOP_DIRS[parts[0]];
  if (!kind) return null;
  const name = file.slice(0, -3);
  if (parts.length === 2) return { kind, bucket: null, name };
  if (parts.length === 3 && BUCKET.test(parts[1])) return { kind, bucket: parts[1], name };
  if (
    parts.length === 4 && parts[0] === "plans" && BUCKET.test(parts[1]) && parts[2] === "prompts"
  ) {
    return { kind: "prompt", bucket: parts[1], name };
  }
  return null;
}

/** The `YYYYMM` bucket of `date` in local time. */
export function monthBucket(date: Date): string {
  return `${date.getFullYear()}${String(date.getMonth() + 1).padStart(2, "0")}`;
}

/** `YYYY-MM-DD HH:MM:SS` in local time: the `create_time` frontmatter format. */
export function createTimeText(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** Root-relative path of a tier's file: `tales/202605/name.md`. */
export function tierRelpath(tier: SddTier, bucket: string, name: string): string {
  return `${TIER_DIRS[tier]}/${bucket}/${name}.md`;
}

/** Root-relative path of a prompt snapshot: `prompts/202605/name.md`. */
export function promptRelpath(bucket: string, name: string): string {
  return `prompts/${bucket}/${name}.md`;
}

/** Turn a title or file name into a safe plan name (`Add the parser!` → `add_the_parser`). */
export function planNameFrom(text: string): string {
  const slug = text.toLowerCase().replace(/\.md$/, "").replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "").slice(0, 60).replace(/_+$/, "");
  return slug || "plan";
}
