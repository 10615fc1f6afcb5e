/**
 * Mentor profile matching (handbook 12.2): a profile matches a ChangeSpec
 * when any of its criteria does — `file_globs` against the paths changed by
 * the regular commits since the last MENTORS entry (proposal entries are
 * ignored), `diff_regexes` against those diffs, `amend_note_regexes`
 * against their notes, `first_commit` when they include entry (1) — and its
 * `projects` (when set) name the ChangeSpec's project. Every criterion's
 * result is kept, so `sase config mentor-match` can show why.
 *
 * @module
 */

import type { MentorProfileConfig } from "../../config/types.ts";
import type { ChangeSpec, CommitEntry } from "../../changespec/types.ts";
import { type Env, homeDir } from "../../config/paths.ts";
import { READ_LIMITS, readTextBounded } from "../../fs/bounded_read.ts";
import { dirname, join } from "../../fs/path.ts";
import type { AppContext } from "../../context.ts";
import { projectForCwd } from "../../workspace/projects.ts";

/** One criterion's verdict. */
export interface CriterionTrace {
  criterion: "projects" | "file_globs" | "diff_regexes" | "amend_note_regexes" | "first_commit";
  matched: boolean;
  detail: string;
}

/** One profile's verdict. */
export interface ProfileMatch {
  profile: MentorProfileConfig;
  matched: boolean;
  criteria: CriterionTrace[];
}

/** What the commits under review changed. */
export interface ReviewedCommits {
  /** The regular entries considered (since the last MENTORS entry). */
  commits: CommitEntry[];
  paths: string[];
  diff: string;
}

function expand(path: string, env: Env): string {
  return path.startsWith("~/") ? join(homeDir(env), path.slice(2)) : path;
}

/** The paths a unified diff touches (`diff --git a/x b/y`, `+++ b/y`). */
export function diffPaths(diff: string): string[] {
  const paths = new Set<string>();
  for (const line of diff.split("\n")) {
    const git = /^diff --git a\/(\S+) b\/(\S+)/.exec(line);
    if (git) {
      paths.add(git[2]);
      continue;
    }
    const plus = /^\+\+\+ (?:b\/)?(\S+)/.exec(line);
    if (plus && plus[1] !== "/dev/null") paths.add(plus[1]);
  }
  return [...paths];
}

/** The regular commits since the last MENTORS entry, with their diffs and changed paths. */
export async function reviewedCommits(spec: ChangeSpec, env: Env): Promise<ReviewedCommits> {
  const mentored = spec.mentors.map((entry) => parseInt(entry.entryId, 10))
    .filter((n) => Number.isInteger(n));
  const since = mentored.length ? Math.max(...mentored) : 0;
  const commits = spec.commits.filter((c) => c.proposalLetter === null && c.number > since);
  const diffs: string[] = [];
  for (const commit of commits) {
    if (!commit.diff) continue;
    const text = await readTextBounded(expand(commit.diff, env), READ_LIMITS.document)
      .catch(() => "");
    diffs.push(text);
  }
  const diff = diffs.join("\n");
  const paths = new Set(diffPaths(diff));
  // Without saved diffs, DELTAS still names the changed paths.
  if (paths.size === 0) { for (const delta of spec.deltas ?? []) paths.add(delta.path); }
  return { commits, paths: [...paths], diff };
}

