/**
 * User-defined agent tags (`sase agent tag`, ACE's `N`): at most one tag per
 * agent, stored in `SASE_HOME/agent_tags.json` as a JSON list of
 * `{"id": [agent_type, cl_name, raw_suffix], "tag": "<tag>"}` — the identity
 * ACE uses for dismiss and revive, so a tag survives both. A run launched by
 * `sase run` is `["run", <project>, <timestamp>]`.
 *
 * Tags match `^[A-Za-z0-9_.-]+$` and are stored without the `@` ACE shows.
 *
 * @module
 */

import { join } from "../../fs/path.ts";
import type { Env } from "../../config/paths.ts";
import { saseHome } from "../../config/paths.ts";
import { usageError } from "../../errors.ts";
import { atomicWriteJson } from "../../fs/atomic_write.ts";
import { jsonListItems } from "../../fs/json_object.ts";
import { withFileLock } from "../../fs/lock.ts";
import { READ_LIMITS, readTextBounded, readTextBoundedSync } from "../../fs/bounded_read.ts";

/** `[agent_type, cl_name, raw_suffix]`. */
export type AgentIdentity = [agentType: string, clName: string, rawSuffix: string | null];

/** One stored tag. */
export interface TagEntry {
  id: AgentIdentity;
  tag: string;
}

/** Valid tag names. */
export const TAG_PATTERN = /^[A-Za-z0-9_.-]+$/;

/** The agent type of runs in the `ace-run` layout. */
export const RUN_AGENT_TYPE = "run";

/** `SASE_HOME/agent_tags.json`. */
export function agentTagsPath(env: Env): string {
  return join(saseHome(env), "agent_tags.json");
}

/** The identity of a run directory's agent. */
export function runIdentity(project: string, timestamp: string): AgentIdentity {
  return [RUN_AGENT_TYPE, project, timestamp];
}

/** A map key for an identity. */
export function identityKey(id: AgentIdentity): string {
  return JSON.stringify(id);
}

/** Check a tag name; returns it, or throws a usage error saying what is wrong. */
export function validateTag(tag: string): string {
  if (tag.startsWith("@")) {
    throw usageError(
      `tag '${tag}' must not start with '@'`,
      `the '@' is only shown by ACE; use '${tag.slice(1)}'`,
    );
  }
  if (!TAG_PATTERN.test(tag)) {
    throw usageError(
      `tag '${tag}' is not valid`,
      "tags use letters, digits, '_', '.' and '-' only",
    );
  }
  return tag;
}

/**
 * An identity as ACE stores it (in `agent_tags.json` and
 * `dismissed_agents.json`), or undefined when `value` is not one.
 */
export function parseAgentIdentity(value: unknown): AgentIdentity | undefined {
  if (!Array.isArray(value) || value.length !== 3) return undefined;
  const [agentType, clName, rawSuffix] = value;
  if (typeof agentType !== "string" || typeof clName !== "string") return undefined;
  if (rawSuffix !== null && typeof rawSuffix !== "string") return undefined;
  return [agentType, clName, rawSuffix];
}

/**
 * Parse `agent_tags.json`, skipping malformed entries. Legacy entries with a
 * `tags` list keep their first valid tag.
 */
export function parseAgentTags(text: string): TagEntry[] {
  return jsonListItems(text).flatMap((entry): TagEntry[] => {
    if (!entry || typeof entry !== "object") return [];
    const id = parseAgentIdentity((entry as Record<string, unknown>).id);
    if (!id) return [];
    const { tag, tags } = entry as Record<string, unknown>;
    const candidates = [tag, ...(Array.isArray(tags) ? tags : [])];
    const found = candidates.find((value): value is string =>
      typeof value === "string" && TAG_PATTERN.test(value)
    );
    return found ? [{ id, tag: found }] : [];
  });
}

/** Every stored tag (none when the file is missing or unreadable). */
export function readAgentTags(env: Env): TagEntry[] {
  try {
    return parseAgentTags(readTextBoundedSync(agentTagsPath(env), READ_LIMITS.record));
  } catch {
    return [];
  }
}

/** Tags keyed by {@linkcode identityKey}. */
export function tagsByIdentity(entries: readonly TagEntry[]): Map<string, string> {
  return new Map(entries.map((entry) => [identityKey(entry.id), entry.tag]));
}

/** What a tag change did. */
export interface TagChange {
  previous: string | null;
  tag: string | null;
  changed: boolean;
}

/** Set (or with `null`, clear) the tag of `id`, under the file's lock. */
export function setAgentTag(env: Env, id: AgentIdentity, tag: string | null): Promise<TagChange> {
  if (tag !== null) validateTag(tag);
  const path = agentTagsPath(env);
  return withFileLock(path, async () => {
    let entries: TagEntry[] = [];
    try {
      entries = parseAgentTags(await readTextBounded(path, READ_LIMITS.record));
    } catch {
      // No tags yet.
    }
    const key = identityKey(id);
    const previous = entries.find((entry) => identityKey(entry.id) === key)?.tag ?? null;
    if (previous === tag) return { previous, tag, changed: false };
    const next = entries.filter((entry) => identityKey(entry.id) !== key);
    if (tag !== null) next.push({ id, tag });
    await atomicWriteJson(path, next);
    return { previous, tag, changed: true };
  });
}
