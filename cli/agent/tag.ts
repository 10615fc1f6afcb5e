/**
 * `sase agent tag set|unset|list`: the user-defined tag ACE groups agents by.
 *
 * @module
 */

import { printJson } from "../output.ts";
import { processEnv } from "../../core/config/paths.ts";
import { usageError } from "../../core/errors.ts";
import { indexLocation } from "../../core/agent/index/index_service.ts";
import { resolveAgent } from "../../core/agent/index/resolve.ts";
import {
  type AgentIdentity,
  identityKey,
  readAgentTags,
  runIdentity,
  setAgentTag,
  validateTag,
} from "../../core/agent/tags.ts";

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

/** Run `sase agent tag list`: every tag, or one agent's, as JSON. */
export async function runTagList(name: string | undefined): Promise<void> {
  const entries = readAgentTags(processEnv());
  if (name === undefined) {
    printJson(entries.map((entry) => entryJson(entry.id, entry.tag)));
    return;
  }
  const id = await identityOf(name);
  const tag = entries.find((entry) => identityKey(entry.id) === identityKey(id))?.tag ?? null;
  printJson({ name, ...entryJson(id, tag) });
}
