/**
 * The pure half of the commit finalizer (handbook §13.10): reading
 * `git status --porcelain=v1 -z`, recognising the narrow SDD plan closeout
 * that SASE commits itself, and the wording of follow-up prompts and
 * failures. No I/O here, so every rule is testable on strings.
 *
 * @module
 */

import type { Env } from "../../../config/paths.ts";
import { plural } from "../../../text/plural.ts";

/** One record of `git status --porcelain=v1 -z`. */
export interface StatusEntry {
  /** The two status letters, e.g. `" M"`, `"A "`, `"??"`. */
  xy: string;
  /** Repository-relative path (the new path of a rename or copy). */
  path: string;
  /** The source path of a rename or copy. */
  origPath?: string;
}

/** Uncommitted work found in one repository. */
export interface DirtyRepo {
  /** `main` for the agent's workspace; otherwise the linked repo's name. */
  name: string;
  /** Absolute repository root. */
  path: string;
  /** Paths the run changed (not dirty when it started), repository-relative. */
  files: string[];
  /**
   * Static linked repos (`workspace.strategy: none`) are shared singletons,
   * so their dirt may not be this agent's: reported, never enforced.
   */
  advisory: boolean;
  /** What was already dirty when the run started; absent when nothing was. */
  preexisting?: PreexistingChanges;
}

/** Uncommitted changes a repository already had when the run started. */
export interface PreexistingChanges {
  /** Dirty at the start and changed again since: the user's edits mixed with the run's. */
  changed: string[];
  /** Dirty at the start and exactly as they were: the user's alone. */
  untouched: string[];
}

/** Parse `git status --porcelain=v1 -z` output. */
export function parsePorcelainZ(output: string): StatusEntry[] {
  const parts = output.split("\0");
  const entries: StatusEntry[] = [];
  for (let i = 0; i < parts.length; i++) {
    const record = parts[i];
    if (record.length < 4) continue;
    const entry: StatusEntry = { xy: record.slice(0, 2), path: record.slice(3) };
    // In -z mode a rename/copy carries its source as the next NUL field.
    if (entry.xy.includes("R") || entry.xy.includes("C")) entry.origPath = parts[++i];
    entries.push(entry);
  }
  return entries;
}

/** Claude Code's machine-local settings: never committed, and where sase installs tool hooks. */
const CLAUDE_LOCAL_SETTINGS = ".claude/settings.local.json";

/**
 * The paths that count as the agent's uncommitted work. SASE keeps its own
 * state under a workspace's `.sase/` (e.g. an external SDD store clone) and
 * its tool hooks in Claude's local settings; neither is the agent's to commit.
 */
export function dirtyFiles(entries: readonly StatusEntry[]): string[] {
  const isSaseOwned = (path: string) =>
    path === ".sase" || path.startsWith(".sase/") || path === CLAUDE_LOCAL_SETTINGS;
  return entries
    .filter((entry) => !isSaseOwned(entry.path) && !(entry.origPath && isSaseOwned(entry.origPath)))
    .map((entry) => entry.path);
}

/**
 * Split dirty `paths` by the run's start: a path that was not dirty then is
 * the run's own change; one that was is the user's, `changed` when its
 * content fingerprint moved since (the run edited it further) and
 * `untouched` when it did not. `before` maps each path dirty at the start to
 * its fingerprint then; `now` holds the current fingerprints of those paths.
 */
export function splitByBaseline(
  paths: readonly string[],
  before: Readonly<Record<string, string>>,
  now: Readonly<Record<string, string>>,
): { own: string[] } & PreexistingChanges {
  const split = { own: [] as string[], changed: [] as string[], untouched: [] as string[] };
  for (const path of paths) {
    if (!Object.hasOwn(before, path)) split.own.push(path);
    else if (now[path] === before[path]) split.untouched.push(path);
    else split.changed.push(path);
  }
  return split;
}

const SDD_PLAN_DIRS = ["sdd/tales/", "sdd/epics/", "sdd/legends/", "sdd/myths/"];

/** Whether `path` is a plan document the SDD closeout rule may commit. */
export function isSddPlanPath(path: string): boolean {
  return path.endsWith(".md") && SDD_PLAN_DIRS.some((dir) => path.startsWith(dir));
}

/**
 * The single tracked SDD plan whose modification may be a closeout, or
 * `undefined` when the status has anything else in it (other files,
 * untracked or renamed entries, a mix of staged and unstaged edits).
 */