/** An fnmatch-style glob (`*` crosses `/`, as the original's `fnmatch` does) as a RegExp. */
export function globRegExp(glob: string): RegExp {
  let source = "";
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i];
    if (char === "*") source += ".*";
    else if (char === "?") source += ".";
    else if (char === "[") {
      const end = glob.indexOf("]", i + 1);
      if (end === -1) source += "\\[";
      else {
        const body = glob.slice(i + 1, end);
        source += `[${body.startsWith("!") ? "^" + body.slice(1) : body}]`;
        i = end;
      }
    } else source += char.replace(/[.+^${}()|\\/]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

function firstMatch(patterns: readonly string[], texts: readonly string[], regex: boolean) {
  for (const pattern of patterns) {
    let re: RegExp;
    try {
      re = regex ? new RegExp(pattern, "m") : globRegExp(pattern);
    } catch {
      continue;
    }
    const hit = texts.find((text) => re.test(text));
    if (hit !== undefined) return { pattern, hit };
  }
  return null;
}

/** Match every profile against `spec`'s reviewed commits. */
export function matchProfiles(
  profiles: readonly MentorProfileConfig[],
  spec: ChangeSpec,
  reviewed: ReviewedCommits,
): ProfileMatch[] {
  return profiles.map((profile) => {
    const criteria: CriterionTrace[] = [];
    if (profile.projects !== undefined) {
      const ok = profile.projects.includes(spec.projectBasename);
      criteria.push({
        criterion: "projects",
        matched: ok,
        detail: ok
          ? `project ${spec.projectBasename} is listed`
          : profile.projects.length
          ? `project ${spec.projectBasename} is not in [${profile.projects.join(", ")}]`
          : "a project-local profile whose sase.yml belongs to no known project",
      });
      if (!ok) return { profile, matched: false, criteria };
    }
    if (profile.file_globs?.length) {
      const hit = firstMatch(profile.file_globs, reviewed.paths, false);
      criteria.push({
        criterion: "file_globs",
        matched: hit !== null,
        detail: hit
          ? `${hit.pattern} matches ${hit.hit}`
          : `no changed path (${reviewed.paths.length}) matches ${profile.file_globs.join(", ")}`,
      });
    }
    if (profile.diff_regexes?.length) {
      const hit = firstMatch(profile.diff_regexes, [reviewed.diff], true);
      criteria.push({
        criterion: "diff_regexes",
        matched: hit !== null,
        detail: hit ? `${hit.pattern} matches the diff` : "no regex matches the diff",
      });
    }
    if (profile.amend_note_regexes?.length) {
      const notes = reviewed.commits.map((c) => [c.note, ...c.body].join("\n"));
      const hit = firstMatch(profile.amend_note_regexes, notes, true);
      criteria.push({
        criterion: "amend_note_regexes",
        matched: hit !== null,
        detail: hit ? `${hit.pattern} matches a commit note` : "no regex matches a commit note",
      });
    }
    if (profile.first_commit) {
      const first = reviewed.commits.some((c) => c.number === 1);
      criteria.push({
        criterion: "first_commit",
        matched: first,
        detail: first ? "entry (1) is under review" : "entry (1) is not under review",
      });
    }
    const matched = reviewed.commits.length > 0 &&
      criteria.some((c) => c.criterion !== "projects" && c.matched);
    return { profile, matched, criteria };
  });
}

/**
 * The configured profiles with the handbook's scoping (12.2.2): a profile
 * that comes from the project-local `sase.yml` (the `local` layer) and sets
 * no `projects` applies only to the project that `sase.yml` sits in. When
 * that directory belongs to no known project, such profiles match nothing.
 */
export async function scopedProfiles(app: AppContext): Promise<MentorProfileConfig[]> {
  const loaded = await app.config();
  const profiles = loaded.config.mentor_profiles ?? [];
  const local = loaded.layers.find((layer) => layer.kind === "local" && layer.value);
  const localProfiles = local?.value?.mentor_profiles;
  if (!local || !Array.isArray(localProfiles) || localProfiles.length === 0) return profiles;
  const names = new Set(
    localProfiles.map((p) => (p as { profile_name?: unknown })?.profile_name).filter(Boolean),
  );
  const project = await projectForCwd(dirname(local.path), app.env).catch(() => null);
  return profiles.map((profile) =>
    names.has(profile.profile_name) && !profile.projects?.length
      ? { ...profile, projects: project ? [project] : [] }
      : profile
  );
}
