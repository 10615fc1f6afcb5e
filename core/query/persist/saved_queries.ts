/**
 * ACE's saved PRs queries: slots `0`-`9` in `SASE_HOME/saved_queries.json`,
 * an object from slot to canonical query text, the file the original
 * writes. Keys this version does not know are kept on every write, so a
 * newer writer's data is never lost; a file that is not a JSON object is an
 * error naming it (it is never overwritten).
 *
 * @module
 */

import { join } from "../../fs/path.ts";
import { type Env, saseHome } from "../../config/paths.ts";
import { readJsonFile } from "../../fs/json_object.ts";
import { atomicWriteJson } from "../../fs/atomic_write.ts";
import { withFileLock } from "../../fs/lock.ts";
import { SaseError } from "../../errors.ts";

/** The ten slots, in the order "first saved query" and "next free slot" walk them. */
export const SLOT_ORDER = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0"] as const;

/** One slot key. */
export type QuerySlot = typeof SLOT_ORDER[number];

/** Slot → canonical query. */
export type SavedQueries = Partial<Record<QuerySlot, string>>;

/** `SASE_HOME/saved_queries.json`. */
export function savedQueriesPath(env: Env): string {
  return join(saseHome(env), "saved_queries.json");
}

/** Whether `text` names a slot. */
export function isQuerySlot(text: string): text is QuerySlot {
  return (SLOT_ORDER as readonly string[]).includes(text);
}

async function readRaw(path: string): Promise<Record<string, unknown>> {
  const value = await readJsonFile(path, "query.saved_invalid", {
    hint: "fix or remove the file; ACE rewrites it when a query is saved",
  });
  if (value === undefined) return {};
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    throw new SaseError("query.saved_invalid", `${path}: expected a JSON object of slot → query`, {
      hint: "fix or remove the file; ACE rewrites it when a query is saved",
      kind: "invalid-data",
    });
  }
  return value as Record<string, unknown>;
}

function slotsOf(raw: Record<string, unknown>): SavedQueries {
  const out: SavedQueries = {};
  for (const slot of SLOT_ORDER) {
    const value = raw[slot];
    if (typeof value === "string" && value.trim() !== "") out[slot] = value;
  }
  return out;
}

/** The saved queries (none when the file is missing). */
export async function readSavedQueries(env: Env): Promise<SavedQueries> {
  return slotsOf(await readRaw(savedQueriesPath(env)));
}

/** The query of the first filled slot (1-9, then 0), or null. */
export function firstSavedQuery(saved: SavedQueries): string | null {
  for (const slot of SLOT_ORDER) if (saved[slot] !== undefined) return saved[slot]!;
  return null;
}

/** The first free slot (1-9, then 0), or null when all ten are taken. */
export function nextFreeSlot(saved: SavedQueries): QuerySlot | null {
  return SLOT_ORDER.find((slot) => saved[slot] === undefined) ?? null;
}

/** The slot holding exactly `query`, or null. */
export function slotOf(saved: SavedQueries, query: string): QuerySlot | null {
  return SLOT_ORDER.find((slot) => saved[slot] === query) ?? null;
}

async function update(
  env: Env,
  change: (raw: Record<string, unknown>) => void,
): Promise<SavedQueries> {
  const path = savedQueriesPath(env);
  return await withFileLock(path, async () => {
    const raw = await readRaw(path);
    change(raw);
    await atomicWriteJson(path, raw);
    return slotsOf(raw);
  });
}

/**
 * Save `query` (canonical) to `slot`; a query saved in another slot moves
 * (it is never kept twice). Resolves to the slots as now stored.
 */
export function saveQuery(env: Env, slot: QuerySlot, query: string): Promise<SavedQueries> {
  return update(env, (raw) => {
    for (const other of SLOT_ORDER) if (other !== slot && raw[other] === query) delete raw[other];
    raw[slot] = query;
  });
}

/** Empty `slot` (an empty slot stays empty). */
export function deleteQuery(env: Env, slot: QuerySlot): Promise<SavedQueries> {
  return update(env, (raw) => {
    delete raw[slot];
  });
}