export function closeoutCandidate(
  entries: readonly StatusEntry[],
): { path: string; staged: boolean } | undefined {
  if (entries.length !== 1) return undefined;
  const [entry] = entries;
  if (entry.origPath !== undefined || !isSddPlanPath(entry.path)) return undefined;
  if (entry.xy === " M") return { path: entry.path, staged: false };
  if (entry.xy === "M ") return { path: entry.path, staged: true };
  return undefined;
}

function splitLines(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+$/g) ?? [];
}

function lineBody(line: string): string {
  return line.replace(/(?:\r\n|\n|\r)$/, "");
}

/**
 * Whether `after` differs from `before` only by one leading front-matter
 * line going exactly from `status: wip` to `status: done` (same line
 * ending). Anything broader is real work the agent must commit itself.
 */
export function isSddDoneCloseout(before: string, after: string): boolean {
  const old = splitLines(before);
  const now = splitLines(after);
  if (old.length !== now.length || old.length === 0 || lineBody(old[0]) !== "---") return false;
  const changed = old.flatMap((line, index) => line === now[index] ? [] : [index]);
  if (changed.length !== 1) return false;
  const index = changed[0];
  const frontMatterEnd = old.findIndex((line, i) => i > 0 && lineBody(line) === "---");
  if (frontMatterEnd === -1 || index >= frontMatterEnd) return false;
  const ending = (line: string) => line.slice(lineBody(line).length);
  return lineBody(old[index]) === "status: wip" && lineBody(now[index]) === "status: done" &&
    ending(old[index]) === ending(now[index]);
}

/**
 * The closeout commit message: the handbook's subject plus the `TYPE=sdd`
 * runtime tag, and `AGENT=` provenance when the agent's name is known.
 */
export function closeoutCommitMessage(env: Env): string {
  const agent = env.SASE_AGENT_NAME?.replace(/[\r\n]+/g, " ").trim();
  return `chore: Mark SDD plan done\n\nTYPE=sdd${agent ? `\nAGENT=${agent}` : ""}\n`;
}

/**
 * The commit skill the agent should use: `SASE_COMMIT_SKILL` verbatim, else
 * `/sase_<vcs>_commit` from the VCS provider name (Git-flavoured providers
 * share the Git skill).
 */
export function commitSkillName(env: Env, configuredProvider?: string): string {
  if (env.SASE_COMMIT_SKILL) return env.SASE_COMMIT_SKILL;
  const raw = (env.SASE_VCS_PROVIDER || configuredProvider || "").trim().toLowerCase();
  if (["", "auto", "git", "github", "bare_git"].includes(raw)) return "/sase_git_commit";
  if (["hg", "google"].includes(raw)) return "/sase_hg_commit";
  const token = raw.replace(/[^a-z0-9_]+/g, "_").replace(/^_+|_+$/g, "");
  return `/sase_${token || "git"}_commit`;
}

/** What a follow-up prompt is built from. */
export interface FollowUpPromptInput {
  repos: readonly DirtyRepo[];
  skill: string;
  pass: number;
  maxPasses: number;
  env: Env;
}

const LISTED_FILES = 50;

function fileLines(files: readonly string[]): string[] {
  const lines = files.slice(0, LISTED_FILES).map((file) => `  - ${file}`);
  if (files.length > LISTED_FILES) lines.push(`  - ... (${files.length} files in total)`);
  return lines;
}

function commitInstruction(skill: string, env: Env): string[] {
  const method = env.SASE_COMMIT_METHOD || "create_commit";
  const bead = env.SASE_BEAD_ID?.trim();
  const lines = bead
    ? [
      "First decide whether you made these changes in this session; leave alone any you did not make.",
      `For changes you made, run \`sase bead close ${bead}\` and verify bead \`${bead}\` is closed, ` +
      `then commit them using your ${skill} skill.`,
    ]
    : [`Commit these changes now using your ${skill} skill.`];
  lines.push(
    `The commit method is \`${method}\`: pass \`--type ${method}\` or omit --type to let the ` +
      "environment decide; never pass a conflicting type.",
  );
  if (method === "create_pull_request") {
    const name = env.SASE_PR_NAME && env.SASE_PR_NAME !== "None" ? env.SASE_PR_NAME : undefined;
    lines.push(
      name
        ? `You MUST pass \`-n ${name}\` (the pull request's name) to sase commit.`
        : "You MUST pass `-n <name>` to sase commit, a short lowercase_with_underscores name.",
    );
  } else {
    lines.push("Describe only the changes in this commit in its message.");
  }
  return lines;
}

