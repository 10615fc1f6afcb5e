/**
 * `sase agent tag set|unset|list`: the user-defined tag ACE groups agents by.
 * Tags print as a table (`-j`: the stored identities as JSON).
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { usageError } from "../../core/errors.ts";
import { agentTag, listAgentTags, tagAgent, untagAgent } from "../../core/agent/index/agents.ts";
import { agentTagsWire, namedAgentTagWire } from "../../core/agent/wire.ts";
import { formatTable, printJson } from "../shared/output.ts";

/** Run `sase agent tag set`. */
export async function runTagSet(
  app: AppContext,
  name: string,
  tag: string | undefined,
): Promise<void> {
  if (!tag) {
    throw usageError("which tag? pass --tag TAG", "e.g. `sase agent tag set -n 3 -t review`");
  }
  console.log(`Tag for ${name}: @${await tagAgent(app.env, name, tag)}`);
}

/** Run `sase agent tag unset`. */
export async function runTagUnset(app: AppContext, name: string): Promise<void> {
  await untagAgent(app.env, name);
  console.log(`Tag for ${name}: (none)`);
}

/** Run `sase agent tag list`: every tag (or one agent's) as a table, or JSON with `-j`. */
export async function runTagList(
  app: AppContext,
  name: string | undefined,
  options: { json?: boolean } = {},
): Promise<void> {
  if (name !== undefined) {
    const { id, tag } = await agentTag(app.env, name);
    if (options.json) printJson(namedAgentTagWire(name, id, tag));
    else console.log(`Tag for ${name}: ${tag === null ? "(none)" : `@${tag}`}`);
    return;
  }
  const tags = await listAgentTags(app.env, { names: !options.json });
  if (options.json) {
    printJson(agentTagsWire(tags));
    return;
  }
  if (tags.length === 0) {
    console.log("No agent tags. Set one with `sase agent tag set NAME TAG`.");
    return;
  }
  console.log(formatTable(
    ["TAG", "AGENT", "TYPE", "PROJECT", "RUN"],
    tags.map((entry) => [
      `@${entry.tag}`,
      entry.name ?? "-",
      entry.id[0],
      entry.id[1],
      entry.id[2] ?? "-",
    ]),
  ));
}
