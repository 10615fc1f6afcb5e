/**
 * The agent services behind `sase agent list|show|tag` (and, later, ACE's
 * agents tab and the gateway): list agents (reaping the crashed runs a
 * listing comes across), show one, and set, clear and list the tags people
 * group agents by.
 *
 * @module
 */

import type { AppContext } from "../../context.ts";
import type { Env } from "../../config/paths.ts";
import { reapCrashedRuns, type ReapedRun } from "../identity/reap.ts";
import {
  type AgentIdentity,
  identityKey,
  readAgentTags,
  RUN_AGENT_TYPE,
  runIdentity,
  setAgentTag,
  type TagEntry,
  validateTag,
} from "../identity/tags.ts";
import { runDirPath } from "../records/artifacts.ts";
import { type AgentDetail, agentDetail } from "./detail.ts";
import { indexLocation, refreshIndex, withAgentIndex } from "./index_service.ts";
import { listAgents, listAgentsNotingCrashed, type ListOptions } from "./list.ts";
import { resolveAgent } from "./resolve.ts";
import type { AgentRow } from "./rows.ts";
import { importOnDemand } from "../../on_demand.ts";

/** A listing, and the crashed runs reaped while making it. */
export interface AgentListing {
  rows: AgentRow[];
  reaped: ReapedRun[];
}

/**
 * Agents across projects, newest first. A crashed run the listing comes
 * across is reaped first (its provider stopped, the run recorded as
 * failed), then listed as it now is. `project` is a name or alias.
 */
export async function listAgentRows(
  app: AppContext,
  filter: Omit<ListOptions, "project" | "nowMs"> & { project?: string } = {},
): Promise<AgentListing> {
  // Loaded only for a project: it reads the ProjectSpec store, which a plain listing never needs.
  const project = filter.project === undefined
    ? undefined
    : await (await importOnDemand<typeof import("../identity/agent_project.ts")>(
      "../identity/agent_project.ts",
      import.meta.url,
    )).resolveAgentProject(
      app.env,
      filter.project,
    );
  const location = indexLocation(app.env);
  const options = { ...filter, project };
  const listing = await listAgentsNotingCrashed(location, options);
  if (listing.crashed.length === 0) return { rows: listing.rows, reaped: [] };
  const reaped = await reapCrashedRuns(app, listing.crashed);
  return { rows: await listAgents(location, options), reaped };
}

/** The detail of the agent called `name` (`tailLines` of its reply, default 20). */
export async function showAgent(
  env: Env,
  name: string,
  options: { tailLines?: number } = {},
): Promise<AgentDetail> {
  return await agentDetail(indexLocation(env), name, options);
}

async function identityOf(env: Env, name: string): Promise<AgentIdentity> {
  const { record } = await resolveAgent(indexLocation(env), name);
  return runIdentity(record.project, record.timestamp);
}

/** Tag the agent called `name` (replacing any prior tag); resolves to the tag as stored. */
export async function tagAgent(env: Env, name: string, tag: string): Promise<string> {
  validateTag(tag);
  await setAgentTag(env, await identityOf(env, name), tag);
  return tag;
}

/** Clear the tag of the agent called `name`. */
export async function untagAgent(env: Env, name: string): Promise<void> {
  await setAgentTag(env, await identityOf(env, name), null);
}

/** One agent's tag. */
export interface AgentTag {
  id: AgentIdentity;
  tag: string | null;
}

/** The tag of the agent called `name` (null when it has none). */
export async function agentTag(env: Env, name: string): Promise<AgentTag> {
  const id = await identityOf(env, name);
  const tag = readAgentTags(env).find((entry) => identityKey(entry.id) === identityKey(id))?.tag ??
    null;
  return { id, tag };
}

/** A stored tag and the name of the agent it belongs to, when the index knows one. */
export interface NamedTag extends TagEntry {
  name: string | null;
}

/**
 * Every stored tag; with `names`, the names of tagged `sase run` agents are
 * looked up in the index (which brings it up to date first).
 */
export async function listAgentTags(
  env: Env,
  options: { names?: boolean } = {},
): Promise<NamedTag[]> {
  const entries = readAgentTags(env);
  const names = new Map<string, string>();
  const runs = entries.filter((entry) => entry.id[0] === RUN_AGENT_TYPE && entry.id[2]);
  if (options.names && runs.length > 0) {
    await withAgentIndex(indexLocation(env), async (index) => {
      await refreshIndex(index);
      for (const { id } of runs) {
        const name = index.run(runDirPath(env, id[1], id[2]!))?.record.name;
        if (name) names.set(identityKey(id), name);
      }
    });
  }
  return entries.map((entry) => ({ ...entry, name: names.get(identityKey(entry.id)) ?? null }));
}