function repoLabel(repo: DirtyRepo): string {
  return repo.name === "main" ? "the main workspace" : `linked repo ${repo.name}`;
}

/**
 * What the run found already dirty in `repo`: the user's changes, which the
 * agent must leave out of its commits.
 */
function preexistingLines(repo: DirtyRepo): string[] {
  const { changed = [], untouched = [] } = repo.preexisting ?? {};
  const lines: string[] = [];
  if (untouched.length > 0) {
    lines.push(
      "",
      `These files in ${repoLabel(repo)} already had uncommitted changes when this run started ` +
        "and this run did not change them. They are the user's: do not stage, commit, stash or " +
        "revert them.",
      ...fileLines(untouched),
    );
  }
  if (changed.length > 0) {
    lines.push(
      "",
      `These files in ${repoLabel(repo)} already had uncommitted changes when this run started ` +
        "and were changed again during it. Commit only your own part of them if you can " +
        "separate it (e.g. `git add -p`); otherwise leave them as they are. They do not fail " +
        "the run.",
      ...fileLines(changed),
    );
  }
  return lines;
}

/** Whether `repo` was dirty before the run started. */
function startedDirty(repo: DirtyRepo): boolean {
  const { changed = [], untouched = [] } = repo.preexisting ?? {};
  return changed.length + untouched.length > 0;
}

/**
 * The follow-up prompt of one finalizer pass: the files the run changed plus
 * commit instructions, and, when the checkout was dirty before the run, the
 * user's own changes the agent must leave alone.
 */
export function buildFollowUpPrompt(input: FollowUpPromptInput): string {
  const enforced = input.repos.filter((repo) => !repo.advisory);
  const owned = enforced.filter((repo) => repo.files.length > 0);
  const advisory = input.repos.filter((repo) => repo.advisory);
  const lines = [
    `SASE commit finalizer (pass ${input.pass} of ${input.maxPasses}): your turn ended with ` +
    "uncommitted changes.",
  ];
  for (const repo of owned) {
    lines.push(
      "",
      `Uncommitted changes in ${repoLabel(repo)} (${repo.path}):`,
      ...fileLines(repo.files),
    );
  }
  if (owned.length > 0) lines.push("", ...commitInstruction(input.skill, input.env));
  if (input.repos.some(startedDirty)) {
    lines.push(
      "",
      "The checkout was already dirty when this run started. Stage and commit only the files " +
        "listed as your changes, naming them explicitly; never use `git add -A`, `git add .` or " +
        "`git commit -a`, and keep anything else out of your commit.",
    );
  }
  for (const repo of enforced) lines.push(...preexistingLines(repo));
  if (advisory.length > 0) {
    lines.push(
      "",
      "Advisory: these shared linked repos also have uncommitted changes. Commit them only if " +
        "you made those changes in this session; leaving them dirty is allowed.",
    );
    for (const repo of advisory) {
      lines.push(`- ${repo.name} (${repo.path}):`, ...fileLines(repo.files));
      lines.push(
        `  To commit there, run \`cd ${repo.path}\` before using your /sase_git_commit skill.`,
      );
      lines.push(...preexistingLines(repo));
    }
  }
  lines.push(
    "",
    "When you are done, run `git status --short` and make sure none of the files listed as your " +
      "changes is still uncommitted.",
  );
  return lines.join("\n") + "\n";
}

/** Enforced dirty files; linked-repo files are prefixed `<name>:`. */
export function enforcedFiles(repos: readonly DirtyRepo[]): string[] {
  return repos.filter((repo) => !repo.advisory).flatMap((repo) =>
    repo.name === "main" ? repo.files : repo.files.map((file) => `${repo.name}:${file}`)
  );
}

/** The error of a run whose enforced repositories are still dirty after every pass. */
export function finalizerFailure(repos: readonly DirtyRepo[], passes: number): string {
  const files = enforcedFiles(repos);
  let listed = files.slice(0, 10).join(", ") || "(unable to list changed files)";
  if (files.length > 10) listed += `, ... (${files.length} total)`;
  const where = repos.filter((repo) => !repo.advisory).map((repo) => repo.path).join(", ");
  return `Commit finalizer failed: uncommitted changes remain after ${
    plural(passes, "finalizer pass", "finalizer passes")
  } ` +
    `in ${where}: ${listed}.`;
}
