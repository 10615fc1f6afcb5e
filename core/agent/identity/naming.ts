/**
 * Agent names are permanent ids (handbook 4.21): an explicit name that is
 * already reserved fails, and auto-names take the lowest free token of
 * `0..9, a..z, 00, 01, ...` (the sequence launch planning uses too,
 * `autoNameToken` in `core/xprompt/naming.ts`). Reservations live in
 * `SASE_HOME/agent_name_registry.json`, changed only under its lock.
 *
 * @module
 */

import { join } from "../../fs/path.ts";
import type { Env } from "../../config/paths.ts";
import { saseHome } from "../../config/paths.ts";
import { atomicWriteJson } from "../../fs/atomic_write.ts";
import { readJsonFile } from "../../fs/json_object.ts";
import { withFileLock } from "../../fs/lock.ts";
import { SaseError } from "../../errors.ts";
import { autoNameToken } from "../../xprompt/naming.ts";

/** One reserved name. */
export interface NameReservation {
  timestamp: string;
  project: string;
  artifacts_dir: string;
  reserved_at: string;
}

interface Registry {
  schema_version: 1;
  names: Record<string, NameReservation>;
}

/** The registry file. */
export function nameRegistryPath(env: Env): string {
  return join(saseHome(env), "agent_name_registry.json");
}

/**
 * The registry at `path`; a missing file is an empty registry. An unreadable
 * one is refused rather than read as empty: the next reservation would
 * overwrite it and hand out names that runs on disk already hold.
 */
async function readRegistry(path: string): Promise<Registry> {
  const hint =
    "move the file aside, then `sase agent names migrate-auto` rebuilds it from the run records";
  const parsed = await readJsonFile(path, "agent.name_registry", {
    hint,
    invalidJson: "unreadable agent name registry: not valid JSON",
  });
  if (parsed === undefined) return { schema_version: 1, names: {} };
  const names = (parsed as { names?: unknown } | null)?.names;
  if (!names || typeof names !== "object" || Array.isArray(names)) {
    throw new SaseError(
      "agent.name_registry",
      `${path}: unreadable agent name registry: it has no 'names' mapping`,
      { hint, kind: "invalid-data" },
    );
  }
  return parsed as Registry;
}

/** Every reserved name (read without the lock: a snapshot for lookups). */
export async function readNameRegistry(env: Env): Promise<Record<string, NameReservation>> {
  return (await readRegistry(nameRegistryPath(env))).names;
}

/** Reserve `requested` (or the next auto-name) for a run; resolves to the name. */
export function reserveAgentName(
  env: Env,
  requested: string | undefined,
  reservation: Omit<NameReservation, "reserved_at">,
): Promise<string> {
  const path = nameRegistryPath(env);
  return withFileLock(path, async () => {
    const registry = await readRegistry(path);
    let name = requested?.trim();
    if (name) {
      if (Object.hasOwn(registry.names, name)) {
        let suffix = 1;
        while (Object.hasOwn(registry.names, `${name}${suffix}`)) suffix += 1;
        throw new SaseError("agent.name_taken", `agent name '${name}' is already in use`, {
          hint: `names are permanent ids; pick another, e.g. '${name}${suffix}'`,
          kind: "conflict",
        });
      }
    } else {
      let index = 0;
      while (Object.hasOwn(registry.names, autoNameToken(index))) index += 1;
      name = autoNameToken(index);
    }
    registry.names[name] = { ...reservation, reserved_at: new Date().toISOString() };
    await atomicWriteJson(path, registry);
    return name;
  });
}

/** What a forced reuse took over. */
export interface ForcedReservation {
  name: string;
  /** The registry's previous owner of the name, now wiped. */
  previous: NameReservation | null;
}

/** Erases whatever holds a name before a forced reuse claims it. */
export type NameOwnerWiper = (
  env: Env,
  name: string,
  owner: NameReservation | null,
) => Promise<unknown>;

/**
 * `%name:!<name>`: claim `name` even though it is reserved, after `wipe` has
 * erased the previous owner (`forceReuseAgentName` in `kill.ts` kills a live
 * owner, then deletes its run directory and dismissed bundles). The wipe runs
 * outside the registry lock (killing can take seconds); if another launch
 * claimed the name meanwhile the reuse fails rather than take over a
 * brand-new owner.
 */
export async function forceReserveAgentName(
  env: Env,
  name: string,
  reservation: Omit<NameReservation, "reserved_at">,
  wipe: NameOwnerWiper,
): Promise<ForcedReservation> {
  const path = nameRegistryPath(env);
  const trimmed = name.trim();
  if (!trimmed) {
    throw new SaseError("agent.name_empty", "a forced name reuse needs a name", {
      kind: "invalid-input",
    });
  }
  const previous = (await readRegistry(path)).names[trimmed] ?? null;
  await wipe(env, trimmed, previous);
  return withFileLock(path, async () => {
    const registry = await readRegistry(path);
    const current = registry.names[trimmed];
    if (current && current.reserved_at !== previous?.reserved_at) {
      throw new SaseError(
        "agent.name_taken",
        `agent name '${trimmed}' was claimed by another launch during the forced reuse`,
        { hint: "retry the launch once that agent is done", kind: "conflict" },
      );
    }
    registry.names[trimmed] = { ...reservation, reserved_at: new Date().toISOString() };
    await atomicWriteJson(path, registry);
    return { name: trimmed, previous };
  });
}

/**
 * Reserve names found on disk that the registry does not know yet (runs from
 * before the registry, or a lost registry); names already reserved keep
 * their owner. Resolves to the names added.
 */
export function backfillAgentNames(
  env: Env,
  found: ReadonlyMap<string, Omit<NameReservation, "reserved_at">>,
): Promise<string[]> {
  const path = nameRegistryPath(env);
  return withFileLock(path, async () => {
    const registry = await readRegistry(path);
    const added = [...found.keys()].filter((name) => !Object.hasOwn(registry.names, name)).sort();
    if (added.length === 0) return added;
    const reservedAt = new Date().toISOString();
    for (const name of added) {
      registry.names[name] = { ...found.get(name)!, reserved_at: reservedAt };
    }
    await atomicWriteJson(path, registry);
    return added;
  });
}
