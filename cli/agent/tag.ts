/**
 * `sase agent tag set|unset|list`: the user-defined tag ACE groups agents by.
 * Tags print as a table (`-j`: the stored identities as JSON).
 *
 * @module
 */

import { formatTable, printJson } from "../shared/output.ts";
import { processEnv } from "../../core/config/paths.ts";
import { usageError } from "../../core/errors.ts";
import { runDirPath } from "../../core/agent/records/artifacts.ts";
import {
  indexLocation,
  refreshIndex,
  withAgentIndex,
} from "../../core/agent/index/index_service.ts";
import { resolveAgent } from "../../core/agent/index/resolve.ts";
import {
  type AgentIdentity,
  identityKey,
  readAgentTags,
  RUN_AGENT_TYPE,
  runIdentity,
  setAgentTag,
  type TagEntry,
  validateTag,
} from "../../core/agent/identity/tags.ts";

async function identityOf(name: string): Promise<AgentIdentity> {
  const { record } = await resolveAgent(indexLocation(processEnv()), name);
  return runIdentity(record.project, record.timestamp);
}

/** Run `sase agent tag set`. */
export async function runTagSet(name: string, tag: string | undefined): Promise<void> {
  if (!tag) {
    throw usageError("which tag? pass --tag TAG", "e.g. `sase agent tag set -n 3 -t review`");
  }
  validateTag(tag);
  const change = await setAgentTag(processEnv(), await identityOf(name), tag);
  console.log(`Tag for ${name}: @${change.tag}`);
}

/** Run `sase agent tag unset`. */
export async function runTagUnset(name: string): Promise<void> {
  await setAgentTag(processEnv(), await identityOf(name), null);
  console.log(`Tag for ${name}: (none)`);
}

function entryJson(id: AgentIdentity, tag: string | null) {
  return { agent_type: id[0], cl_name: id[1], raw_suffix: id[2], tag };
}

/** The agent names of tagged `sase run` identities, from the index (others have none). */
async function namesOf(entries: readonly TagEntry[]): Promise<Map<string, string>> {
  const env = processEnv();
  const names = new Map<string, string>();
  const runs = entries.filter((entry) => entry.id[0] === RUN_AGENT_TYPE && entry.id[2]);
  if (runs.length === 0) return names;
  await withAgentIndex(indexLocation(env), async (index) => {
    await refreshIndex(index);
    for (const { id } of runs) {
      const name = index.run(runDirPath(env, id[1], id[2]!))?.record.name;
      if (name) names.set(identityKey(id), name);
    }
  });
  return names;
}

/** Run `sase agent tag list`: every tag (or one agent's) as a table, or JSON with `-j`. */
export async function runTagList(
  name: string | undefined,
  options: { json?: boolean } = {},
): Promise<void> {
  const entries = readAgentTags(processEnv());
  if (name !== undefined) {
    const id = await identityOf(name);
    const tag = entries.find((entry) => identityKey(entry.id) === identityKey(id))?.tag ?? null;
    if (options.json) printJson({ name, ...entryJson(id, tag) });
    else console.log(`Tag for ${name}: ${tag === null ? "(none)" : `@${tag}`}`);
    return;
  }
  if (options.json) {
    printJson(entries.map((entry) => entryJson(entry.id, entry.tag)));
    return;
  }
  if (entries.length === 0) {
    console.log("No agent tags. Set one with `sase agent tag set NAME TAG`.");
    return;
  }
  const names = await namesOf(entries);
  console.log(formatTable(
    ["TAG", "AGENT", "TYPE", "PROJECT", "RUN"],
    entries.map((entry) => [
      `@${entry.tag}`,
      names.get(identityKey(entry.id)) ?? "-",
      entry.id[0],
      entry.id[1],
      entry.id[2] ?? "-",
    ]),
  ));
}
