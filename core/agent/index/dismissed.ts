/**
 * Which runs are dismissed: the identities in `SASE_HOME/dismissed_agents.json`
 * (a JSON list of `[agent_type, cl_name, raw_suffix]`, written by ACE's
 * dismiss and revive) united with every dismissed bundle not marked revived.
 * The index keeps this projection so the visible inbox can skip dismissed
 * runs; a run is matched by its project and timestamp (its raw suffix).
 *
 * @module
 */

import { join } from "../../fs/path.ts";
import type { Env } from "../../config/paths.ts";
import { saseHome } from "../../config/paths.ts";
import { jsonListItems } from "../../fs/json_object.ts";
import { parseAgentIdentity } from "../identity/tags.ts";
import { archiveIndexPath, readArchiveSummaries } from "./archive.ts";
import { READ_LIMITS, readTextBoundedSync } from "../../fs/bounded_read.ts";

/** One dismissed identity as ACE writes it. */
export interface DismissedIdentity {
  agentType: string;
  clName: string;
  rawSuffix: string | null;
}

/** `SASE_HOME/dismissed_agents.json`. */
export function dismissedAgentsPath(env: Env): string {
  return join(saseHome(env), "dismissed_agents.json");
}

/** Parse `dismissed_agents.json`; malformed entries are skipped. */
export function parseDismissedAgents(text: string): DismissedIdentity[] {
  return jsonListItems(text).flatMap((entry): DismissedIdentity[] => {
    const id = parseAgentIdentity(entry);
    return id ? [{ agentType: id[0], clName: id[1], rawSuffix: id[2] }] : [];
  });
}

/** The dismissed identities on disk (none when the file is missing or unreadable). */
export function readDismissedAgents(env: Env): DismissedIdentity[] {
  try {
    return parseDismissedAgents(readTextBoundedSync(dismissedAgentsPath(env), READ_LIMITS.record));
  } catch {
    return [];
  }
}

/** The projection: `[project, timestamp]` pairs the visible inbox hides. */
export function dismissedProjection(env: Env): Array<[string, string]> {
  const keys = new Map<string, [string, string]>();
  const add = (project: string, suffix: string | null) => {
    if (suffix) keys.set(`${project}/${suffix}`, [project, suffix]);
  };
  for (const identity of readDismissedAgents(env)) add(identity.clName, identity.rawSuffix);
  for (const summary of readArchiveSummaries(env)) {
    if (!summary.revived_at) add(summary.project_name ?? summary.cl_name, summary.raw_suffix);
  }
  return [...keys.values()];
}

function stampOf(path: string): string {
  try {
    const info = Deno.statSync(path);
    return `${info.mtime?.getTime() ?? 0}:${info.size}`;
  } catch {
    return "-";
  }
}

/** A signature that changes whenever the projection's sources change. */
export function dismissedSignature(env: Env): string {
  const archive = archiveIndexPath(env);
  return [dismissedAgentsPath(env), archive, `${archive}-wal`].map(stampOf).join("|");
}
