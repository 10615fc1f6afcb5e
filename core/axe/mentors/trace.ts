/**
 * `sase config mentor-match NAME` (handbook 12.2.4): which mentor profiles
 * match a ChangeSpec and why, criterion by criterion, exactly as
 * `mentor_checks` decides.
 *
 * @module
 */

import type { AppContext } from "../../context.ts";
import { findChangeSpec, projectStore } from "../../changespec/read.ts";
import { matchProfiles, type ProfileMatch, reviewedCommits, scopedProfiles } from "./profiles.ts";

/** What the trace found. */
export interface MentorMatchTrace {
  changespec: string;
  project: string;
  status: string;
  /** The regular entries under review (since the last MENTORS entry). */
  entries: string[];
  paths: string[];
  matches: ProfileMatch[];
}

/** Trace every configured profile against the ChangeSpec `name`. */
export async function traceMentorMatch(
  app: AppContext,
  name: string,
  project?: string,
): Promise<MentorMatchTrace> {
  const spec = await findChangeSpec(projectStore(app.env), name, project);
  const profiles = await scopedProfiles(app);
  const reviewed = await reviewedCommits(spec, app.env);
  return {
    changespec: spec.name,
    project: spec.projectBasename,
    status: spec.status,
    entries: reviewed.commits.map((commit) => String(commit.number)),
    paths: reviewed.paths,
    matches: matchProfiles(profiles, spec, reviewed),
  };
}
